using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yihao.Tests.Support;
using Yihao.Web.Features.ActivityDays;

namespace Yihao.Tests.Http;

/// <summary>A branch's members get accounts at once, write thought reports into the day's archive, and liaison leaders
/// check in themselves.</summary>
public abstract class MemberAccountTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static DateTimeOffset Dec1(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_branch_gets_accounts_at_once_each_with_a_first_password_that_must_be_replaced()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var members =
            new[] { await Tree.MemberAsync(admin, branch), await Tree.MemberAsync(admin, branch),
            await Tree.MemberAsync(admin, branch) };
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        await Tree.AccountAsync(App, admin, "member", branch, members[0]);
        var memberClient = await Tree.AccountAsync(App, admin, "member", branch, members[1]);
        var (_, other) = await Tree.TownWithBranchAsync(admin);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.PostAsync($"/api/v1/orgs/{branch}/member-accounts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await secretary.PostAsync($"/api/v1/orgs/{other}/member-accounts", null)).StatusCode);
        var made = await (await secretary.PostAsync($"/api/v1/orgs/{branch}/member-accounts", null)).ReadAsync();
        var slip = Assert.Single(made.EnumerateArray()); // only the member without an account
        Assert.Equal(members[2], slip.GetProperty("memberId").GetInt32());
        var username = slip.GetProperty("username").GetString()!;
        var password = slip.GetProperty("password").GetString()!;
        Assert.Equal(10, password.Length);
        Assert.Empty((await (await secretary.PostAsync($"/api/v1/orgs/{branch}/member-accounts", null)).ReadAsync())
            .EnumerateArray());

        // The printed password signs in, but the API gives no token until the member has chosen their own.
        var anonymous = App.CreateClient();
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Contains("密码", (await token.ReadAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_thought_report_is_one_a_month_and_reaches_the_days_archive()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var me = await Tree.AccountAsync(App, admin, "member", branch, member);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);

        Assert.Equal(HttpStatusCode.BadRequest,
            (await me.PostAsJsonAsync("/api/v1/me/thought-reports", new { text = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await me.PostAsJsonAsync("/api/v1/me/thought-reports", new { text = new string('字', 5001) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await secretary.PostAsJsonAsync("/api/v1/me/thought-reports", new { text = "书记不是党员账号" })).StatusCode);
        App.Clock.Set(Dec1(8));
        Assert.Equal(HttpStatusCode.OK,
            (await me.PostAsJsonAsync("/api/v1/me/thought-reports", new { text = "学习党章的体会" })).StatusCode);
        var revised = await (await me.PostAsJsonAsync("/api/v1/me/thought-reports", new { text = "学习党章的体会（修改）" }))
            .ReadAsync();
        Assert.Equal("2026-12", revised.GetProperty("month").GetString());
        var mine = await (await me.GetAsync("/api/v1/me/thought-reports")).ReadAsync();
        Assert.Equal("学习党章的体会（修改）", Assert.Single(mine.EnumerateArray()).GetProperty("text").GetString());
        var branchReports = await (await townAdmin.GetAsync($"/api/v1/orgs/{branch}/thought-reports?month=2026-12"))
            .ReadAsync();
        Assert.Equal(member, Assert.Single(branchReports.EnumerateArray()).GetProperty("memberId").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound,
            (await me.GetAsync($"/api/v1/orgs/{branch}/thought-reports?month=2026-12")).StatusCode);

        // The December day's archive carries the month's reports.
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var created =
            await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        using var book =
            new MemoryStream(await secretary.GetByteArrayAsync($"/api/v1/activity-days/{day}/archive.xlsx"));
        var rows = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "思想汇报").Cast<IDictionary<string,
            object>>().ToList();
        Assert.Equal("学习党章的体会（修改）", Assert.Single(rows)["思想汇报"]);
    }

    [Fact]
    public async Task An_assigned_liaison_leader_checks_in_with_the_code_and_is_recorded_present()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (_, second) = await Tree.TownWithBranchAsync(admin);
        await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var liaisonName = Tree.Unique("liaison");
        var liaisonUser =
            await admin.PostAsJsonAsync("/api/v1/users",
            new
            {
                username = liaisonName,
                password = "Liaison-2026",
                role = "liaisonLeader",
                orgId = second,
                displayName = "张副县长"
            });
        Assert.Equal(HttpStatusCode.Created, liaisonUser.StatusCode);
        var liaisonId = (await liaisonUser.ReadAsync()).GetProperty("id").GetInt32();
        var liaison = await App.ClientAsync(liaisonName, "Liaison-2026");

        // One account, two branches in different towns; assigning twice is once.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = liaisonId }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await townAdmin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = 999999 })).StatusCode);
        // The leader's account is in another town: outside this town admin's scope, as if it did not exist.
        Assert.Equal(HttpStatusCode.BadRequest, (await townAdmin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons",
            new { userId = liaisonId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = liaisonId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = liaisonId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{second}/liaisons", new { userId = liaisonId })).StatusCode);
        Assert.Single((await (await secretary.GetAsync($"/api/v1/orgs/{branch}/liaisons")).ReadAsync())
            .EnumerateArray());
        Assert.Equal(2, (await (await liaison.GetAsync("/api/v1/liaison/branches")).ReadAsync()).GetArrayLength());

        var created =
            await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                liaisonLeader = "张副县长",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        App.Clock.Set(Dec1(8, 55));
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token").GetString();
        Assert.Equal([liaisonId],
            await App.WithDbAsync(async db =>
            (await MeetingFacts.ReadAsync(db, [day], default))[day].Liaisons.ToList()));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code = "1.forged" }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await secretary.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code }))
            .StatusCode);
        // Two taps at once and a retry: one check-in, the same answer each time.
        var twice =
            await Task.WhenAll(Enumerable.Range(0, 2)
            .Select(_ => liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code })));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var first = await twice[0].ReadAsync();
        Assert.Equal(Dec1(8, 55), first.GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal(liaisonName, first.GetProperty("by").GetString());
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        foreach (
            var again in new[] { await twice[1].ReadAsync(),
            await (await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code }))
                .ReadAsync() })
            Assert.Equal(first.GetProperty("checkedInAt").GetDateTimeOffset(),
                again.GetProperty("checkedInAt").GetDateTimeOffset());

        // The taps were answered in the scans' lane; the endpoint, which a tap after the window reaches, answers the
        // same bytes.
        App.Clock.Set(Dec1(12, 0));
        var late = await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(await twice[0].Content.ReadAsStringAsync(), await late.Content.ReadAsStringAsync());

        // Unassigned during the meeting, the leader is refused at once, though the lane holds the day's facts; assigned
        // again, answered.
        Assert.Equal(HttpStatusCode.NoContent,
            (await townAdmin.DeleteAsync($"/api/v1/orgs/{branch}/liaisons/{liaisonId}")).StatusCode);
        App.Clock.Set(Dec1(9, 10));
        var now = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.NotFound,
            (await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code = now }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = liaisonId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code = now }))
            .StatusCode);

        // Written with the scans' group commit, and logged once, as a save of the day and its six musts would be
        // (newest first).
        async Task<List<JsonElement>> Log(string entity) =>
            [.. (await (await admin.GetAsync($"/api/v1/audit?entity={entity}&entityId={day}")).ReadAsync())
            .GetProperty("items").EnumerateArray()];
        var dayLog = (await Log("ActivityDay"))[0];
        Assert.Equal("update", dayLog.GetProperty("action").GetString());
        Assert.Equal($"{{\"Id\":{day},\"LiaisonCheckedInAt\":null,\"LiaisonCheckedInBy\":null}}",
            dayLog.GetProperty("before").GetString());
        Assert.Contains($"\"LiaisonCheckedInBy\":\"{liaisonName}\"", dayLog.GetProperty("after").GetString());
        var mustsLog = Assert.Single(await Log("SixMusts"));
        Assert.Equal("create", mustsLog.GetProperty("action").GetString());
        Assert.Contains("\"LiaisonLeaderPresent\":true", mustsLog.GetProperty("after").GetString());
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());

        // The six musts take presence from the check-in, whatever the form says (back in the meeting).
        App.Clock.Set(Dec1(9, 30));
        var musts =
            await (await secretary.PutAsJsonAsync($"/api/v1/activity-days/{day}/six-musts",
            new
            {
                badgesWorn = true,
                theoryStudyHeld = true,
                duesCollected = true,
                liaisonLeaderPresent = false,
                starsPosted = true,
                oathRenewed = true
            })).ReadAsync();
        Assert.True(musts.GetProperty("liaisonLeaderPresent").GetBoolean());
        Assert.True(musts.GetProperty("compliant").GetBoolean());

        // Unassigned, the leader's check-in is no longer theirs to make.
        Assert.Equal(HttpStatusCode.NoContent,
            (await townAdmin.DeleteAsync($"/api/v1/orgs/{branch}/liaisons/{liaisonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await liaison.PostAsJsonAsync($"/api/v1/activity-days/{day}/liaison-check-in", new { code })).StatusCode);
    }
}

public sealed class MemberAccountTestsOnSqlite(SqliteApp app) : MemberAccountTests<SqliteApp>(app);
public sealed class MemberAccountTestsOnPostgres(PostgresApp app) : MemberAccountTests<PostgresApp>(app);
