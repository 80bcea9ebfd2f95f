using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The Excel exports: each opened by LibreOffice (converted to CSV) and its values compared; a town admin's
/// export holds only its subtree, another town's answers 404.</summary>
public abstract class ExportTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    /// <summary>The .xlsx as LibreOffice reads it: its rows, each a list of cells.</summary>
    static async Task<List<string[]>> CsvAsync(HttpResponseMessage r)
    {
        await Soffice.OneAtATime.WaitAsync(); // LibreOffice converts one file at a time on this machine
        try
        {
            return await ConvertAsync(r);
        }
        finally
        {
            Soffice.OneAtATime.Release();
        }
    }

    static async Task<List<string[]>> ConvertAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            r.Content.Headers.ContentType?.MediaType);
        var dir = Directory.CreateTempSubdirectory("yihao-xlsx-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "export.xlsx");
            await File.WriteAllBytesAsync(xlsx, await r.Content.ReadAsByteArrayAsync());
            var p = Process.Start(new ProcessStartInfo("soffice",
                ["-env:UserInstallation=file://" + dir.FullName + "/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.FullName, xlsx])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await p.WaitForExitAsync();
            var csv = Path.Combine(dir.FullName, "export.csv");
            Assert.True(File.Exists(csv), await p.StandardError.ReadToEndAsync());
            return (await File.ReadAllLinesAsync(csv)).Select(l => l.Split(',')).ToList();
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Members_export_opens_in_libreoffice_with_chinese_headers_and_only_the_callers_subtree()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var mine = Tree.Unique("甲");
        var theirs = Tree.Unique("乙");
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: mine))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(otherBranch, name: theirs))).StatusCode);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);

        var rows = await CsvAsync(await townAdmin.GetAsync($"/api/v1/orgs/{town}/members/export.xlsx"));
        Assert.Equal(
            ["党支部", "姓名", "性别", "出生年份", "身份证号", "手机号", "入党日期", "月党费（元）"],
            rows[0].Select(h => h.Trim('"')).ToArray());
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(mine, row[1].Trim('"'));
        Assert.Equal("2001-07-01", row[6].Trim('"')); // a date, formatted as one
        Assert.Equal("0.50", row[7].Trim('"')); // a number, with two decimals
        Assert.Contains("*", row[4]); // the ID number masked, as in the list
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains(theirs)));

        // Another town's subtree, and the district above, are not the town admin's to export.
        Assert.Equal(HttpStatusCode.NotFound,
            (await townAdmin.GetAsync($"/api/v1/orgs/{otherTown}/members/export.xlsx")).StatusCode);
        var all = await CsvAsync(await admin.GetAsync(
            $"/api/v1/orgs/{await Tree.RootIdAsync(admin)}/members/export.xlsx"));
        Assert.Contains(all, r => r[1].Trim('"') == mine);
        Assert.Contains(all, r => r[1].Trim('"') == theirs);
    }

    [Fact]
    public async Task Dashboard_export_holds_the_dashboards_figures_for_the_node_and_its_children()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        await Tree.MemberAsync(admin, branch);
        await Tree.MemberAsync(admin, branch);
        var json = await (await admin.GetAsync($"/api/v1/orgs/{town}/dashboard?month=2026-12")).ReadAsync();
        var rows = await CsvAsync(await admin.GetAsync($"/api/v1/orgs/{town}/dashboard/export.xlsx?month=2026-12"));
        Assert.Equal("名称", rows[0][0].Trim('"'));
        Assert.Equal(3, rows.Count); // the town and its one branch
        var figures = json.GetProperty("figures");
        Assert.Equal(figures.GetProperty("attendance").GetProperty("expected").GetInt32().ToString(),
            rows[1][1].Trim('"'));
        Assert.Equal(figures.GetProperty("days").GetProperty("branches").GetInt32().ToString(),
            rows[1][7].Trim('"'));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.GetAsync($"/api/v1/orgs/{town}/dashboard/export.xlsx?month=2026-13")).StatusCode);
    }

    [Fact]
    public async Task Warnings_inspections_and_problem_lists_export_their_headers_in_scope()
    {
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        foreach (var (url, header) in new[]
        {
            ("/api/v1/warnings/export.xlsx", "党支部"),
            ("/api/v1/supervision/inspections/export.xlsx", "党支部"),
            ("/api/v1/supervision/problem-lists/export.xlsx", "党支部"),
        })
        {
            var rows = await CsvAsync(await admin.GetAsync(url));
            Assert.Equal(header, rows[0][0].Trim('"'));
            var r = await townAdmin.GetAsync(url + $"?orgId={await Tree.RootIdAsync(admin)}");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
    }

    [Fact]
    public async Task The_ledgers_exports_hold_dues_commitments_and_service_with_chinese_headers_in_the_callers_scope()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, _) = await Tree.TownWithBranchAsync(admin);
        var name = Tree.Unique("丙");
        var made = await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: name));
        var member = (await made.ReadAsync()).GetProperty("id").GetInt32();
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var otherAdmin = await Tree.AccountAsync(App, admin, "townAdmin", otherTown);
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync(
            $"/api/v1/members/{member}/dues/standards",
            new { effectiveFrom = "2026-01", category = "employed", monthlyIncome = 4000m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
            new { from = "2026-12", to = "2026-12", amount = 40m, receiptNo = "R-12" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/v1/commitments",
            new { memberId = member, what = "为孤寡老人义务理发", dueOn = "2026-12-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/v1/service/entries",
            new
            {
                kind = "thingDone",
                what = "帮五保户代办医保报销",
                memberIds = new[] { member },
                doneOn = "2026-12-08"
            })).StatusCode);

        // The branch's dues sheet: the member paid 40.00 on the 10th, as a date and a number.
        var sheet = await CsvAsync(
            await townAdmin.GetAsync($"/api/v1/orgs/{branch}/dues/sheet/export.xlsx?month=2026-12"));
        Assert.Equal(["姓名", "标准（元）", "已交", "实交（元）", "交纳月数", "交纳日期", "收据号", "欠交月数", "欠交（元）"],
            sheet[0].Select(h => h.Trim('"')).ToArray());
        var paid = Assert.Single(sheet.Skip(1), r => r[0].Trim('"') == name);
        Assert.Equal(("40.00", "是", "40.00", "1", "2026-12-10", "R-12"), (paid[1].Trim('"'), paid[2].Trim('"'),
            paid[3].Trim('"'), paid[4].Trim('"'), paid[5].Trim('"'), paid[6].Trim('"')));
        // The arrears of the town: the member owes January to November, 11 months of 40.00.
        var arrears = await CsvAsync(
            await townAdmin.GetAsync($"/api/v1/orgs/{town}/dues/arrears/export.xlsx?from=2026-01&to=2026-12"));
        Assert.Equal(["党支部", "姓名", "欠交月数", "欠交（元）", "欠交月份"], arrears[0].Select(h => h.Trim('"')).ToArray());
        var owes = Assert.Single(arrears.Skip(1), r => r[1].Trim('"') == name);
        Assert.Equal(("11", "440.00"), (owes[2].Trim('"'), owes[3].Trim('"')));

        var commitments = await CsvAsync(
            await townAdmin.GetAsync($"/api/v1/orgs/{town}/commitments/export.xlsx?year=2026"));
        Assert.Equal("党支部", commitments[0][0].Trim('"'));
        var pledge = Assert.Single(commitments.Skip(1));
        Assert.Equal((name, "为孤寡老人义务理发", "2026-12-31", "待处理"), (pledge[1].Trim('"'), pledge[2].Trim('"'),
            pledge[5].Trim('"'), pledge[6].Trim('"')));

        var service = await CsvAsync(await townAdmin.GetAsync($"/api/v1/service/entries/export.xlsx?orgId={town}"));
        Assert.Equal(["党支部", "类别", "服务日期", "服务内容", "党员", "服务对象", "结果", "时长（小时）", "状态"],
            service[0].Select(h => h.Trim('"')).ToArray());
        var entry = Assert.Single(service.Skip(1)); // recorded by the secretary: confirmed at once
        Assert.Equal(("为群众办事", "2026-12-08", "帮五保户代办医保报销", name, "已确认"), (entry[1].Trim('"'),
            entry[2].Trim('"'), entry[3].Trim('"'), entry[4].Trim('"'), entry[8].Trim('"')));

        // Another town's admin: its own exports hold none of it; this town's routes answer 404.
        var theirs = await CsvAsync(await otherAdmin.GetAsync($"/api/v1/service/entries/export.xlsx"));
        Assert.DoesNotContain(theirs, r => r.Any(c => c.Contains(name)));
        var theirCommitments = await CsvAsync(
            await otherAdmin.GetAsync($"/api/v1/orgs/{otherTown}/commitments/export.xlsx?year=2026"));
        Assert.Single(theirCommitments);
        foreach (var url in new[] { $"/api/v1/orgs/{branch}/dues/sheet/export.xlsx?month=2026-12",
                     $"/api/v1/orgs/{town}/dues/arrears/export.xlsx", $"/api/v1/orgs/{town}/commitments/export.xlsx",
                     $"/api/v1/service/entries/export.xlsx?orgId={town}" })
            Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(url)).StatusCode);
        var bad = await townAdmin.GetAsync($"/api/v1/orgs/{branch}/dues/sheet/export.xlsx?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("month", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Days_attendance_and_stars_export_what_the_lists_show_in_the_callers_scope()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, _) = await Tree.TownWithBranchAsync(admin);
        var came = Tree.Unique("丁");
        var away = Tree.Unique("戊");
        var alice = (await (await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: came)))
            .ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: away))).StatusCode);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var otherAdmin = await Tree.AccountAsync(App, admin, "townAdmin", otherTown);
        var aliceClient = await Tree.AccountAsync(App, admin, "member", branch, alice);
        var created = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days", new
        {
            month = "2026-12",
            place = "村委会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 8, 50, 0, TimeSpan.FromHours(8)));
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK,
            (await aliceClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/check-in", new { code })).StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 11, 40, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);

        // The town's days: the branch's one day, closed, one of two came.
        var days = await CsvAsync(await townAdmin.GetAsync($"/api/v1/orgs/{town}/activity-days/export.xlsx?year=2026"));
        Assert.Equal(["党支部", "月份", "开始时间", "地点", "状态", "计划逾期提交", "结束归档时间", "到会率"],
            days[0].Select(h => h.Trim('"')).ToArray());
        var row = Assert.Single(days.Skip(1));
        Assert.Equal(("2026-12", "村委会议室", "否", "50.0%"),
            (row[1].Trim('"'), row[3].Trim('"'), row[5].Trim('"'), row[7].Trim('"')));
        Assert.StartsWith("2026-12-01 ", row[2].Trim('"')); // a date and time, in China Standard Time
        Assert.Single(await CsvAsync(
            await townAdmin.GetAsync($"/api/v1/orgs/{town}/activity-days/export.xlsx?year=2025")));

        // The day's attendance: who came, how, and who did not.
        var sheet = await CsvAsync(await townAdmin.GetAsync($"/api/v1/activity-days/{day}/attendance/export.xlsx"));
        Assert.Equal(["姓名", "参与状态", "出勤情况", "签到方式", "签到时间", "请假", "备注"],
            sheet[0].Select(h => h.Trim('"')).ToArray());
        var present = Assert.Single(sheet.Skip(1), r => r[0].Trim('"') == came);
        Assert.Equal(("实到", "扫码签到", "2026-12-01 08:50"),
            (present[2].Trim('"'), present[3].Trim('"'), present[4].Trim('"')));
        var absent = Assert.Single(sheet.Skip(1), r => r[0].Trim('"') == away);
        Assert.NotEqual("实到", absent[2].Trim('"'));
        Assert.Equal("关闭时记录", absent[3].Trim('"')); // recorded as absent when the day closed

        // The board: the stars the API shows, one row a member, in the board's words.
        var board = await (await townAdmin.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).ReadAsync();
        var stars = await CsvAsync(await townAdmin.GetAsync($"/api/v1/orgs/{branch}/stars/export.xlsx?month=2026-12"));
        Assert.Equal(["姓名", "星级", "原因", "调整前星级", "调整理由", "评定状态"],
            stars[0].Select(h => h.Trim('"')).ToArray());
        var words = new Dictionary<string, string> { ["red"] = "红星", ["yellow"] = "黄星", ["blue"] = "蓝星" };
        var items = board.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, stars.Count - 1);
        foreach (var item in items)
        {
            var r = Assert.Single(stars.Skip(1), r => r[0].Trim('"') == item.GetProperty("name").GetString());
            Assert.StartsWith(words[item.GetProperty("star").GetString()!], r[1].Trim('"'));
        }

        // Another town's admin: 404 on each, and its own days hold none of this branch's.
        foreach (var url in new[] { $"/api/v1/orgs/{town}/activity-days/export.xlsx",
                     $"/api/v1/activity-days/{day}/attendance/export.xlsx",
                     $"/api/v1/orgs/{branch}/stars/export.xlsx?month=2026-12" })
            Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(url)).StatusCode);
        var theirs = await CsvAsync(await otherAdmin.GetAsync($"/api/v1/orgs/{otherTown}/activity-days/export.xlsx"));
        Assert.DoesNotContain(theirs, r => r.Any(c => c.Contains("村委会议室")));
        // A member sees no attendance sheet; bad input names its field.
        Assert.Equal(HttpStatusCode.NotFound,
            (await aliceClient.GetAsync($"/api/v1/activity-days/{day}/attendance/export.xlsx")).StatusCode);
        var bad = await townAdmin.GetAsync($"/api/v1/orgs/{town}/activity-days/export.xlsx?year=1999");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("year", await bad.Content.ReadAsStringAsync());
        bad = await townAdmin.GetAsync($"/api/v1/orgs/{branch}/stars/export.xlsx?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("month", await bad.Content.ReadAsStringAsync());
    }
}

static class Soffice
{
    public static readonly SemaphoreSlim OneAtATime = new(1, 1);
}

public sealed class ExportTestsOnSqlite(SqliteApp app) : ExportTests<SqliteApp>(app);

public sealed class ExportTestsOnPostgres(PostgresApp app) : ExportTests<PostgresApp>(app);
