using System.Net;
using System.Net.Http.Json;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The monthly report (月报): a branch whose problem list went past its due date is among the overdue lists
/// and, once the warnings run, among the branches with red warnings; a town admin's report holds only its town, a
/// member may not read one, a bad month is a 400.</summary>
public abstract class MonthReportTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    [Fact]
    public async Task An_overdue_problem_list_and_its_red_warning_are_in_the_towns_report_and_nowhere_else()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, _) = await Tree.TownWithBranchAsync(admin);
        var inspector = await Tree.AccountAsync(App, admin, "inspector", town);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var otherAdmin = await Tree.AccountAsync(App, admin, "townAdmin", otherTown);
        var member = await Tree.MemberAsync(admin, branch);
        var memberClient = await Tree.AccountAsync(App, admin, "member", branch, member);

        var planned = await inspector.PostAsJsonAsync("/api/v1/supervision/inspections",
            new { kind = "openVisit", orgId = branch, plannedOn = "2026-11-25" });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var inspection = (await planned.ReadAsync()).GetProperty("id").GetInt32();
        var recorded = await inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/record", new
        {
            checklist = new[] { new { item = "签到表与到场人员", ok = false, note = "签到不全" } },
            findings = new[] { "会议记录缺少讨论内容" },
            outcome = "下发问题清单",
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var finding = (await recorded.ReadAsync()).GetProperty("findings")[0].GetProperty("id").GetInt32();
        var issued = await inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/problem-list",
            new { items = new[] { new { findingId = finding, severity = "major", dueOn = "2026-11-30" } } });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var listId = (await issued.ReadAsync()).GetProperty("id").GetInt32();

        App.Clock.Set(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode);

        var report = await (await townAdmin.GetAsync($"/api/v1/orgs/{town}/report?month=2026-12")).ReadAsync();
        Assert.Equal(town, report.GetProperty("view").GetProperty("orgId").GetInt32());
        var overdue = Assert.Single(report.GetProperty("overdue").EnumerateArray());
        Assert.Equal((listId, branch, 1, "2026-11-30"), (overdue.GetProperty("listId").GetInt32(),
            overdue.GetProperty("orgId").GetInt32(), overdue.GetProperty("overdue").GetInt32(),
            overdue.GetProperty("firstDue").GetString()));
        var red = Assert.Single(report.GetProperty("redWarnings").EnumerateArray());
        Assert.Equal(branch, red.GetProperty("orgId").GetInt32());
        var warnings = await (await townAdmin.GetAsync($"/api/v1/warnings?orgId={branch}&level=red&month=2026-12"))
            .ReadAsync();
        Assert.Equal(warnings.GetProperty("total").GetInt32(), red.GetProperty("red").GetInt32());
        Assert.Equal(red.GetProperty("red").GetInt32(), red.GetProperty("open").GetInt32()); // none resolved yet
        Assert.Equal(12, report.GetProperty("year").GetProperty("trend").GetArrayLength());

        // The dashboard's ledger figures: the inspection recorded and its problem, overdue, in November's lists.
        var ledgers = (await (await townAdmin.GetAsync($"/api/v1/orgs/{town}/dashboard?month=2026-11")).ReadAsync())
            .GetProperty("ledgers");
        Assert.Equal((1, 1, 1, 1, 0), (ledgers.GetProperty("inspectionsDone").GetInt32(),
            ledgers.GetProperty("problemsIssued").GetInt32(), ledgers.GetProperty("problemsOpen").GetInt32(),
            ledgers.GetProperty("problemsOverdue").GetInt32(), ledgers.GetProperty("problemsClosed").GetInt32()));
        var theirLedgers = (await (await otherAdmin.GetAsync($"/api/v1/orgs/{otherTown}/dashboard?month=2026-11"))
            .ReadAsync()).GetProperty("ledgers");
        Assert.Equal(0, theirLedgers.GetProperty("inspectionsDone").GetInt32());
        var memberView = await (await memberClient.GetAsync($"/api/v1/orgs/{branch}/dashboard?month=2026-11"))
            .ReadAsync();
        Assert.False(memberView.TryGetProperty("ledgers", out _));

        // November's report was made before the due date passed: nothing overdue on its last day but the 30th's.
        var november = await (await townAdmin.GetAsync($"/api/v1/orgs/{town}/report?month=2026-11")).ReadAsync();
        Assert.True(november.GetProperty("overdue").GetArrayLength() == 0, november.ToString());
        Assert.Equal("2026-11-30", november.GetProperty("asOf").GetString());

        // Another town's report holds none of it; this town is not another town admin's; members read no report.
        var theirs = await (await otherAdmin.GetAsync($"/api/v1/orgs/{otherTown}/report?month=2026-12")).ReadAsync();
        Assert.Equal(0, theirs.GetProperty("overdue").GetArrayLength());
        Assert.DoesNotContain(theirs.GetProperty("redWarnings").EnumerateArray(),
            w => w.GetProperty("orgId").GetInt32() == branch);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherAdmin.GetAsync($"/api/v1/orgs/{town}/report?month=2026-12")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.GetAsync($"/api/v1/orgs/{branch}/report?month=2026-12")).StatusCode);
        var bad = await townAdmin.GetAsync($"/api/v1/orgs/{town}/report?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("月份", await bad.Content.ReadAsStringAsync());
    }
}

public sealed class MonthReportTestsOnSqlite(SqliteApp app) : MonthReportTests<SqliteApp>(app);

public sealed class MonthReportTestsOnPostgres(PostgresApp app) : MonthReportTests<PostgresApp>(app);
