using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The monthly report (打印月报) as Chromium prints it to A4 PDF, read back with pdftotext: the town's name and
/// month in the title, its figures as the dashboard's API gives them, the rankings and the charts' Chinese; none of
/// the page's controls.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonthReportPrintTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task A_town_admin_opens_the_monthly_report_from_the_dashboard_and_its_pdf_holds_the_town_and_its_figures()
    {
        var month = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");
        var figures = (await app.Admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/orgs/{app.TownA.Id}/dashboard?month={month}")).GetProperty("figures");
        var branchMonths = figures.GetProperty("days").GetProperty("branches").GetInt32();
        Assert.True(branchMonths > 0);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Dashboard?orgId={app.TownA.Id}")}");
        await SignInTests.SignInAsync(page, BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);
        await page.GetByTestId("report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Dashboard/Report/{app.TownA.Id}\\?month={month}$"));
        await Expect(page.GetByTestId("report-figures")).ToBeVisibleAsync();
        // The charts are the server's SVG, their titles text (pdftotext does not read an SVG's text back whole).
        Assert.True(await page.Locator(".report-charts svg").CountAsync() >= 4, "trend, stars and rankings");
        await Expect(page.Locator(".report-charts svg text", new() { HasText = "到会率趋势" })).ToHaveCountAsync(1);

        var pdf = Path.Combine(AppContext.BaseDirectory, "screenshots", "month-report.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(pdf)!);
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var text = await Pdf.TextAsync(pdf, layout: true);
        output.WriteLine($"{pdf}:\n{text}");
        var flat = Pdf.Flat(text);

        Assert.Contains(Pdf.Flat($"{app.TownA.Name} {month[..4]}年{int.Parse(month[5..])}月"), flat);
        Assert.Contains("月报", flat);
        Assert.Contains($"支部·月{branchMonths}", flat);
        foreach (var heading in new[] { "当月数据", "到会率最高的十个支部", "到会率最低的十个支部", "有红色预警的支部",
                     "逾期未整改的问题清单" })
            Assert.Contains(heading, flat);
        foreach (var control in new[] { "打印或另存为", "查看该月", "返回数据看板", "English" })
            Assert.DoesNotContain(control, flat);
    }
}
