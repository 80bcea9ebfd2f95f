using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>
/// The month's review on phones: a town admin works through a queue of three plans, each decision moving to the next; a
/// return without a comment is refused beside the comment; the secretary reads the comment, mends one field and
/// resubmits, and nothing else they typed is lost.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewLoopTests(BrowserApp app)
{
    static readonly DateTimeOffset Jan18 = new(2027, 1, 18, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_town_admin_works_through_the_queue_and_a_returned_plan_is_mended_and_resubmitted_whole()
    {
        var town = await app.MakeOrgAsync(app.DistrictId, "杏花镇党委", "town");
        var branches = new List<int>();
        foreach (var name in new[] { "杏花一村党支部", "杏花二村党支部", "杏花三村党支部" })
            branches.Add((await app.MakeOrgAsync(town.Id, name, "branch")).Id);
        await app.MakeUserAsync("xinghua-town", "Town-Xinghua-2027", Roles.TownAdmin, town.Id);
        await app.MakeUserAsync("xinghua2-sec", "Secretary-2027", Roles.BranchSecretary, branches[1]);
        foreach (var b in branches)
            await app.MakeMemberAsync(b, "杏" + b, People.IdNumber("19750505", male: true), "");

        app.Clock.Pin(Jan18);
        try
        {
            var days = new List<int>();
            foreach (var b in branches)
            {
                var made = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{b}/activity-days", new
                {
                    month = "2027-02",
                    startsAt = "2027-02-01T09:00",
                    endsAt = "2027-02-01T11:00",
                    place = "村委会二楼会议室",
                    liaisonLeader = "刘建国",
                    agenda = new[]
                    {
                        new { category = "theoryStudy", title = "学习党章第一章" },
                        new { category = "deliberation", title = "评议今年的低保户" },
                    },
                    studyMaterial = "党章第一章 党员",
                });
                made.EnsureSuccessStatusCode();
                var id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                (await app.Admin.PostAsync($"/api/v1/activity-days/{id}/submit", null)).EnsureSuccessStatusCode();
                days.Add(id);
            }

            await using var townPhone = await app.NewPhoneAsync();
            var townPage = await townPhone.NewPageAsync();
            await townPage.GotoAsync("/Account/Login?ReturnUrl=%2FActivityDays");
            await SignInTests.SignInAsync(townPage, "xinghua-town", "Town-Xinghua-2027");
            await Expect(townPage.GetByTestId("review-queue").Locator("tbody tr")).ToHaveCountAsync(3);
            await townPage.GetByTestId("review-queue").GetByRole(AriaRole.Link).First.ClickAsync();

            // Approve the first: the page says so and opens the next plan.
            var first = int.Parse(new Regex(@"/ActivityDays/(\d+)").Match(townPage.Url).Groups[1].Value);
            await townPage.GetByTestId("review-form").Locator("button[formaction*='Approve']").ClickAsync();
            await Expect(townPage.Locator(".notice")).ToContainTextAsync("已审核通过");
            await Expect(townPage.Locator(".notice")).ToContainTextAsync("2");
            var second = int.Parse(new Regex(@"/ActivityDays/(\d+)").Match(townPage.Url).Groups[1].Value);
            Assert.Equal((days[0], days[1]), (first, second)); // the queue goes in the order the plans came

            // Returning without a comment is refused beside the comment, after the confirmation.
            townPage.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
            await townPage.GetByTestId("review-form").Locator("button[formaction*='Return']").ClickAsync();
            await Expect(townPage.Locator("[data-valmsg-for=Comment]")).Not.ToBeEmptyAsync();
            Assert.Equal("submitted", (await Day(second)).GetProperty("state").GetString());
            await townPage.Locator("textarea[name=Comment]").FillAsync("地点请写明具体的会议室门牌号");
            await townPage.GetByTestId("review-form").Locator("button[formaction*='Return']").ClickAsync();
            await Expect(townPage.Locator(".notice")).ToContainTextAsync("已退回");
            Assert.Equal("returned", (await Day(second)).GetProperty("state").GetString());

            // Branch two's secretary reads the comment on a phone, mends the place and resubmits.
            var secretary = ("xinghua2-sec", "Secretary-2027");
            await using var secPhone = await app.NewPhoneAsync();
            var sec = await secPhone.NewPageAsync();
            await sec.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/ActivityDays/{second}")}");
            await SignInTests.SignInAsync(sec, secretary.Item1, secretary.Item2);
            await Expect(sec.Locator("main")).ToContainTextAsync("地点请写明具体的会议室门牌号");
            await sec.Locator("input[name='Plan.Place']").FillAsync("村委会二楼 203 会议室");
            await sec.GetByTestId("submit-plan").ClickAsync();
            await Expect(sec.GetByTestId("state")).ToHaveTextAsync("已提交");
            var resubmitted = await Day(second);
            Assert.Equal("村委会二楼 203 会议室", resubmitted.GetProperty("place").GetString());
            Assert.Equal("刘建国", resubmitted.GetProperty("liaisonLeader").GetString());
            Assert.Equal("党章第一章 党员", resubmitted.GetProperty("studyMaterial").GetString());
            Assert.Equal(["学习党章第一章", "评议今年的低保户"], resubmitted.GetProperty("agenda").EnumerateArray()
                .Select(a => a.GetProperty("title").GetString()!).Where(t => t.Length > 0).ToArray());
            Assert.Equal(new DateTime(2027, 2, 1, 1, 0, 0, DateTimeKind.Utc),
                resubmitted.GetProperty("startsAt").GetDateTime().ToUniversalTime());
            Assert.True(await sec.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        }
        finally
        {
            app.Clock.Release();
        }
    }

    async Task<JsonElement> Day(int id) =>
        await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{id}");
}
