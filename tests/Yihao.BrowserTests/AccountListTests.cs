using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The accounts page on a 360 px phone: found by name and role, counted and paged; a new secretary's account
/// names its member, chosen by a search for the name (not an internal number), and must choose its own password at
/// its first sign-in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountListTests(BrowserApp app)
{
    [Fact]
    public async Task An_admin_finds_the_member_by_name_makes_a_secretary_account_linked_to_them_and_it_must_change_its_password()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "石榴园村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "上官秀芝", People.IdNumber("19740606", male: false), "");
        await app.MakeMemberAsync(branchId, "何建业", People.IdNumber("19680808", male: true), "");

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FAccounts");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await page.GetByTestId("new-account").Locator("summary").ClickAsync();
        await page.GetByTestId("member-search").Locator("input[name=MemberQ]").FillAsync("上官");
        await page.GetByTestId("member-search").Locator("button").ClickAsync();
        var choice = page.GetByTestId("member-choice");
        await Expect(choice.Locator("option")).ToHaveCountAsync(2); // "no member" and the one found
        await Expect(choice.Locator("option:checked")).ToContainTextAsync("上官秀芝 · 石榴园村党支部");

        var form = page.GetByTestId("new-account").Locator("form[method=post]");
        await form.Locator("input[name='Form.Username']").FillAsync("shiliu-sec");
        await form.Locator("input[name='Form.Password']").FillAsync("First-Pass-2026");
        await form.Locator("select[name='Form.Role']").SelectOptionAsync(Roles.BranchSecretary);
        await form.Locator("select[name='Form.OrgId']").SelectOptionAsync(branchId.ToString());
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("shiliu-sec");

        var users = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        var made = users.EnumerateArray().Single(u => u.GetProperty("username").GetString() == "shiliu-sec");
        var members = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/members?orgId={branchId}");
        var linked = members.GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "上官秀芝").GetProperty("id").GetInt32();
        Assert.Equal(linked, made.GetProperty("memberId").GetInt32());

        // The list finds it by name and role, and says how many it shows.
        await page.GotoAsync("/Accounts?q=shiliu&role=" + Roles.BranchSecretary);
        await Expect(page.GetByTestId("accounts").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("accounts-shown")).ToHaveTextAsync("显示第 1–1 条，共 1 条");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 361, $"the accounts page is {width}px wide on a 360px phone");

        // Its first sign-in asks for its own password before anything else.
        await using var other = await app.NewPhoneAsync();
        var secretary = await other.NewPageAsync();
        await secretary.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(secretary, "shiliu-sec", "First-Pass-2026");
        await Expect(secretary).ToHaveURLAsync(new Regex("/Account/Password"));
    }
}
