using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>A photo used on two days: the archive on a 360 px phone marks it 重复使用的照片 and links the other day.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FileStorePhoneTests(BrowserApp app)
{
    static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_archive_marks_a_photo_used_on_another_day_on_a_phone()
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, "照片村党支部", "branch")).Id;
        app.Clock.Pin(Nov20);
        try
        {
            var town = await app.SignedInClientAsync(BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);
            async Task<int> DayAsync(string month)
            {
                var plan = new
                {
                    month,
                    place = "村委会",
                    agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
                };
                var created = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{branchId}/activity-days", plan);
                var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                (await app.Admin.PostAsync($"/api/v1/activity-days/{id}/submit", null)).EnsureSuccessStatusCode();
                (
                    await town.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true })
                ).EnsureSuccessStatusCode();
                return id;
            }
            var dec = await DayAsync("2026-12");
            var jan = await DayAsync("2027-01");
            byte[] png = Convert.FromBase64String(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
            );
            foreach (var day in new[] { dec, jan })
            {
                var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "合影.png" } };
                (await app.Admin.PostAsync($"/api/v1/activity-days/{day}/photos", form)).EnsureSuccessStatusCode();
            }

            await using var context = await app.NewPhoneAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/ActivityDays/{jan}/Archive")}");
            await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
            var reused = page.GetByTestId("reused");
            await Expect(reused).ToContainTextAsync("重复使用的照片");
            await Expect(reused.Locator($"a[href='/ActivityDays/{dec}/Archive']")).ToContainTextAsync("2026-12");
            var img = page.GetByTestId("photo").Locator("img");
            await Expect(img).ToBeVisibleAsync();
            Assert.True(
                await img.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"),
                "the photo did not load"
            );
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 361, $"the archive is {scrollWidth}px wide on a 360px screen");
        }
        finally
        {
            app.Clock.Release();
        }
    }
}
