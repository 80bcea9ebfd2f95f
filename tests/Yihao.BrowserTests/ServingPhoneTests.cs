using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>Serving the people on a 360 px phone, in Chinese: a member records a service on 我的, a field's problem
/// shows beside it with what was typed kept, the secretary confirms it on the confirm list, the member sees
/// 已确认.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServingPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_records_a_service_on_a_phone_the_secretary_confirms_it_and_the_member_sees_it_confirmed()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "梅岭村党支部", "branch")).Id;
        await app.MakeMemberWithAccountAsync(branchId, "郑玉梅", People.IdNumber("19780614", male: false), "2005-07-01",
            "meiling-m1", "Member-2026");
        await app.MakeUserAsync("meiling-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, "meiling-m1", "Member-2026");
        await page.GetByTestId("service-form").Locator("summary").ClickAsync();
        var form = page.Locator("form.service-form");
        await form.Locator("select[name='Entry.Kind']").SelectOptionAsync("volunteering");
        await form.Locator("textarea[name='Entry.What']").FillAsync("清扫村道积雪");
        await form.Locator("input[name='Entry.Place']").FillAsync("村东主路");
        await form.Locator("input[name='Entry.Hours']").FillAsync("30");
        await page.GetByTestId("record-service").ClickAsync();
        // The hours' problem stands beside the field; what was typed is kept.
        await Expect(page.Locator(".field-error").Filter(new() { HasText = "时长" })).ToBeVisibleAsync();
        await Expect(form.Locator("textarea[name='Entry.What']")).ToHaveValueAsync("清扫村道积雪");
        // Hours that are not a number: the same problem, what was typed kept as typed.
        await form.Locator("input[name='Entry.Hours']").FillAsync("两个半");
        await page.GetByTestId("record-service").ClickAsync();
        await Expect(page.Locator(".field-error").Filter(new() { HasText = "时长" })).ToBeVisibleAsync();
        await Expect(form.Locator("input[name='Entry.Hours']")).ToHaveValueAsync("两个半");
        await Expect(form.Locator("textarea[name='Entry.What']")).ToHaveValueAsync("清扫村道积雪");
        await form.Locator("input[name='Entry.Hours']").FillAsync("2.5");
        await page.GetByTestId("record-service").ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("等待书记确认");
        var entry = page.GetByTestId("service-entry").Filter(new() { HasText = "清扫村道积雪" });
        await Expect(entry.GetByTestId("service-state")).ToHaveTextAsync("待确认");

        await using var secretaryPhone = await app.NewPhoneAsync();
        var sec = await secretaryPhone.NewPageAsync();
        await sec.GotoAsync("/Account/Login?ReturnUrl=%2FTodo");
        await SignInTests.SignInAsync(sec, "meiling-sec", "Secretary-2026");
        await sec.GetByTestId("confirm-service").ClickAsync();
        var card = sec.GetByTestId("waiting-entry").Filter(new() { HasText = "清扫村道积雪" });
        await Expect(card).ToContainTextAsync("郑玉梅");
        await card.GetByTestId("confirm").ClickAsync();
        await Expect(sec.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("已确认");
        await Expect(sec.GetByTestId("nothing-waiting")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(entry.GetByTestId("service-state")).ToHaveTextAsync("已确认");
    }

    /// <summary>A text of as many characters as the field allows, with line breaks: the browser counts each break as
    /// one, posts it as two (CR LF); it is recorded, with the breaks as typed.</summary>
    [Fact]
    public async Task A_service_as_long_as_the_field_allows_with_line_breaks_is_recorded_as_typed()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "石桥村党支部", "branch")).Id;
        await app.MakeMemberWithAccountAsync(branchId, "孙志强", People.IdNumber("19820916", male: true),
            "2009-07-01", "shiqiao-m1", "Member-2026");
        var what = string.Join("\n", Enumerable.Range(1, 5).Select(i => $"第{i}项" + new string('扫', 96))) + "。";
        Assert.Equal(500, what.Length);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, "shiqiao-m1", "Member-2026");
        await page.GetByTestId("service-form").Locator("summary").ClickAsync();
        var form = page.Locator("form.service-form");
        await form.Locator("select[name='Entry.Kind']").SelectOptionAsync("thingDone");
        await form.Locator("textarea[name='Entry.What']").FillAsync(what);
        await Expect(form.Locator("textarea[name='Entry.What']")).ToHaveValueAsync(what);
        await page.GetByTestId("record-service").ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("等待书记确认");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        Assert.Equal(what, await db.ServiceEntries.Where(e => e.OrgId == branchId).Select(e => e.What).SingleAsync());
    }
}
