using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The top bar: one short line on a cheap phone, its links, name, sign-out and language behind a menu toggle;
/// on a desktop all in view as before.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutPhoneTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task On_a_360px_phone_the_top_bar_is_one_short_line_and_its_menu_holds_the_links_the_language_and_sign_out()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "桃园村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "陈玉梅", People.IdNumber("19690412", male: false), "");
        await app.MakeUserAsync("taoyuan-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(page, "taoyuan-sec", "Secretary-2026");
        await Expect(page.GetByTestId("board")).ToBeVisibleAsync();

        var header = page.Locator("header.top");
        var organizations =
            header.GetByRole(AriaRole.Link, new() { Name = SignInTests.Chinese("Organizations"), Exact = true });
        var signOut = header.GetByRole(AriaRole.Button, new() { Name = SignInTests.Chinese("Sign out"), Exact = true });
        var english = header.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true });
        var toggle = page.GetByTestId("menu");

        // Collapsed: the brand and the toggle on one line, the rest folded away.
        var collapsed = (await header.BoundingBoxAsync())!;
        var boardTop = (await page.GetByTestId("board").BoundingBoxAsync())!.Y;
        output.WriteLine($"header {collapsed.Height}px, board starts at {boardTop}px");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("layout-header-collapsed.png") });
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(organizations).ToBeHiddenAsync();
        await Expect(signOut).ToBeHiddenAsync();
        Assert.True(collapsed.Height <= 60, $"the top bar is {collapsed.Height}px tall on a 360px screen");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 361, $"the page is {scrollWidth}px wide on a 360px screen");

        // Open: everything that was in the bar is there; Escape folds it again.
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(organizations).ToBeVisibleAsync();
        await Expect(english).ToBeVisibleAsync();
        await Expect(signOut).ToBeVisibleAsync();
        await Expect(header).ToContainTextAsync("taoyuan-sec");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("layout-header-open.png") });
        await page.Keyboard.PressAsync("Escape");
        await Expect(signOut).ToBeHiddenAsync();

        // Sign out works from the menu: back to the sign-in page, and a signed-in page asks to sign in again.
        await toggle.ClickAsync();
        await signOut.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync($"/Stars/{branchId}");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
    }

    [Fact]
    public async Task On_a_1280px_screen_the_links_name_sign_out_and_language_are_in_view_without_opening_anything()
    {
        await using var desktop =
            await app.NewContextAsync(
            new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await desktop.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Dashboard$")); // a district admin's first page

        var header = page.Locator("header.top");
        await Expect(page.GetByTestId("menu")).ToBeHiddenAsync();
        foreach (var link in new[] { "Organizations", "Reviews", "Warnings", "Rating policy", "Accounts", "Audit log" })
            await Expect(header.GetByRole(AriaRole.Link, new() { Name = SignInTests.Chinese(link), Exact = true }))
                .ToBeVisibleAsync();
        await Expect(header.GetByRole(AriaRole.Button, new() { Name = SignInTests.Chinese("Sign out"), Exact = true }))
            .ToBeVisibleAsync();
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true })).ToBeVisibleAsync();
        await Expect(header.GetByTestId("user")).ToBeVisibleAsync();
        var box = (await header.BoundingBoxAsync())!;
        output.WriteLine($"header at 1280px: {box.Height}px");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("layout-desktop.png") });
        Assert.True(box.Height <= 60, $"the top bar is {box.Height}px tall on a 1280px screen");
    }
}
