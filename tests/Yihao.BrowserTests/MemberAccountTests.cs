using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A secretary opens the branch's accounts and prints the slips; a member signs in on a phone with the slip,
/// must choose a password, then writes a thought report and finds the star board.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberAccountTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_signs_in_with_a_printed_slip_chooses_a_password_and_writes_a_thought_report_on_a_phone()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "榆钱村党支部", "branch")).Id;
        await app.MakeMemberAsync(branchId, "孙秀英", People.IdNumber("19560709", male: false), "13900001111");
        await app.MakeUserAsync("yuqian-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var secretaryContext = await app.NewContextAsync();
        var secretary = await secretaryContext.NewPageAsync();
        await secretary.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Organizations/{branchId}")}");
        await SignInTests.SignInAsync(secretary, "yuqian-sec", "Secretary-2026");
        await secretary.GetByTestId("branch-accounts").ClickAsync();
        await secretary.GetByTestId("open-accounts").ClickAsync();
        var slip = secretary.GetByTestId("slips").Locator(".slip");
        await Expect(slip).ToHaveCountAsync(1);
        await Expect(slip).ToContainTextAsync("孙秀英");
        var codes = await slip.Locator("code").AllInnerTextsAsync();
        var (username, password) = (codes[0], codes[1]);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, username, password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Password"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改密码");
        // The printed password was typed a moment ago: the first change asks only for the new one.
        await Expect(page.Locator("input[name=Current]")).ToHaveCountAsync(0);
        await page.Locator("input[name=New]").FillAsync("Sun-Xiuying-1956");
        await page.Locator("input[name=Again]").FillAsync("Sun-Xiuying-1957");
        await page.GetByTestId("change-password").ClickAsync();
        await Expect(page.Locator(".errors")).ToHaveTextAsync("两次输入的新密码不一致。");
        await page.Locator("input[name=New]").FillAsync("Sun-Xiuying-1956");
        await page.Locator("input[name=Again]").FillAsync("Sun-Xiuying-1956");
        await page.GetByTestId("change-password").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Me$"));

        await page.GetByTestId("thought-report").Locator("textarea").FillAsync("认真学习党章，做合格党员。");
        await page.GetByTestId("thought-report").Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("thought-report")).ToContainTextAsync("认真学习党章，做合格党员。");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the page is {scrollWidth}px wide on a 360px screen");

        await page.GetByTestId("my-stars").ClickAsync();
        await Expect(page.GetByTestId("board").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("board-state")).ToHaveTextAsync("拟定");

        // The new password is now the only one, and the API hands out tokens again.
        var client = await app.SignedInClientAsync(username, "Sun-Xiuying-1956");
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/me/thought-reports")).EnumerateArray());
    }
}
