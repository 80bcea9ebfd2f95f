using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>退出所有设备 on a phone: every other browser of the account is signed out on its next page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignOutEverywhereTests(BrowserApp app)
{
    [Fact]
    public async Task Signing_out_everywhere_on_one_phone_signs_the_other_browsers_out()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "杏林村党支部", "branch")).Id;
        await app.MakeUserAsync("xinglin-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var lost = await app.NewPhoneAsync(); // the phone left in the village office
        var other = await lost.NewPageAsync();
        await other.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(other, "xinglin-sec", "Secretary-2026");
        await Expect(other.GetByTestId("board")).ToBeVisibleAsync();

        await using var own = await app.NewPhoneAsync();
        var page = await own.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FAccount%2FPassword");
        await SignInTests.SignInAsync(page, "xinglin-sec", "Secretary-2026");
        var button = page.GetByTestId("sign-out-everywhere");
        await Expect(button).ToHaveTextAsync("退出所有设备");
        Assert.True((await button.BoundingBoxAsync())!.Width <= 360, "the button fits a 360px phone");
        await button.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        await other.ReloadAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await other.ScreenshotAsync(new() { Path = Shots.PathOf("sign-out-everywhere.png") });
    }
}
