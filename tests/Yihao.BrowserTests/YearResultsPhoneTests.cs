using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>一年成效 on a phone: from the district's dashboard to the year's results, the source's figures beside the
/// records', each with how it was computed, and a figure that leads to its records.</summary>
[Collection(BrowserCollection.Name)]
public sealed class YearResultsPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_district_admin_reads_the_year_beside_the_source_and_follows_attendance_to_its_year()
    {
        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await page.GetByTestId("year-results").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Dashboard/Year/\d+\?year=\d{4}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("一年成效");

        var cards = page.GetByTestId("results").Locator("section.card");
        await Expect(cards).ToHaveCountAsync(5);
        await Expect(page.Locator("[data-figure=disputesResolved]")).ToContainTextAsync("化解矛盾纠纷830余起");
        await Expect(page.Locator("[data-figure=volunteers]")).ToContainTextAsync("200多名党员志愿者");
        await Expect(page.Locator("[data-figure=attendanceRate] .def")).ToContainTextAsync("达到90%");

        // Each figure is a number beside its source (the HTTP tests hold them to the records).
        var id = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        foreach (var value in await page.GetByTestId("value").AllAsync())
            await Expect(value).ToHaveTextAsync(new Regex(@"^\d+(\.\d%)?$"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await Shots.TakeAsync(page, "year-results-phone.png");

        // Every button is large enough to press, and attendance leads to the dashboard's year.
        foreach (var button in await page.GetByTestId("records").AllAsync())
            Assert.True((await button.BoundingBoxAsync())!.Height >= 44);
        await page.Locator("[data-figure=attendanceRate]").GetByTestId("records").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/Dashboard\?orgId={id}&year=\d{{4}}$"));

        // Disputes lead to the service ledger's page of the same org and year (a page, not the API's JSON).
        await page.GoBackAsync();
        await page.Locator("[data-figure=disputesResolved]").GetByTestId("records").ClickAsync();
        await Expect(page).ToHaveURLAsync(
            new Regex($@"/Service/Ledger\?orgId={id}&period=\d{{4}}&metric=disputesResolved$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("服务台账");
        await Expect(page.GetByTestId("ledger-scope")).ToContainTextAsync("化解矛盾纠纷");
        await Expect(page.GetByTestId("ledger-xlsx")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);

        // A year without records says so.
        await page.GotoAsync($"/Dashboard/Year/{id}?year=2001");
        await Expect(page.GetByTestId("no-records")).ToContainTextAsync("2001年没有记录");
        await page.GotoAsync($"/Dashboard/Year/{id}?year=abc");
        await Expect(page.Locator(".errors")).ToBeVisibleAsync();
    }
}
