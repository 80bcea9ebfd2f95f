using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The dues ledger through the API: standards, payments over several months, a doubled request, a reversal,
/// arrears by month and branch, a town's figures as its branches' sums, and the stars and six musts reading it.</summary>
public abstract class DuesTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static async Task<JsonElement> Dues(HttpClient c, int member, string query = "?from=2026-01&to=2026-12") =>
        await (await c.GetAsync($"/api/v1/members/{member}/dues{query}")).ReadAsync();

    [Fact]
    public async Task A_payment_for_three_months_a_doubled_request_a_reversal_and_the_arrears_of_a_year()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var memberClient = await Tree.AccountAsync(App, admin, "member", branch, member);
        var (_, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var stranger = await Tree.AccountAsync(App, admin, "branchSecretary", otherBranch);

        // The standard: employed, 4,000 yuan a month after tax, 1% under the policy's brackets, from January.
        var standard =
            await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/standards",
            new { effectiveFrom = "2026-01", category = "employed", monthlyIncome = 4000m });
        Assert.Equal(HttpStatusCode.Created, standard.StatusCode);
        Assert.Equal(40.00m, (await standard.ReadAsync()).GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/standards", new { amount = 100m }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/standards", new { category = "employed" }))
            .StatusCode);
        Assert.Equal(40.00m, (await Dues(secretary, member)).GetProperty("standard").GetDecimal());

        // Bad input is a clear error in Chinese, and changes nothing.
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var negative =
            await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-10", to = "2026-12", amount = -120m });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("金额必须大于零", await negative.Content.ReadAsStringAsync());
        var precise =
            await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-10", to = "2026-12", amount = 120.005m });
        Assert.Contains("两位小数", await precise.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", to = "2026-10", amount = 120m })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 40m, receiptNo = new string('9', 51) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 40m, method = "cash" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 40m })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 40m })).StatusCode);
        Assert.Equal(audit, await App.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // October to December at once; the same request again (a double tap) is the same payment.
        var body =
            new { from = "2026-10", to = "2026-12", amount = 120.00m, method = "atMeeting", receiptNo = "NO.0012" };
        var paid = await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments", body);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payment = (await paid.ReadAsync()).GetProperty("id").GetInt32();
        var again = await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(payment, (await again.ReadAsync()).GetProperty("id").GetInt32());
        var overlapping =
            await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 40m });
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Contains("已经交过", await overlapping.Content.ReadAsStringAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.DuesPayments.CountAsync(p => p.MemberId == member)));

        // The year: January to September owed at 40 yuan, October to December paid; the member sees their own.
        var year = await Dues(memberClient, member);
        Assert.Equal((9, 360.00m),
            (year.GetProperty("monthsOwed").GetInt32(), year.GetProperty("amountOwed").GetDecimal()));
        Assert.Equal(["2026-10", "2026-11", "2026-12"],
            year.GetProperty("months").EnumerateArray().Where(m => m.GetProperty("paid").GetBoolean())
            .Select(m => m.GetProperty("month").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/members/{member}/dues")).StatusCode);

        // A correction is a reversal entry: the payment stays, the months are owed again; reversing twice is one reversal.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/reversals", new { paymentId = payment }))
            .StatusCode);
        var reversed =
            await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/reversals",
            new { paymentId = payment, reason = "金额录错" });
        Assert.Equal(HttpStatusCode.Created, reversed.StatusCode);
        Assert.Equal(-120.00m, (await reversed.ReadAsync()).GetProperty("amount").GetDecimal());
        await Drift.NoneAsync(admin, "a reversal", some: false); // 120 − 120 collected: no row
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/reversals",
            new { paymentId = payment, reason = "金额录错" })).StatusCode);
        year = await Dues(secretary, member);
        Assert.Equal((12, 480.00m),
            (year.GetProperty("monthsOwed").GetInt32(), year.GetProperty("amountOwed").GetDecimal()));
        var entries = year.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.True(entries[0].GetProperty("reversed").GetBoolean());
        Assert.Equal(payment, entries[1].GetProperty("reversesId").GetInt32());
        Assert.Equal(0m, entries.Sum(e => e.GetProperty("amount").GetDecimal()));

        // Paid again, rightly, with the arrears from January: one payment of twelve months.
        Assert.Equal(HttpStatusCode.Created,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-01", to = "2026-12", amount = 480m, receiptNo = "NO.0013" })).StatusCode);
        year = await Dues(secretary, member);
        Assert.Equal((0, 0m), (year.GetProperty("monthsOwed").GetInt32(), year.GetProperty("amountOwed").GetDecimal()));
        await Drift.NoneAsync(admin, "a payment of twelve months");
        var sheet = await (await secretary.GetAsync($"/api/v1/orgs/{branch}/dues/sheet?month=2026-12")).ReadAsync();
        Assert.Equal(480.00m, sheet.GetProperty("collected").GetDecimal()); // 120 − 120 + 480 recorded this month
        Assert.Equal("NO.0013",
            sheet.GetProperty("rows")[0].GetProperty("payment").GetProperty("receiptNo").GetString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.GetAsync($"/api/v1/orgs/{branch}/dues/sheet")).StatusCode);
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
        _ = town;
    }

    [Fact]
    public async Task A_towns_arrears_are_the_sums_of_its_branches()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, first) = await Tree.TownWithBranchAsync(admin);
        var second = await Tree.OrgAsync(admin, town, "branch");
        var members = new List<(int Branch, int Member)>();
        foreach (var at in new[] { first, first, first, second, second })
            members.Add((at, await Tree.MemberAsync(admin, at)));
        // Each pays a different stretch of the year at the recorded 0.50 a month.
        for (var i = 0; i < members.Count; i++)
        {
            var to = new DateOnly(2026, 1 + i * 2, 1);
            var months = to.Month;
            Assert.Equal(HttpStatusCode.Created,
                (await admin.PostAsJsonAsync($"/api/v1/members/{members[i].Member}/dues/payments",
                new { from = "2026-01", to = to.ToString("yyyy-MM"), amount = 0.5m * months, method = "transfer" }))
                    .StatusCode);
        }
        async Task<JsonElement> Arrears(int org) =>
            await (await admin.GetAsync($"/api/v1/orgs/{org}/dues/arrears?from=2026-01&to=2026-12")).ReadAsync();
        var (t, a, b) = (await Arrears(town), await Arrears(first), await Arrears(second));
        foreach (var field in new[] { "members", "owing" })
            Assert.Equal(t.GetProperty(field).GetInt32(),
                a.GetProperty(field).GetInt32() + b.GetProperty(field).GetInt32());
        foreach (var field in new[] { "amountOwed", "collected" })
            Assert.Equal(t.GetProperty(field).GetDecimal(),
                a.GetProperty(field).GetDecimal() + b.GetProperty(field).GetDecimal());
        for (var k = 0; k < 12; k++)
            Assert.Equal(t.GetProperty("months")[k].GetProperty("owing").GetInt32(),
                a.GetProperty("months")[k].GetProperty("owing")
                    .GetInt32() + b.GetProperty("months")[k].GetProperty("owing").GetInt32());
        // Paid through January, March, May, July, September: 11+9+7+5+3 months owed of 60, at 0.50.
        Assert.Equal((5, 17.50m), (t.GetProperty("owing").GetInt32(), t.GetProperty("amountOwed").GetDecimal()));
        Assert.Equal(2, t.GetProperty("branches").GetArrayLength());
        Assert.Equal(5, t.GetProperty("months")[0].GetProperty("members").GetInt32());
        Assert.Equal(0, t.GetProperty("months")[0].GetProperty("owing").GetInt32());
        Assert.Equal(5, t.GetProperty("months")[11].GetProperty("owing").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.GetAsync($"/api/v1/orgs/{town}/dues/arrears?from=2026-13")).StatusCode);
    }

    [Fact]
    public async Task The_star_of_a_month_and_the_days_six_musts_read_the_payments_recorded()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var created =
            await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        Assert.Equal(HttpStatusCode.OK,
            (await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true }))
            .StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 9, 5, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync($"/api/v1/activity-days/{day}/attendance",
            new { memberId = member, reason = "现场签到" })).StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);
        async Task<(string Star, string Reasons)> StarAsync()
        {
            var board = await (await secretary.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).ReadAsync();
            var item = board.GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("memberId").GetInt32() == member);
            return (item.GetProperty("star").GetString()!, item.GetProperty("reasons").ToString());
        }

        // Unpaid, the policy makes December blue; paid at the meeting on the day, it is not, and the six musts say so.
        var (star, reasons) = await StarAsync();
        Assert.Equal("blue", star);
        Assert.Contains("未按时交纳党费", reasons);
        Assert.False(await App.WithDbAsync(db => db.SixMusts.AnyAsync(s => s.ActivityDayId == day && s.DuesCollected)));
        Assert.Equal(HttpStatusCode.Created,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", amount = 0.5m, paidOn = "2026-12-01" })).StatusCode);
        (star, reasons) = await StarAsync();
        Assert.NotEqual("blue", star);
        Assert.DoesNotContain("党费", reasons);
        Assert.True(await App.WithDbAsync(db => db.SixMusts.AnyAsync(s => s.ActivityDayId == day && s.DuesCollected)));
        // The six musts saved later keep "dues collected" from the ledger.
        var musts =
            await secretary.PutAsJsonAsync($"/api/v1/activity-days/{day}/six-musts",
            new
            {
                badgesWorn = true,
                theoryStudyHeld = true,
                duesCollected = false,
                liaisonLeaderPresent = true,
                starsPosted = true,
                oathRenewed = true,
                minutes = "记录"
            });
        Assert.True((await musts.ReadAsync()).GetProperty("duesCollected").GetBoolean());
    }
}

public sealed class DuesTestsOnSqlite(SqliteApp app) : DuesTests<SqliteApp>(app);
public sealed class DuesTestsOnPostgres(PostgresApp app) : DuesTests<PostgresApp>(app);
