using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The audit log on a phone, in Chinese: what was done to what, and by whom, in the reader's words; the entity
/// picked from a list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPhoneTests(BrowserApp app)
{
    [Fact]
    public async Task A_district_admin_reads_the_log_in_chinese_and_picks_the_entity_from_a_list()
    {
        var branchId = (await app.MakeOrgAsync(app.TownB.Id, "南塬村党支部", "branch")).Id;
        (await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{branchId}", new { name = "南塬村第一党支部" }))
            .EnsureSuccessStatusCode();

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Faudit");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync(SignInTests.Chinese("Audit log"));

        await page.Locator("select[name=entity]").SelectOptionAsync(new SelectOptionValue { Label = "党组织" });
        await page.Locator("input[name=entityId]")
            .FillAsync(branchId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = SignInTests.Chinese("Search"), Exact = true })
            .ClickAsync();

        var what = page.GetByTestId("what");
        // the rename, the new branch's place in the tree (set once its id is known) and its creation, newest first
        await Expect(what).ToHaveTextAsync([$"修改 党组织 #{branchId}", $"修改 党组织 #{branchId}", $"新建 党组织 #{branchId}"]);
        await Expect(page.Locator("select[name=entity] option:checked")).ToHaveTextAsync("党组织");
        await Expect(page.Locator("td[data-label='操作人']").First).ToHaveTextAsync("admin");
    }
}
