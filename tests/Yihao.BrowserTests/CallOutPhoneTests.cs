using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>
/// A volunteer call-out (志愿者召集) on 360 px phones, in Chinese: the secretary calls for volunteers, a member
/// signs up from 我的, the secretary ticks who came and their hours before the call-out has begun and is told so
/// with the ticks and hours kept; once it has begun the same save records them, each a volunteering entry of the
/// service ledger.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallOutPhoneTests(BrowserApp app)
{
    static readonly DateTimeOffset Jun6Early = new(2027, 6, 6, 7, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Attendance_saved_before_the_call_out_begins_is_refused_with_the_ticks_kept_then_recorded()
    {
        var branch = await app.MakeOrgAsync(app.TownA.Id, "槐荫村党支部", "branch");
        app.Clock.Pin(Jun6Early);
        try
        {
            var member = await app.MakeMemberWithAccountAsync(branch.Id, "常秀梅",
                People.IdNumber("19830717", male: false), "2009-07-01", "huaiyin-m1", "Member-2027");
            await app.MakeUserAsync("huaiyin-sec", "Secretary-2027", Roles.BranchSecretary, branch.Id);

            // At seven the secretary calls for volunteers at eight.
            await using var secPhone = await app.NewPhoneAsync();
            var sec = await secPhone.NewPageAsync();
            await sec.GotoAsync("/Account/Login?ReturnUrl=%2FCallOuts");
            await SignInTests.SignInAsync(sec, "huaiyin-sec", "Secretary-2027");
            await sec.Locator("details.card > summary").ClickAsync();
            var call = sec.GetByTestId("call-out-form");
            await call.Locator("input[name='Form.What']").FillAsync("冰雹灾后帮助农户抢收苹果");
            await call.Locator("input[name='Form.Place']").FillAsync("槐树村三组果园");
            await call.Locator("input[name='Form.StartsAt']").FillAsync("2027-06-06T08:00");
            await call.Locator("input[name='Form.Needed']").FillAsync("20");
            await call.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("已发出召集");
            var callOutUrl = sec.Url;

            // The member signs up from 我的.
            await using var memberPhone = await app.NewPhoneAsync();
            var me = await memberPhone.NewPageAsync();
            await me.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
            await SignInTests.SignInAsync(me, "huaiyin-m1", "Member-2027");
            var card = me.GetByTestId("call-out").Filter(new() { HasText = "冰雹灾后帮助农户抢收苹果" });
            await card.GetByTestId("sign-up").ClickAsync();
            await Expect(me.GetByRole(AriaRole.Status)).ToContainTextAsync("已报名");
            await Expect(card).ToContainTextAsync("已报名");
            Assert.True(await me.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);

            // Ticked and given hours before it begins: refused in Chinese, the tick and hours kept.
            await sec.GotoAsync(callOutUrl);
            var row = sec.GetByTestId("sign-up").Filter(new() { HasText = "常秀梅" });
            await row.Locator("input[type=checkbox]").CheckAsync();
            await row.Locator("input[type=number]").FillAsync("3.5");
            await sec.GetByTestId("record").ClickAsync();
            await Expect(sec.GetByRole(AriaRole.Alert)).ToContainTextAsync("召集开始后才能登记到场情况");
            await Expect(row.Locator("input[type=checkbox]")).ToBeCheckedAsync();
            await Expect(row.Locator("input[type=number]")).ToHaveValueAsync("3.5");
            Assert.True(await sec.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);

            // Once it has begun, the same save records them.
            app.Clock.Pin(Jun6Early.AddMinutes(75));
            await sec.GetByTestId("record").ClickAsync();
            await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记");
            await Expect(sec.GetByTestId("call-out-counts")).ToContainTextAsync("3.5");
            var ledger = await app.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/v1/service/entries?orgId={branch.Id}&kind=volunteering");
            var entries = (ledger.ValueKind == JsonValueKind.Array ? ledger : ledger.GetProperty("items"))
                .EnumerateArray().ToList();
            var entry = Assert.Single(entries);
            Assert.Equal(3.5m, entry.GetProperty("hours").GetDecimal());
            Assert.Contains(entry.GetProperty("members").EnumerateArray(),
                m => m.GetProperty("id").GetInt32() == member);
        }
        finally
        {
            app.Clock.Release();
        }
    }
}
