using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The day as people live it: the secretary plans, the town approves, a member scans the screen's code with a
/// phone, signs in and is checked in without another tap, and the screen's count rises.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActivityDayTests(BrowserApp app)
{
    static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    static readonly DateTimeOffset Dec1Morning = new(2026, 12, 1, 8, 50, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Secretary_plans_town_approves_member_scans_and_the_screen_count_rises()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "南关村党支部", "branch")).Id;
        var member =
            await app.Admin.PostAsJsonAsync("/api/v1/members",
            new
            {
                orgId = branchId,
                name = "赵红梅",
                idNumber = People.IdNumber("19850101", male: false),
                kind = "full",
                joinedOn = "2010-07-01"
            });
        var memberId = (await member.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var second =
            await app.Admin.PostAsJsonAsync("/api/v1/members",
            new
            {
                orgId = branchId,
                name = "钱满仓",
                idNumber = People.IdNumber("19600101"),
                kind = "full",
                joinedOn = "1990-07-01"
            });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await app.Admin.PostAsJsonAsync("/api/v1/users",
            new
            {
                username = "qian-mancang",
                password = "Member-2026y",
                role = Roles.Member,
                orgId = branchId,
                memberId = secondId
            })).EnsureSuccessStatusCode();
        await app.MakeUserAsync("nanguan-sec", "Secretary-2026", Roles.BranchSecretary, branchId);
        (await app.Admin.PostAsJsonAsync("/api/v1/users",
            new
            {
                username = "zhao-hongmei",
                password = "Member-2026x",
                role = Roles.Member,
                orgId = branchId,
                memberId
            })).EnsureSuccessStatusCode();

        app.Clock.Pin(Nov20);
        try
        {
            // The secretary plans December and submits it.
            await using var secretaryContext = await app.NewContextAsync();
            var secretary = await secretaryContext.NewPageAsync();
            await SignInAsync(secretary, "nanguan-sec", "Secretary-2026", $"/ActivityDays?orgId={branchId}");
            await secretary.Locator("input[name=Month]").FillAsync("2026-12");
            await secretary.Locator("form.inline button[type=submit]").ClickAsync();
            await Expect(secretary).ToHaveURLAsync(new Regex("/ActivityDays/\\d+$"));
            var dayId = int.Parse(new Regex("/ActivityDays/(\\d+)$").Match(secretary.Url).Groups[1].Value);
            await secretary.Locator("input[name='Plan.Place']").ClickAsync();
            await secretary.Locator("input[name='Plan.Place']").FillAsync("南关村委会会议室");
            await secretary.Locator("input[name='Plan.Agenda[1].Title']").FillAsync("评议低保户");
            await secretary.Locator("select[name='Plan.Agenda[1].Category']").SelectOptionAsync("deliberation");

            // Leaving with the edits unsent asks first; staying keeps them.
            var asked = new TaskCompletionSource<string>();
            void Ask(object? sender, IDialog dialog)
            {
                asked.TrySetResult(dialog.Type);
                _ = dialog.DismissAsync();
            }
            secretary.Dialog += Ask;
            await secretary.Locator(".crumbs a").First.ClickAsync();
            Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            secretary.Dialog -= Ask;
            await Expect(secretary).ToHaveURLAsync(new Regex($"/ActivityDays/{dayId}$"));
            await Expect(secretary.Locator("input[name='Plan.Place']")).ToHaveValueAsync("南关村委会会议室");

            // 提交审核 submits what is on the screen (it used to send the stored defaults, place "待定").
            await secretary.GetByTestId("submit-plan").ClickAsync();
            await Expect(secretary.GetByTestId("state")).ToHaveTextAsync("已提交");
            await Expect(secretary.Locator(".notice")).ToContainTextAsync("已提交审核");
            var submitted = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{dayId}");
            Assert.Equal("南关村委会会议室", submitted.GetProperty("place").GetString());
            Assert.Contains(submitted.GetProperty("agenda").EnumerateArray(),
                a => a.GetProperty("title").GetString() == "评议低保户");

            // The town admin finds it in the review queue and approves it.
            await using var townContext = await app.NewContextAsync();
            var town = await townContext.NewPageAsync();
            await SignInAsync(town, BrowserApp.TownAdminName, BrowserApp.TownAdminPassword, "/ActivityDays");
            await town.GetByTestId("review-queue").GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(town).ToHaveURLAsync(new Regex($"/ActivityDays/{dayId}$"));
            await town.GetByTestId("review-form").Locator("button[formaction*='Approve']").ClickAsync();
            // The answer says what was done, and the queue moves on (here: to nothing left to review).
            await Expect(town.Locator(".notice")).ToContainTextAsync("已审核通过");
            var approved = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{dayId}");
            Assert.Equal("approved", approved.GetProperty("state").GetString());

            // The morning of the 1st (a new day, a new sign-in): the meeting screen shows 0 of 2.
            app.Clock.Pin(Dec1Morning);
            await SignInAsync(secretary, "nanguan-sec", "Secretary-2026", $"/ActivityDays/{dayId}/Screen");
            await Expect(secretary.GetByTestId("screen-expected")).ToHaveTextAsync("2");
            await Expect(secretary.GetByTestId("screen-present")).ToHaveTextAsync("0");
            await Expect(secretary.Locator("#qr")).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await secretary.Locator("#qr").EvaluateAsync<int>("img => img.naturalWidth") > 200,
                "the QR image did not load");

            // A member "scans" the code: opens its link on a phone, signs in, taps once (and again: still one).
            var status =
                await secretary.EvaluateAsync<JsonElement>(
                $"fetch('/ActivityDays/{dayId}/Screen?handler=Status').then(r => r.json())");
            var link = new Uri(status.GetProperty("url").GetString()!);
            await using var phoneContext =
                await app.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var phone = await phoneContext.NewPageAsync();
            await phone.GotoAsync(link.PathAndQuery);
            await Expect(phone).ToHaveURLAsync(new Regex("/Account/Login"));
            await phone.Locator("input[name=Username]").FillAsync("zhao-hongmei");
            await phone.Locator("input[name=Password]").FillAsync("Member-2026x");
            await phone.Locator("form button[type=submit]").ClickAsync();
            await Expect(phone).ToHaveURLAsync(new Regex($"/CheckIn/{dayId}$"));
            await Expect(phone.GetByTestId("checked-in")).ToBeVisibleAsync();
            await phone.GotoAsync(link.PathAndQuery);
            await Expect(phone.GetByTestId("checked-in")).ToBeVisibleAsync();

            // The screen counts one, on its own, without a reload.
            await Expect(secretary.GetByTestId("screen-present")).ToHaveTextAsync("1");
            var sheet = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{dayId}/attendance");
            Assert.Equal(1, sheet.GetProperty("present").GetInt32());

            // A stale code (a photo passed around later) does not check anyone in.
            app.Clock.Pin(Dec1Morning.AddMinutes(5));
            await using var lateContext = await app.NewContextAsync();
            var late = await lateContext.NewPageAsync();
            await late.GotoAsync(link.PathAndQuery);
            await SignInAsync(late, "qian-mancang", "Member-2026y", $"/CheckIn/{dayId}?expired=1", navigate: false);
            await Expect(late.Locator("[role=alert]")).ToBeVisibleAsync();
            await Expect(late.GetByTestId("confirm-check-in")).ToHaveCountAsync(0);
            Assert.Equal(1,
                (await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{dayId}/attendance"))
                .GetProperty("present").GetInt32());
        }
        finally
        {
            app.Clock.Release();
        }
    }

    static async Task SignInAsync(IPage page, string user, string password, string returnUrl, bool navigate = true)
    {
        if (navigate) await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("input[name=Username]").FillAsync(user);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }
}
