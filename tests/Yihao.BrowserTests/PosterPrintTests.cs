using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The A4 star poster (打印张榜海报) as Chromium prints it to PDF, read back with pdftotext: the title, the
/// legend, every member's reasons whole, the publicity period and objection deadline, room for the seal; none of the
/// page's buttons, month picker or breadcrumb. And the meeting-room screen: no site header, large type, its link
/// copyable and shown as a QR code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PosterPrintTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_printed_poster_holds_the_title_legend_every_reason_the_deadline_and_the_seal_and_nothing_to_tap()
    {
        const string branchName = "枣林村党支部";
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, branchName, "branch")).Id;
        foreach (var (name, born) in new[] { ("韩淑珍", "19630704"), ("曹永福", "19690211"), ("冯秀兰", "19720919") })
            await app.MakeMemberAsync(branchId, name, People.IdNumber(born, male: name == "曹永福"), "");
        await app.MakeUserAsync("zaolin-sec", "Secretary-2026", Roles.BranchSecretary, branchId);
        using var api = await app.SignedInClientAsync("zaolin-sec", "Secretary-2026");
        var month = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddMonths(-1).ToString("yyyy-MM");
        (await api.PostAsync($"/api/v1/orgs/{branchId}/stars/propose?month={month}", null)).EnsureSuccessStatusCode();
        var proposed = await api.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{branchId}/stars?month={month}");
        var first = proposed.GetProperty("items")[0].GetProperty("memberId").GetInt32();
        (await api.PostAsJsonAsync($"/api/v1/orgs/{branchId}/stars/override", new
        {
            month,
            memberId = first,
            star = "yellow",
            reason = "本月因照顾住院的老母亲请假，会后已在十五日内补学党章并交纳党费，经支委会研究调整为黄星",
        })).EnsureSuccessStatusCode();
        foreach (var step in new[] { "confirm", "publish" })
            (await api.PostAsync($"/api/v1/orgs/{branchId}/stars/{step}?month={month}", null))
                .EnsureSuccessStatusCode();
        var board = await api.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{branchId}/stars?month={month}");
        var reasons = board.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)).ToList();
        Assert.True(reasons.Count >= 3, "every member has a reason");
        Assert.Contains(reasons, r => r.Length > 20); // long enough to be cut at the margin if the column were

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}?month={month}")}");
        await SignInTests.SignInAsync(page, "zaolin-sec", "Secretary-2026");
        await Expect(page.GetByTestId("board")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("poster-head")).ToBeHiddenAsync(); // on screen, the page as it was

        var pdf = Path.Combine(AppContext.BaseDirectory, "screenshots", "star-poster.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(pdf)!);
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var text = await Pdf.TextAsync(pdf);
        output.WriteLine($"{pdf}:\n{text}");
        var flat = Pdf.Flat(text);

        Assert.Contains(Pdf.Flat($"{branchName} {month[..4]}年{int.Parse(month[5..])}月"), flat);
        Assert.Contains("张榜公示", flat);
        foreach (var legend in new[] { "红星（优秀）", "黄星（合格）", "蓝星（不合格）" }) Assert.Contains(legend, flat);
        foreach (var reason in reasons) Assert.Contains(Pdf.Flat(reason), flat);
        foreach (var name in new[] { "韩淑珍", "曹永福", "冯秀兰" }) Assert.Contains(name, flat);
        Assert.Contains("公示期", flat);
        Assert.Matches(new Regex(@"异议截止\d{4}-\d{2}-\d{2}\d{2}:\d{2}"), flat);
        Assert.Contains("盖章", flat);
        Assert.Contains("日期", flat);
        foreach (var control in new[] { "打印张榜海报", "查看该月", "计算星级", "会议室大屏", "一号活动", "English", "月份" })
            Assert.DoesNotContain(control, flat);
        // One month's column: the months before are not on the poster.
        var before = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd").AddMonths(-1).ToString("yy-MM");
        Assert.DoesNotContain(before, flat);
    }

    [Fact]
    public async Task The_meeting_room_screen_has_no_site_header_large_type_and_its_new_link_is_copyable_and_a_QR_code()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "榆树湾村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "谢德明", People.IdNumber("19600505", male: true), "");
        await app.MakeUserAsync("yushuwan-sec", "Secretary-2026", Roles.BranchSecretary, branchId);
        await using var context = await app.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(page, "yushuwan-sec", "Secretary-2026");
        await page.GetByTestId("display-links").Locator("summary").ClickAsync();
        await page.GetByTestId("make-link").ClickAsync();
        var link = (await page.GetByTestId("new-link").TextContentAsync())!.Trim();
        await Expect(page.GetByTestId("copy-link")).ToBeVisibleAsync();
        await Expect(page.Locator("input[readonly]")).ToHaveValueAsync(link);
        var qr = page.GetByTestId("link-qr");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 100"), "the QR code is drawn");
        Assert.StartsWith("data:image/png;base64,", await qr.GetAttributeAsync("src"));

        await using var screen = await app.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 1366, Height = 768 },
        });
        var room = await screen.NewPageAsync();
        await room.GotoAsync(link);
        await Expect(room.GetByTestId("board")).ToBeVisibleAsync();
        await Expect(room.Locator("header.top")).ToBeHiddenAsync();
        await Expect(room.GetByRole(AriaRole.Link, new() { Name = "English" })).ToBeHiddenAsync();
        var size = await room.Locator("table.board td")
            .First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(size >= 24, $"the screen's names are {size}px");
        await room.ScreenshotAsync(
            new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "display.png") });
    }
}
