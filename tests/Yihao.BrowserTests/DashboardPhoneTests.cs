using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The district admin's first page on a phone: the dashboard, its charts in Chinese, a figure that leads to
/// its records.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_district_admin_lands_on_the_dashboard_sees_chinese_charts_and_follows_a_figure_to_its_records()
    {
        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(BrowserApp.DistrictName);
        await Expect(page.Locator("h2").First).ToHaveTextAsync(SignInTests.Chinese("Attendance rate"));

        // The charts are inline SVG with their Chinese text, and nothing is wider than the phone.
        var charts = page.GetByTestId("charts").Locator("svg");
        Assert.True(await charts.CountAsync() >= 4, "trend, stars, heat map and rankings");
        await Expect(charts.First.Locator("text", new() { HasText = "到会率趋势" })).ToHaveCountAsync(1);
        await Expect(page.Locator("svg text", new() { HasText = "各月星级分布" })).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        var font = await page.APIRequest.GetAsync("/fonts/cjk.ttc");
        Assert.Equal(200, font.Status);
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("dashboard-phone.png"), FullPage = true });

        // A town's row leads to its own dashboard; its red warnings lead to the list of them.
        await page.GetByTestId("children")
            .GetByRole(AriaRole.Link, new() { Name = app.TownA.Name, Exact = true })
            .ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Dashboard\\?orgId={app.TownA.Id}&month=\\d{{4}}-\\d{{2}}$"));
        await Expect(page.Locator(".crumbs")).ToContainTextAsync(BrowserApp.DistrictName);
        // The days held lead to the branch-months they count, which add up to the same number, on the phone.
        var held = (await page.GetByTestId("held").Locator("b").TextContentAsync())!.Trim();
        await page.GetByTestId("held").ClickAsync();
        await Expect(page).ToHaveURLAsync(
            new Regex($"/Dashboard/Records\\?orgId={app.TownA.Id}&figure=held&month=\\d{{4}}-\\d{{2}}$"));
        await Expect(page.GetByTestId("total")).ToHaveTextAsync(held);
        await Expect(page.Locator("h1 .tag")).ToHaveTextAsync(SignInTests.Chinese("Held"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("dashboard-records-phone.png"), FullPage = true });
        await page.GoBackAsync();
        await page.GetByTestId("red-warnings").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Warnings\\?orgId={app.TownA.Id}&level=red&month="));
        await Expect(page.Locator("h1")).ToHaveTextAsync(SignInTests.Chinese("Warnings"));
    }
}
