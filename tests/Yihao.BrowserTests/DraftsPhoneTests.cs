using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>Nothing typed is lost on a phone, in Chinese, at 360 px: a member's session runs out while a service is
/// being written; sending it brings the sign-in page; once signed in, the form is back on 我的 with what was
/// typed and a note; sent again, it is recorded once, and the note does not come back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DraftsPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_form_sent_after_the_session_ran_out_comes_back_filled_after_signing_in()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "杨庄村党支部", "branch")).Id;
        await app.MakeMemberWithAccountAsync(branchId, "杨秀兰", People.IdNumber("19790305", male: false),
            "2006-07-01", "yangzhuang-m1", "Member-2026");
        const string what = "帮五保户杨大爷修缮漏雨的屋顶\n清理院内积水";

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, "yangzhuang-m1", "Member-2026");
        await page.GetByTestId("service-form").Locator("summary").ClickAsync();
        var form = page.Locator("form.service-form");
        await form.Locator("select[name='Entry.Kind']").SelectOptionAsync("volunteering");
        await form.Locator("textarea[name='Entry.What']").FillAsync(what);
        await form.Locator("input[name='Entry.Place']").FillAsync("杨庄村三组");
        await form.Locator("input[name='Entry.Hours']").FillAsync("3");

        await phone.ClearCookiesAsync(); // the session ran out overnight
        await page.GetByTestId("record-service").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2FMe$"));
        await SignInTests.SignInAsync(page, "yangzhuang-m1", "Member-2026");

        await Expect(page).ToHaveURLAsync(new Regex("/Me$"));
        await Expect(page.GetByTestId("draft-restored")).ToContainTextAsync("已恢复");
        await Expect(form.Locator("select[name='Entry.Kind']")).ToHaveValueAsync("volunteering");
        await Expect(form.Locator("textarea[name='Entry.What']")).ToHaveValueAsync(what);
        await Expect(form.Locator("input[name='Entry.Place']")).ToHaveValueAsync("杨庄村三组");
        await Expect(form.Locator("input[name='Entry.Hours']")).ToHaveValueAsync("3");
        await Shots.TakeAsync(page, "draft-restored.png");
        await page.GetByTestId("record-service").ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("等待书记确认");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("service-entry").Filter(new() { HasText = "清理院内积水" }))
            .ToHaveCountAsync(1);
        await Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        Assert.Equal(1, await db.ServiceEntries.CountAsync(e => e.OrgId == branchId && e.What == what));
    }
}
