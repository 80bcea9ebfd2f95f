using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The service ledger through the API: a member's entry sent back, recorded again and confirmed; a pairing
/// with its visits; bad input changing nothing;
/// one entry per doubled request; a town's counts its branches' sums.</summary>
public abstract class ServiceTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static Task<HttpResponseMessage> Record(HttpClient c, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service/entries")
        {
            Content = JsonContent.Create(body),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return c.SendAsync(request);
    }

    [Fact]
    public async Task A_member_records_an_entry_it_is_sent_back_recorded_again_and_confirmed()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var self = await Tree.AccountAsync(App, admin, "member", branch, member);
        var (_, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var stranger = await Tree.AccountAsync(App, admin, "branchSecretary", otherBranch);

        // Bad input is a 400 naming the field, in Chinese, and changes nothing.
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var tooLong = await Record(self, new { kind = "thingDone", what = new string('事', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("内容过长", await tooLong.Content.ReadAsStringAsync());
        var future = await Record(self, new { kind = "thingDone", what = "修水管", doneOn = "2026-12-11" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("doneOn", await future.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Record(self, new { kind = "dispute", what = "邻里宅基地纠纷" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Record(self, new { kind = "volunteering", what = "清雪", hours = 30m })).StatusCode);
        Assert.Equal(audit, await App.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // The member records a thing done for a household; twice with one key is one entry.
        var body = new
        {
            kind = "thingDone",
            what = "帮五保户代办医保报销",
            forWhom = "李秀英",
            forWhomPhone = "13912345678",
            place = "三组",
            doneOn = "2026-12-08",
            outcome = "已报销",
        };
        var made = await Record(self, body, "k-1");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var entry = await made.ReadAsync();
        var id = entry.GetProperty("id").GetInt32();
        Assert.Equal("pending", entry.GetProperty("state").GetString());
        Assert.Equal("*******5678", entry.GetProperty("forWhomPhone").GetString());
        var again = await Record(self, body, "k-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.ReadAsync()).GetProperty("id").GetInt32());
        Assert.Equal(1, await App.WithDbAsync(db => db.ServiceEntries.CountAsync(e => e.OrgId == branch)));

        // Someone outside the branch cannot see or confirm it; the member cannot confirm their own.
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.PostAsync($"/api/v1/service/entries/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/service/entries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await self.PostAsync($"/api/v1/service/entries/{id}/confirm", null)).StatusCode);

        // The secretary sees it waiting, sends it back with a reason; the member records it again; it is confirmed.
        var waiting = await (await secretary.GetAsync("/api/v1/service/entries?state=pending")).ReadAsync();
        Assert.Contains(waiting.EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/service/entries/{id}/send-back", new { reason = "" }))
            .StatusCode);
        var back = await secretary.PostAsJsonAsync($"/api/v1/service/entries/{id}/send-back",
            new { reason = "请写明报销金额" });
        Assert.Equal("sentBack", (await back.ReadAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await secretary.PostAsync($"/api/v1/service/entries/{id}/confirm", null)).StatusCode);
        var revised = await self.PutAsJsonAsync($"/api/v1/service/entries/{id}",
            body with { outcome = "已报销 1,260 元" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("pending", (await revised.ReadAsync()).GetProperty("state").GetString());
        var confirmed = await secretary.PostAsync($"/api/v1/service/entries/{id}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var view = await confirmed.ReadAsync();
        Assert.Equal("confirmed", view.GetProperty("state").GetString());
        Assert.Equal("已报销 1,260 元", view.GetProperty("outcome").GetString());
        await Drift.NoneAsync(admin, "a confirmed entry");
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/service/entries/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await self.PutAsJsonAsync($"/api/v1/service/entries/{id}", body)).StatusCode);

        // The town sees the entry with the household's name masked.
        var seen = await (await admin.GetAsync($"/api/v1/service/entries/{id}")).ReadAsync();
        Assert.Equal("李**", seen.GetProperty("forWhom").GetString());
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "ServiceEntry")));
    }

    [Fact]
    public async Task A_pairing_with_visits_and_a_towns_counts_are_its_branches_sums()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, first) = await Tree.TownWithBranchAsync(admin);
        var second = await Tree.OrgAsync(admin, town, "branch");
        var a = await Tree.MemberAsync(admin, first);
        var b = await Tree.MemberAsync(admin, second);
        var firstSecretary = await Tree.AccountAsync(App, admin, "branchSecretary", first);
        var secondSecretary = await Tree.AccountAsync(App, admin, "branchSecretary", second);

        var pairing = await firstSecretary.PostAsJsonAsync("/api/v1/service/pairings",
            new { memberId = a, household = "张德福", householdPhone = "13800001111", startedOn = "2026-01-05" });
        Assert.Equal(HttpStatusCode.Created, pairing.StatusCode);
        var pid = (await pairing.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await firstSecretary.PostAsJsonAsync("/api/v1/service/pairings",
            new { memberId = a, household = "张德福" })).StatusCode);
        foreach (var day in new[] { "2026-11-03", "2026-12-02" })
            Assert.Equal(HttpStatusCode.Created, (await Record(firstSecretary, new
            {
                kind = "pairingVisit",
                what = "走访帮扶户，送冬衣",
                pairingId = pid,
                memberIds = new[] { a },
                doneOn = day,
            })).StatusCode);
        var pairings = await (await firstSecretary.GetAsync($"/api/v1/orgs/{first}/service/pairings")).ReadAsync();
        var p = pairings.EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == pid);
        Assert.Equal(2, p.GetProperty("visits").GetInt32());
        Assert.Equal("2026-12-02", p.GetProperty("lastVisit").GetString());

        // December in both branches: disputes, things done, volunteering, a petition answered.
        await Record(firstSecretary, new
        {
            kind = "dispute",
            what = "土地边界纠纷",
            parties = "王、刘两户",
            disputeOutcome = "resolved",
            memberIds = new[] { a },
            doneOn = "2026-12-01",
        });
        await Record(firstSecretary, new
        {
            kind = "dispute",
            what = "赡养纠纷",
            disputeOutcome = "referred",
            memberIds = new[] { a },
            doneOn = "2026-12-01",
        });
        await Record(secondSecretary, new
        {
            kind = "volunteering",
            what = "雹灾后帮农户抢收",
            hours = 4.5m,
            memberIds = new[] { b },
            doneOn = "2026-12-03",
        });
        await Record(secondSecretary, new
        {
            kind = "petition",
            what = "低保申请",
            referral = "转镇民政办",
            answer = "已纳入低保",
            memberIds = new[] { b },
            doneOn = "2026-12-04",
        });
        await Record(secondSecretary, new
        {
            kind = "thingDone",
            what = "代缴电费",
            memberIds = new[] { b },
            doneOn = "2026-12-04",
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await Record(secondSecretary, new
        {
            kind = "thingDone",
            what = "代缴电费",
            memberIds = new[] { a },
            doneOn = "2026-12-04",
        })).StatusCode);

        async Task<JsonElement> Counts(int org, string period) =>
            await (await admin.GetAsync($"/api/v1/orgs/{org}/service/counts?period={period}")).ReadAsync();
        var townCounts = await Counts(town, "2026-12");
        var one = await Counts(first, "2026-12");
        var two = await Counts(second, "2026-12");
        foreach (var name in new[]
                 { "disputesResolved", "thingsDone", "pairingVisits", "volunteers", "petitionsAnswered" })
            Assert.Equal(townCounts.GetProperty(name).GetInt32(),
                one.GetProperty(name).GetInt32() + two.GetProperty(name).GetInt32());
        Assert.Equal(1, townCounts.GetProperty("disputesResolved").GetInt32());
        Assert.Equal(1, townCounts.GetProperty("pairingVisits").GetInt32());
        Assert.Equal(1, townCounts.GetProperty("thingsDone").GetInt32());
        Assert.Equal(4.5m, townCounts.GetProperty("volunteerHours").GetDecimal());
        Assert.Equal(1, townCounts.GetProperty("petitionsAnswered").GetInt32());
        Assert.Equal(2, (await Counts(town, "2026")).GetProperty("pairingVisits").GetInt32());
        // The town's rows per branch, each counted by the database.
        var rows = townCounts.GetProperty("branches").EnumerateArray()
            .ToDictionary(r => r.GetProperty("branchId").GetInt32());
        Assert.Equal([first, second], rows.Keys.Order());
        Assert.Equal(1, rows[first].GetProperty("disputesResolved").GetInt32());
        Assert.Equal(0, rows[first].GetProperty("volunteers").GetInt32());
        Assert.Equal(1, rows[second].GetProperty("volunteers").GetInt32());
        Assert.Equal(4.5m, rows[second].GetProperty("volunteerHours").GetDecimal());
        Assert.Equal(1, rows[second].GetProperty("petitionsAnswered").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.GetAsync($"/api/v1/orgs/{town}/service/counts?period=12-2026")).StatusCode);

        // Each count lists the entries behind it.
        var behind = await (await admin.GetAsync(
            $"/api/v1/service/entries?orgId={town}&period=2026-12&metric=disputesResolved")).ReadAsync();
        Assert.Equal("土地边界纠纷", Assert.Single(behind.EnumerateArray()).GetProperty("what").GetString());
        var disputes = await (await admin.GetAsync(
            $"/api/v1/service/entries?orgId={town}&period=2026-12&kind=dispute")).ReadAsync();
        Assert.Equal(2, disputes.GetArrayLength());
    }
}

public sealed class ServiceTestsOnSqlite(SqliteApp app) : ServiceTests<SqliteApp>(app);
public sealed class ServiceTestsOnPostgres(PostgresApp app) : ServiceTests<PostgresApp>(app);
