using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A town's forty-odd branches on a phone: one short table a page at a time, not a card per branch; found by
/// name, ordered by members.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TownBranchListTests(BrowserApp app)
{
    [Fact]
    public async Task A_town_with_45_branches_shows_a_compact_paged_table_that_finds_a_branch_by_name_and_orders_by_members()
    {
        var town = await app.MakeOrgAsync(app.DistrictId, "柳河镇党委", "town");
        for (var i = 1; i <= 45; i++) await app.MakeOrgAsync(town.Id, $"柳河第{i:00}村党支部", "branch");
        var small = (await app.MakeOrgAsync(town.Id, "柳河第99村党支部", "branch")).Id;
        await app.MakeMemberAsync(small, "岳桂芝", People.IdNumber("19700312", male: false), "");

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl=%2FOrganizations%2F{town.Id}");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        var rows = page.GetByTestId("children").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(40);
        await Expect(page.GetByTestId("children-pager")).ToContainTextAsync("1 / 2");
        // A row is one line: forty branches fit in a few phone screens, not forty cards.
        var height = await rows.First.EvaluateAsync<double>("r => r.getBoundingClientRect().height");
        Assert.InRange(height, 30, 70);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);

        await page.GetByTestId("children-pager").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "下一页" })
            .ClickAsync();
        await Expect(rows).ToHaveCountAsync(6);

        await page.GetByTestId("children-filter").Locator("input[name=cq]").FillAsync("第07");
        await page.GetByTestId("children-filter").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("柳河第07村党支部");

        await page.GetByTestId("children-filter").Locator("input[name=cq]").FillAsync("");
        await page.GetByTestId("children-filter").Locator("select[name=co]").SelectOptionAsync("-members");
        await page.GetByTestId("children-filter").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("柳河第99村党支部");
        await Expect(page).ToHaveURLAsync(new Regex("co=-members"));
    }
}
