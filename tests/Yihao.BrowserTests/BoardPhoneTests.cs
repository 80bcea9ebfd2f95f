using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A village secretary adjusts one member's star on a cheap phone: the board stays compact, the form opens for
/// that row only, and a live refresh does not wipe what is being typed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardPhoneTests(BrowserApp app, ITestOutputHelper output)
{
    const int Width = 360;

    [Fact]
    public async Task Before_the_month_is_computed_the_board_offers_no_adjusting_or_confirming_and_after_computing_it_does()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "梨树沟村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "周凤英", People.IdNumber("19620805", male: false), "");
        await app.MakeMemberAsync(branchId, "吴长顺", People.IdNumber("19700316", male: true), "");
        await app.MakeUserAsync("lishugou-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var phone =
            await app.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new() { Width = Width, Height = 740 },
                IsMobile = true,
                HasTouch = true
            });
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(page, "lishugou-sec", "Secretary-2026");

        // Nothing stored for the month yet: the rows show what the rules say, but there is nothing to adjust or
        // confirm, only to compute.
        var board = page.GetByTestId("board");
        await Expect(board.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("board-state"))
            .ToHaveTextAsync(SignInTests.Chinese("Propose the month's stars first."));
        await Expect(page.GetByTestId("board-state")).ToBeInViewportAsync();
        await Expect(board.GetByTestId("adjust")).ToHaveCountAsync(0);
        await Expect(board.GetByText(SignInTests.Chinese("Change"), new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);
        var propose = page.GetByTestId("propose");
        await Expect(propose).ToBeInViewportAsync();
        await Expect(propose).Not.ToHaveClassAsync(new Regex("secondary"));
        var top = (await board.BoundingBoxAsync())!.Y;
        output.WriteLine($"the board starts {top}px down on a {Width}px screen");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("layout-board-before.png") });
        Assert.True(top <= 300, $"the board starts {top}px down on a {Width}px screen");

        // Computed: each row has its "调整", and the branch can confirm.
        await propose.ClickAsync();
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("board-state")).ToHaveTextAsync(SignInTests.Chinese("Proposed"));
        await Expect(board.GetByTestId("adjust")).ToHaveCountAsync(2);
        await Expect(board.GetByTestId("adjust").First.Locator("summary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("layout-board-after.png") });
    }

    [Fact]
    public async Task A_secretary_adjusts_a_star_on_a_360px_phone_with_compact_rows_and_the_form_kept_open_through_a_live_change()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "杏花村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "王桂兰", People.IdNumber("19640218", male: false), "");
        await app.MakeMemberAsync(branchId, "刘建华", People.IdNumber("19711103", male: true), "");
        await app.MakeMemberAsync(branchId, "赵志强", People.IdNumber("19780927", male: true), "");
        await app.MakeUserAsync("xinghua-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var phone =
            await app.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new() { Width = Width, Height = 740 },
                IsMobile = true,
                HasTouch = true
            });
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Stars/{branchId}")}");
        await SignInTests.SignInAsync(page, "xinghua-sec", "Secretary-2026");

        // The month being rated (last month) has no stored board yet: compute it, as the secretary would.
        await page.GetByTestId("propose").ClickAsync();
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        var board = page.GetByTestId("board");
        await Expect(board.Locator("tbody tr")).ToHaveCountAsync(3);
        var month = await page.Locator("input[name=month]").InputValueAsync();

        var row = board.Locator("tbody tr", new() { HasText = "王桂兰" });
        var adjust = row.GetByTestId("adjust");
        await Expect(adjust.Locator("form")).ToBeHiddenAsync();
        var collapsed = await row.BoundingBoxAsync();
        Assert.True(collapsed!.Height <= 60, $"a member row is {collapsed.Height}px tall on a {Width}px screen");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Width + 1, $"the page is {scrollWidth}px wide on a {Width}px screen");

        // "调整" opens this row's form, and no other row's.
        await adjust.Locator("summary").ClickAsync();
        await Expect(adjust.Locator("form")).ToBeVisibleAsync();
        await Expect(board.Locator("details[open]")).ToHaveCountAsync(1);
        var select = adjust.Locator("select[name=Star]");
        var was = await select.InputValueAsync();
        var colour = was == "red" ? "blue" : "red";
        await select.SelectOptionAsync(colour);
        const string reason = "因病住院，经支委会研究调整";
        await adjust.Locator("input[name=Reason]").FillAsync(reason);

        // The branch's records change meanwhile: the board has a refresh waiting, but the open form and its text stay.
        await Expect(page.Locator("[data-live]")).ToHaveAttributeAsync("data-listening", "true");
        var memberId = await row.GetAttributeAsync("data-member");
        using var api = await app.SignedInClientAsync("xinghua-sec", "Secretary-2026");
        (await api.PostAsJsonAsync($"/api/v1/orgs/{branchId}/member-months",
            new { month, memberId = int.Parse(memberId!), service = "义务清扫村道" })).EnsureSuccessStatusCode();
        await Expect(page.Locator("[data-live]")).ToHaveAttributeAsync("data-waiting", "true");
        await Expect(adjust.Locator("form")).ToBeVisibleAsync();
        await Expect(adjust.Locator("input[name=Reason]")).ToHaveValueAsync(reason);

        await adjust.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Expect(row.Locator($"td.star[data-month='{month}'] span")).ToHaveClassAsync($"star-{colour}");
        await Expect(row.Locator(".why")).ToContainTextAsync("书记调整：" + reason);
        await Expect(adjust.Locator("form")).ToBeHiddenAsync();
        await Expect(adjust.Locator("select[name=Star]")).ToHaveValueAsync(colour);
        var after = await row.BoundingBoxAsync();
        Assert.True(after!.Height <= 60, $"the adjusted row is {after.Height}px tall on a {Width}px screen");
    }
}
