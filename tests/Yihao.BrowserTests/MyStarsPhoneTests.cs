using System.Net.Http.Json;
using System.Text.Json;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A member's 我的 on a 360 px phone, in Chinese: their own stars with the reasons (the secretary's change
/// first) and what the board's state means, and 我的状态 explained before the meeting and after asking for
/// leave.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MyStarsPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_sees_their_stars_with_reasons_and_a_status_that_says_what_to_do()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "我的星级测试村党支部", "branch")).Id;
        var memberId = await app.MakeMemberWithAccountAsync(branchId, "钱秀芬", People.IdNumber("19670423", male: false),
            "1996-07-01", "mystars-m1", "Member-2026");
        await app.MakeUserAsync("mystars-sec", "Secretary-2026", Roles.BranchSecretary, branchId);

        // Last month's stars: changed by the secretary with a reason, confirmed and posted.
        using var secretary = await app.SignedInClientAsync("mystars-sec", "Secretary-2026");
        var now = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var month = now.AddMonths(-1).ToString("yyyy-MM");
        (await secretary.PostAsync($"/api/v1/orgs/{branchId}/stars/propose?month={month}", null))
            .EnsureSuccessStatusCode();
        (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branchId}/stars/override",
            new { month, memberId, star = "red", reason = "带头清扫村道积雪" })).EnsureSuccessStatusCode();
        foreach (var step in new[] { "confirm", "publish" })
            (await secretary.PostAsync($"/api/v1/orgs/{branchId}/stars/{step}?month={month}", null))
                .EnsureSuccessStatusCode();

        // Next month's day, planned and approved.
        var next = now.AddMonths(1).ToString("yyyy-MM");
        var planned = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branchId}/activity-days", new
        {
            month = next,
            place = "村委会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        });
        planned.EnsureSuccessStatusCode();
        var dayId = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await secretary.PostAsync($"/api/v1/activity-days/{dayId}/submit", null)).EnsureSuccessStatusCode();
        (await app.Admin.PostAsJsonAsync($"/api/v1/activity-days/{dayId}/review", new { approve = true }))
            .EnsureSuccessStatusCode();

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, "mystars-m1", "Member-2026");

        var star = page.GetByTestId("my-star").Filter(new() { HasText = month });
        await Expect(star).ToContainTextAsync("红星（优秀）");
        await Expect(star).ToContainTextAsync(SignInTests.Chinese("Published"));
        await Expect(star.GetByTestId("my-star-reasons").Locator("li").First)
            .ToHaveTextAsync("书记调整：带头清扫村道积雪");
        await Expect(star).ToContainTextAsync("如有异议");

        await Expect(page.GetByTestId("my-status")).ToHaveTextAsync("尚未签到");
        await Expect(page.GetByTestId("my-status-explained")).ToContainTextAsync("扫描屏幕上的二维码签到");
        await Expect(page.GetByTestId("my-status-explained")).ToContainTextAsync("开始前请假");
        await Shots.TakeAsync(page, "me-stars-360.png");

        await page.GetByTestId("next-day").Locator("summary").Filter(new() { HasText = "请假" }).ClickAsync();
        // A required field is marked with a red * before its label.
        Assert.Equal("\"*\"", await page.Locator("label:has(input[name='Reason'])")
            .EvaluateAsync<string>("l => getComputedStyle(l, '::before').content"));
        await page.Locator("input[name='Reason']").FillAsync("外出务工");
        await page.GetByTestId("next-day").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "请假" })
            .ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("已提交请假");
        await Expect(page.GetByTestId("my-status")).ToContainTextAsync("请假");
        await Expect(page.GetByTestId("my-status-explained")).ToHaveTextAsync("请假申请等待支部书记审批。");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"),
            "我的 fits a 360 px phone");
        await Shots.TakeAsync(page, "me-leave-asked-360.png");
    }
}
