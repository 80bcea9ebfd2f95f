using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A new member's dues standard, on a secretary's phone in Chinese: 待办 names the member who has none, its
/// button opens the member's dues with 未核定 and the form to set it open, and once a farmer's standard is saved the
/// member has 0.50 a month and 待办 no longer asks.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DuesStandardPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task The_secretary_is_asked_for_a_new_members_standard_and_sets_it_from_the_list()
    {
        var branchId = (await app.MakeOrgAsync(app.TownB.Id, "白杨村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "白雪梅", People.IdNumber("19750412", male: false), "");
        await app.MakeUserAsync("baiyang-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FTodo");
        await SignInTests.SignInAsync(page, "baiyang-sec", "Secretary-2026");
        var item = page.Locator("[data-kind=standardsUnset]");
        await Expect(item).ToContainTextAsync("1 名党员尚未核定党费标准");
        await item.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "核定标准" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Dues/Member/\\d+#set-standard$"));
        await Expect(page.GetByTestId("standard")).ToHaveTextAsync("未核定");
        await Expect(page.GetByTestId("amount-owed")).ToHaveTextAsync("—"); // no figure before the standard
        var form = page.GetByTestId("set-standard");
        await Expect(form).ToHaveJSPropertyAsync("open", true);
        await Shots.TakeAsync(page, "dues-standard-unset.png");
        await form.Locator("select[name='Standard.Category']").SelectOptionAsync("farmer");
        await form.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "保存标准" }).ClickAsync();
        await Expect(page.GetByTestId("standard")).ToHaveTextAsync("0.50");

        await page.GotoAsync("/Todo");
        await Expect(page.Locator("[data-kind=standardsUnset]")).ToHaveCountAsync(0);
    }
}
