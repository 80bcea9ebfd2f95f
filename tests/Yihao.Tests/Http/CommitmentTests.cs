using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Features.Commitments;
using Yihao.Web.Features.Stars;

namespace Yihao.Tests.Http;

/// <summary>Public commitments through the API: made, fulfilled, sent back, fulfilled again and confirmed; the board,
/// the overdue list, the counts, the stars' service fact; bad input, a doubled request, someone outside the
/// branch.</summary>
public abstract class CommitmentTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task A_commitment_made_fulfilled_sent_back_fulfilled_again_and_confirmed()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var memberClient = await Tree.AccountAsync(App, admin, "member", branch, member);
        var (_, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var stranger = await Tree.AccountAsync(App, admin, "branchSecretary", otherBranch);

        // Bad input: a clear error in Chinese naming the field, nothing recorded.
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var past = await memberClient.PostAsJsonAsync("/api/v1/commitments",
            new { what = "为孤寡老人义务理发", dueOn = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var pastText = await past.Content.ReadAsStringAsync();
        Assert.Contains("dueOn", pastText);
        Assert.Contains("不能早于今天", pastText);
        var tooLong = await memberClient.PostAsJsonAsync("/api/v1/commitments",
            new { what = new string('长', 201), dueOn = "2026-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("what", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync("/api/v1/commitments",
            new { memberId = member, what = "帮扶", dueOn = "2026-12-31" })).StatusCode);
        Assert.Equal(audit, await App.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // The member makes one from 我的; the same request again is the same commitment.
        var body = new
        {
            what = "为村里三户五保户每月打扫一次院子",
            forWhom = "五保户",
            dueOn = "2026-11-30",
            category = "serveThePeople"
        };
        var made = await memberClient.PostAsJsonAsync("/api/v1/commitments", body);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.ReadAsync()).GetProperty("id").GetInt32();
        var again = await memberClient.PostAsJsonAsync("/api/v1/commitments", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.ReadAsync()).GetProperty("id").GetInt32());
        Assert.Equal(1, await App.WithDbAsync(db => db.Commitments.CountAsync(c => c.MemberId == member)));

        // Someone outside the branch sees nothing and cannot confirm it.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/commitments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.GetAsync($"/api/v1/orgs/{branch}/commitments")).StatusCode);

        // Fulfilled; the secretary sends it back with a comment; the member cannot answer their own.
        var fulfilled = await memberClient.PostAsJsonAsync($"/api/v1/commitments/{id}/fulfilments",
            new { evidence = "已打扫两户" });
        Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
        Assert.Equal("reported", (await fulfilled.ReadAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/commitments/{id}/answer",
            new { confirm = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.PostAsJsonAsync(
            $"/api/v1/commitments/{id}/answer", new { confirm = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PostAsJsonAsync($"/api/v1/commitments/{id}/answer",
            new { confirm = false })).StatusCode);
        var back = await secretary.PostAsJsonAsync($"/api/v1/commitments/{id}/answer",
            new { confirm = false, comment = "还有一户没打扫" });
        Assert.Equal("sentBack", (await back.ReadAsync()).GetProperty("state").GetString());

        // Overdue once its day passes while sent back: on the branch's overdue list and the town's.
        App.Clock.Set(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var overdue = await (await secretary.GetAsync($"/api/v1/orgs/{branch}/commitments?overdue=true")).ReadAsync();
        Assert.Equal([id], overdue.GetProperty("commitments").EnumerateArray()
            .Select(c => c.GetProperty("id").GetInt32()));
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        // Only the branch's secretary confirms, as for service entries: the town admin reads.
        Assert.Equal(HttpStatusCode.Forbidden, (await townAdmin.PostAsJsonAsync($"/api/v1/commitments/{id}/answer",
            new { confirm = true })).StatusCode);
        Assert.Equal(1, (await (await townAdmin.GetAsync($"/api/v1/orgs/{town}/commitments?overdue=true"))
            .ReadAsync()).GetProperty("overdue").GetInt32());

        // Fulfilled again and confirmed: the whole history stays, the board shows it confirmed.
        Assert.Equal(HttpStatusCode.OK, (await memberClient.PostAsJsonAsync($"/api/v1/commitments/{id}/fulfilments",
            new { evidence = "三户都已打扫，附照片" })).StatusCode);
        var confirmed = await (await secretary.PostAsJsonAsync($"/api/v1/commitments/{id}/answer",
            new { confirm = true })).ReadAsync();
        Assert.Equal("confirmed", confirmed.GetProperty("state").GetString());
        Assert.Equal("2026-12-02", confirmed.GetProperty("confirmedOn").GetString());
        await Drift.NoneAsync(admin, "a confirmed commitment");
        var steps = confirmed.GetProperty("fulfilments").EnumerateArray().ToList();
        Assert.Equal([false, true], steps.Select(s => s.GetProperty("confirmed").GetBoolean()));
        Assert.Equal("还有一户没打扫", steps[0].GetProperty("comment").GetString());
        var board = await (await memberClient.GetAsync($"/api/v1/orgs/{branch}/commitments?year=2026")).ReadAsync();
        Assert.Equal((1, 1, 0), (board.GetProperty("made").GetInt32(), board.GetProperty("confirmed").GetInt32(),
            board.GetProperty("overdue").GetInt32()));

        // The counts: made in November, fulfilled in December; the town's equal its branch's.
        var counts = await (await townAdmin.GetAsync(
            $"/api/v1/orgs/{town}/commitments/counts?from=2026-12-01&to=2026-12-31")).ReadAsync();
        Assert.Equal((0, 1), (counts.GetProperty("made").GetInt32(), counts.GetProperty("fulfilled").GetInt32()));
        var year = await (await secretary.GetAsync(
            $"/api/v1/orgs/{branch}/commitments/counts?from=2026-01-01&to=2026-12-31")).ReadAsync();
        Assert.Equal((1, 1), (year.GetProperty("made").GetInt32(), year.GetProperty("fulfilled").GetInt32()));

        // The stars: December's "a service or commitment fulfilled" is true for the member, November's is not.
        var facts = await App.WithDbAsync(async db =>
        {
            var district = await db.Members.Where(m => m.Id == member).Select(m => m.DistrictId).FirstAsync();
            return await StarFacts.LoadAsync(db, district, [branch], new DateOnly(2026, 11, 1),
                new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2));
        });
        Assert.True(facts[(branch, new DateOnly(2026, 12, 1))].Members.Single(m => m.MemberId == member).Served);
        Assert.False(facts[(branch, new DateOnly(2026, 11, 1))].Members.Single(m => m.MemberId == member).Served);
        Assert.Contains(await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Entity).Distinct().ToListAsync()),
            e => e == "CommitmentFulfilment");
    }

    [Fact]
    public async Task A_year_of_commitments_at_once_for_the_whole_branch()
    {
        App.Clock.Set(new DateTimeOffset(2027, 1, 5, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var a = await Tree.MemberAsync(admin, branch);
        var b = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var rows = new[]
        {
            new CommitmentRequest(a, "全年走访困难户十二次", "困难户", "2027-12-31", "serveThePeople"),
            new CommitmentRequest(b, "每月学习党章一次", null, "2027-12-31", "study"),
        };
        var bad = await secretary.PostAsJsonAsync("/api/v1/commitments/batch",
            new CommitmentBatchRequest([rows[0], rows[1] with { DueOn = "2026-12-31" }]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rows[1].dueOn", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Commitments.CountAsync(c => c.OrgId == branch)));
        var made = await secretary.PostAsJsonAsync("/api/v1/commitments/batch", new CommitmentBatchRequest([.. rows]));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsJsonAsync("/api/v1/commitments/batch",
            new CommitmentBatchRequest([.. rows]))).StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.Commitments.CountAsync(c => c.OrgId == branch)));
    }
}

public sealed class CommitmentTestsOnSqlite(SqliteApp app) : CommitmentTests<SqliteApp>(app);
public sealed class CommitmentTestsOnPostgres(PostgresApp app) : CommitmentTests<PostgresApp>(app);
