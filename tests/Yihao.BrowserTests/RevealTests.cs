using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>查看完整信息 on a phone, in Chinese: the secretary sees the masked values, reveals the phone with a reason, and
/// the audit log keeps the reason.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RevealTests(BrowserApp app)
{
    [Fact]
    public async Task The_branch_secretary_reveals_a_members_phone_with_a_reason_on_the_member_page()
    {
        var branch = await app.MakeOrgAsync(app.TownA.Id, "南关社区党支部", "branch");
        var id = People.IdNumber("19690708", male: true);
        var created = await app.Admin.PostAsJsonAsync(
            "/api/v1/members",
            new
            {
                orgId = branch.Id,
                name = "赵卫东",
                idNumber = id,
                phone = "13987654321",
                kind = "full",
                joinedOn = "1995-07-01",
            }
        );
        created.EnsureSuccessStatusCode();
        var member = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var secretary = "reveal-sec";
        await app.MakeUserAsync(secretary, "Secretary-2026", "branchSecretary", branch.Id);

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl=%2FMembers%2F{member}");
        await SignInTests.SignInAsync(page, secretary, "Secretary-2026");
        await Expect(page.GetByTestId("id-number")).ToHaveTextAsync("61****************");
        await Expect(page.GetByTestId("phone")).ToHaveTextAsync("*******4321");

        await page.Locator("summary", new() { HasText = "查看完整信息" }).ClickAsync();
        await page.Locator("select[name='Reveal.Field']").SelectOptionAsync("phone");
        await page.Locator("input[name='Reveal.Reason']").FillAsync("通知参加本月主题党日");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("phone")).ToHaveTextAsync("13987654321");
        await Expect(page.GetByTestId("id-number")).ToHaveTextAsync("61****************");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide");

        var log = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=Member&entityId={member}");
        var reveal = log.GetProperty("items")
            .EnumerateArray()
            .First(e => e.GetProperty("action").GetString() == "reveal");
        Assert.Equal(secretary, reveal.GetProperty("userName").GetString());
        Assert.Contains("通知参加本月主题党日", reveal.GetProperty("after").GetString());

        // A reload shows the mask again.
        await page.GotoAsync($"/Members/{member}");
        await Expect(page.GetByTestId("phone")).ToHaveTextAsync("*******4321");
    }
}
