using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The rating policy (考核办法) as a form in Chinese on a phone: each rule a labelled field with its meaning,
/// a problem beside its field with what was typed kept, and a saved version that the API reads back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolicyFormTests(BrowserApp app)
{
    [Fact]
    public async Task A_district_admin_changes_a_rule_in_a_Chinese_form_sees_a_problem_beside_its_field_and_saves()
    {
        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FPolicy");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page.GetByTestId("policy-form")).ToBeVisibleAsync();

        var text = await page.Locator("main").InnerTextAsync();
        foreach (var label in new[] { "评为红星须做到", "到会率低于（%）红色预警", "连续几个月未交党费红色预警", "党章规定为六个月",
                     "农民党员（元/月）", "督查检查项（每行一项）", "六个必须" })
            Assert.Contains(label, text);
        foreach (var english in new[] { "redBelowRate", "attendance", "\"red\"", "duesUnpaid", "weights" })
            Assert.DoesNotContain(english, text);
        var red = page.Locator("input[name='f.branchWarnings.redBelowRate']");
        await Expect(red).ToHaveValueAsync("80");

        // Red above yellow: the problem beside the red threshold, what was typed kept, nothing saved.
        var before = (await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/policy/versions")).GetArrayLength();
        await red.FillAsync("95");
        await page.Locator("input[name=EffectiveFrom]").First.FillAsync("2030-01");
        await page.GetByTestId("save-policy").ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='f.branchWarnings.redBelowRate']"))
            .ToContainTextAsync("不能高于");
        await Expect(red).ToHaveValueAsync("95");
        Assert.Equal(before, (await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/policy/versions")).GetArrayLength());
        var shot = Path.Combine(AppContext.BaseDirectory, "screenshots", "policy-form-problem.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        foreach (var part in new[] { "red", "branchWarnings", "dues" })
            await page.GetByTestId($"policy-{part}")
                .ScreenshotAsync(new() { Path = shot.Replace(".png", $"-{part}.png") });

        // Mended, and the service rule turned off: a new version from 2030-01 with exactly those changes.
        await red.FillAsync("85");
        await page.Locator("input[name='f.red.service']").UncheckAsync();
        await page.GetByTestId("save-policy").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("已保存：新的考核办法自 2030-01 起施行。");
        var saved = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/policy?month=2030-01");
        var policy = saved.GetProperty("policy");
        Assert.Equal(0.85m, policy.GetProperty("branchWarnings").GetProperty("redBelowRate").GetDecimal());
        Assert.False(policy.GetProperty("red").GetProperty("service").GetBoolean());
        Assert.True(policy.GetProperty("red").GetProperty("dues").GetBoolean());
        Assert.Contains("The six musts", policy.GetProperty("supervision").GetProperty("checklist").EnumerateArray()
            .Select(c => c.GetString()));
        Assert.Equal(before + 1,
            (await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/policy/versions")).GetArrayLength());
    }
}
