using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A stranger guessing a secretary's password is slowed down; the secretary's own phone still gets in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInThrottleTests(BrowserApp app)
{
    [Fact]
    public async Task A_strangers_guesses_are_told_to_wait_while_the_owners_known_phone_signs_in_at_once()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "柳树村党支部", "branch")).Id;
        await app.MakeUserAsync("liushu-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        // The owner's phone has signed in before: it holds the account's device cookie.
        await using var known = await app.NewPhoneAsync();
        var owner = await known.NewPageAsync();
        await owner.GotoAsync("/Account/Login");
        await SignInTests.SignInAsync(owner, "liushu-sec", "Secretary-2026");
        await Expect(owner).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        await known.ClearCookiesAsync(new() { Name = "yihao" }); // signed out, the device cookie kept

        app.Clock.Pin(DateTimeOffset.UtcNow); // the throttle's delays do not run out while the test types
        try
        {
            await using var strange = await app.NewPhoneAsync();
            var stranger = await strange.NewPageAsync();
            for (var i = 0; i < 7; i++)
            {
                await stranger.GotoAsync("/Account/Login");
                await SignInTests.SignInAsync(stranger, "liushu-sec", $"guess-{i}");
                await Expect(stranger.Locator("[role=alert]")).ToBeVisibleAsync();
            }
            await Expect(stranger.Locator("[role=alert]")).ToContainTextAsync("登录尝试过于频繁");
            await stranger.ScreenshotAsync(new() { Path = Shots.PathOf("sign-in-throttled.png") });
            // Even the right password waits on the stranger's phone.
            await stranger.GotoAsync("/Account/Login");
            await SignInTests.SignInAsync(stranger, "liushu-sec", "Secretary-2026");
            await Expect(stranger.Locator("[role=alert]")).ToContainTextAsync("登录尝试过于频繁");

            await owner.GotoAsync("/Account/Login");
            await SignInTests.SignInAsync(owner, "liushu-sec", "Secretary-2026");
            await Expect(owner).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        }
        finally
        {
            app.Clock.Release();
        }
    }
}
