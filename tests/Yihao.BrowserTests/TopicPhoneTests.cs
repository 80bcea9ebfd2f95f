using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>
/// A deliberation topic (民主议事) followed to done on a 360 px phone, in Chinese: the secretary raises it from the
/// day's deliberation (a past due date refused with the texts, the agenda item and the owner kept), edits it, a
/// follow-up with a date in the future is refused beside the date with what was typed still there, the corrected one
/// is recorded once in the history, and the topic is marked done.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TopicPhoneTests(BrowserApp app)
{
    static readonly DateTimeOffset Mar2 = new(2027, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_secretary_edits_a_topic_a_bad_follow_up_keeps_its_text_the_corrected_one_is_recorded_then_done()
    {
        var branch = await app.MakeOrgAsync(app.TownA.Id, "柳河湾村党支部", "branch");
        await app.MakeMemberWithAccountAsync(branch.Id, "石桂兰", People.IdNumber("19700813", male: false),
            "1998-07-01", "liuhewan-m1", "Member-2027");
        var owner = await app.MakeMemberWithAccountAsync(branch.Id, "马永强",
            People.IdNumber("19660321", male: true),
            "1995-07-01", "liuhewan-m2", "Member-2027");
        await app.MakeUserAsync("liuhewan-sec", "Secretary-2027", Roles.BranchSecretary, branch.Id);
        using var town = await app.SignedInClientAsync(BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);
        using var secretaryApi = await app.SignedInClientAsync("liuhewan-sec", "Secretary-2027");

        app.Clock.Pin(Mar2);
        try
        {
            var made = await secretaryApi.PostAsJsonAsync($"/api/v1/orgs/{branch.Id}/activity-days", new
            {
                month = "2027-04",
                startsAt = "2027-04-01T09:00",
                endsAt = "2027-04-01T11:00",
                place = "村委会会议室",
                agenda = new[]
                {
                    new { category = "theoryStudy", title = "学习党章第二章" },
                    new { category = "deliberation", title = "低保户、五保户还遗漏了谁" },
                },
            });
            made.EnsureSuccessStatusCode();
            var day = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            (await secretaryApi.PostAsync($"/api/v1/activity-days/{day}/submit", null)).EnsureSuccessStatusCode();
            (await town.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true }))
                .EnsureSuccessStatusCode();
            int item;
            using (var scope = app.Services.CreateScope())
                item = await scope.ServiceProvider.GetRequiredService<Yihao.Web.Data.YihaoDb>().AgendaItems
                    .Where(a => a.ActivityDayId == day && a.Category == AgendaCategory.Deliberation)
                    .Select(a => a.Id).FirstAsync();
            await using var phone = await app.NewPhoneAsync();
            var page = await phone.NewPageAsync();
            await page.GotoAsync("/Account/Login?ReturnUrl=%2FDeliberation");
            await SignInTests.SignInAsync(page, "liuhewan-sec", "Secretary-2027");

            // Raised from the day's deliberation with a due date already past: refused, everything typed and chosen
            // still there (the owner is not the first of the list).
            await page.Locator("details.card > summary").ClickAsync();
            var raise = page.GetByTestId("raise-form");
            await raise.Locator("select[name='Form.AgendaItemId']").SelectOptionAsync($"{item}");
            await raise.Locator("textarea[name='Form.Raised']").FillAsync("三组有两户困难群众未纳入低保");
            await raise.Locator("textarea[name='Form.Conclusion']").FillAsync("情况属实");
            await raise.Locator("textarea[name='Form.Decision']").FillAsync("由网格员入户核实");
            await raise.Locator("select[name='Form.OwnerMemberId']").SelectOptionAsync($"{owner}");
            await raise.Locator("input[name='Form.DueOn']").FillAsync("2027-03-01");
            await raise.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("完成期限不能早于今天");
            await Expect(raise.Locator("textarea[name='Form.Raised']"))
                .ToHaveValueAsync("三组有两户困难群众未纳入低保");
            await Expect(raise.Locator("textarea[name='Form.Decision']")).ToHaveValueAsync("由网格员入户核实");
            await Expect(raise.Locator("select[name='Form.OwnerMemberId']")).ToHaveValueAsync($"{owner}");
            await Expect(raise.Locator("select[name='Form.AgendaItemId']")).ToHaveValueAsync($"{item}");
            await raise.Locator("input[name='Form.DueOn']").FillAsync("2027-03-31");
            await raise.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("马永强");
            var id = int.Parse(new Regex(@"/Deliberation/(\d+)$").Match(page.Url).Groups[1].Value);
            await Expect(page.GetByTestId("topic-state")).ToHaveTextAsync("待处理");

            // The secretary corrects the decision.
            var edit = page.GetByTestId("edit-topic");
            await edit.Locator("summary").ClickAsync();
            await edit.Locator("textarea[name='Edit.Decision']").FillAsync("由网格员入户核实后报镇民政办");
            await edit.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存修改");
            await Expect(page.Locator(".card").First).ToContainTextAsync("由网格员入户核实后报镇民政办");

            // A follow-up dated tomorrow: refused beside the date, in Chinese, what was typed still there.
            const string what = "网格员已入户走访两户，收集了收入证明和病历，材料已报镇民政办";
            var form = page.GetByTestId("follow-up");
            await form.Locator("textarea[name=What]").FillAsync(what);
            await form.Locator("input[name=DoneOn]").FillAsync("2027-03-03");
            await form.GetByTestId("record-follow-up").ClickAsync();
            await Expect(form.Locator("[data-valmsg-for='FollowUp.DoneOn']")).ToHaveTextAsync("日期不能晚于今天。");
            await Expect(form.Locator("textarea[name=What]")).ToHaveValueAsync(what);
            await Expect(form.Locator("input[name=DoneOn]")).ToHaveValueAsync("2027-03-03");
            await Expect(page.GetByTestId("mark-done").Locator("textarea[name=What]")).ToHaveValueAsync("");
            await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360,
                "the topic page fits a 360 px phone");
            await Shots.TakeAsync(page, "topic-follow-up-refused.png");

            // Corrected, it is recorded once.
            await form.Locator("input[name=DoneOn]").FillAsync("2027-03-02");
            await form.GetByTestId("record-follow-up").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已记录跟进");
            await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("history")).ToContainTextAsync("2027-03-02");
            await Expect(page.GetByTestId("history")).ToContainTextAsync(what);
            await Expect(page.GetByTestId("follow-up").Locator("textarea[name=What]")).ToHaveValueAsync("");

            // Marked done: closed, the history kept, no forms left.
            var done = page.GetByTestId("mark-done");
            await done.Locator("summary").ClickAsync();
            await done.Locator("textarea[name=What]").FillAsync("两户已纳入低保，十二月起发放");
            await done.GetByTestId("done").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已办结");
            await Expect(page.GetByTestId("topic-state")).ToHaveTextAsync("完成");
            await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("follow-up")).ToHaveCountAsync(0);

            var topic = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/deliberation/topics/{id}");
            Assert.Equal("done", topic.GetProperty("state").GetString());
            Assert.Equal("由网格员入户核实后报镇民政办", topic.GetProperty("decision").GetString());
            var history = topic.GetProperty("followUps").EnumerateArray().ToList();
            Assert.Equal(2, history.Count);
            Assert.Equal(what, history[0].GetProperty("what").GetString());
            Assert.Equal("2027-03-02", history[0].GetProperty("doneOn").GetString());
        }
        finally
        {
            app.Clock.Release();
        }
    }
}
