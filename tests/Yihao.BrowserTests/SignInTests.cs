using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_signs_in_in_Chinese_and_walks_from_the_district_to_a_branch_member_list()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/Organizations");
        Assert.Equal(200, response!.Status);
        // Not signed in: sent to the sign-in page, which speaks Chinese whatever the browser's Accept-Language says.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2FOrganizations$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("input[name=Password]")).ToHaveAttributeAsync("type", "password");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Chinese("Sign in"));

        await SignInAsync(page, "admin", BrowserApp.AdminPassword);

        // Back to the page asked for before signing in.
        await Expect(page).ToHaveURLAsync(new Regex("/Organizations$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(BrowserApp.DistrictName);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var children = page.GetByTestId("children");
        await Expect(children.GetByRole(AriaRole.Link, new() { Name = app.TownA.Name, Exact = true }))
            .ToBeVisibleAsync();
        await Expect(children.GetByRole(AriaRole.Link, new() { Name = app.TownB.Name, Exact = true }))
            .ToBeVisibleAsync();

        await children.GetByRole(AriaRole.Link, new() { Name = app.TownA.Name, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Organizations/{app.TownA.Id}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(app.TownA.Name);
        await Expect(page.Locator(".crumbs")).ToContainTextAsync(BrowserApp.DistrictName);

        await page.GetByTestId("children").GetByRole(AriaRole.Link, new() { Name = app.BranchA.Name, Exact = true })
            .ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Organizations/{app.BranchA.Id}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(app.BranchA.Name);
        var members = page.GetByTestId("members");
        await Expect(members.GetByRole(AriaRole.Link, new() { Name = app.MemberInBranchA, Exact = true }))
            .ToBeVisibleAsync();
        // The other town's member is not listed in this branch.
        await Expect(members).Not.ToContainTextAsync(app.MemberInBranchB);
        await Expect(page.GetByTestId("member-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_the_sign_in_page()
    {
        await app.MakeUserAsync("wrong-pw-user", "Right-Password-2026", Yihao.Web.Domain.Roles.BranchSecretary,
            app.BranchB.Id);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await SignInAsync(page, "wrong-pw-user", "Not-The-Password-1");

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(Chinese("Wrong user name or password."));
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Expect(page.Locator("input[name=Username]")).ToHaveValueAsync("wrong-pw-user");
        // Still signed out: a signed-in page sends the browser back to sign in.
        await page.GotoAsync("/Organizations");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "yihao");
    }

    [Fact]
    public async Task A_town_admin_sees_their_town_and_gets_404_for_another_town()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);

        // The start page is what is due (待办); the top of their own part of the tree is one tap away.
        await Expect(page).ToHaveURLAsync(new Regex("/Todo$"));
        await page.GotoAsync("/Organizations");
        await Expect(page.Locator("h1")).ToContainTextAsync(app.TownA.Name);
        await Expect(page.GetByTestId("children")
            .GetByRole(AriaRole.Link, new() { Name = app.BranchA.Name, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync(app.TownB.Name);

        var own = await page.GotoAsync($"/Organizations/{app.BranchA.Id}");
        Assert.Equal(200, own!.Status);
        await Expect(page.GetByTestId("members")).ToContainTextAsync(app.MemberInBranchA);

        var otherTown = await page.GotoAsync($"/Organizations/{app.TownB.Id}");
        Assert.Equal(404, otherTown!.Status);
        var otherBranch = await page.GotoAsync($"/Organizations/{app.BranchB.Id}");
        Assert.Equal(404, otherBranch!.Status);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(app.MemberInBranchB);
        var district = await page.GotoAsync($"/Organizations/{app.DistrictId}");
        Assert.Equal(404, district!.Status);
    }

    [Fact]
    public async Task The_English_link_switches_the_page_to_English()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await page.GotoAsync($"/Organizations/{app.BranchA.Id}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();

        // Back on the same page, now in English, with a way back to Chinese.
        await Expect(page).ToHaveURLAsync(new Regex($"/Organizations/{app.BranchA.Id}$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "中文", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("members")).ToContainTextAsync(app.MemberInBranchA);

        // The choice is remembered in a cookie for the next page.
        await page.GotoAsync("/Organizations");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByRole(AriaRole.Link, new() { Name = "中文", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Chinese("Sign out"), Exact = true }))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The app's own Chinese for an English key (the key itself while it has no translation).</summary>
    internal static string Chinese(string english)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = L.Chinese;
            return L.T(english);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    internal static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.Locator("input[name=Username]").FillAsync(username);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("form.stack button[type=submit]").ClickAsync();
    }
}
