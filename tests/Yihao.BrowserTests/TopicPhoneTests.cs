using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>
/// A deliberation topic (民主议事) followed to done on a 360 px phone, in Chinese: the secretary edits the topic, a
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
        var owner = await app.MakeMemberWithAccountAsync(branch.Id, "石桂兰", People.IdNumber("19700813", male: false),
            "1998-07-01", "liuhewan-m1", "Member-2027");
        await app.MakeMemberAsync(branch.Id, "马永强", People.IdNumber("19660321", male: true), "");
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
            var raised = await secretaryApi.PostAsJsonAsync("/api/v1/deliberation/topics", new
            {
                agendaItemId = item,
                raised = "三组有两户困难群众未纳入低保",
                conclusion = "情况属实",
                decision = "由网格员入户核实",
                ownerMemberId = owner,
                dueOn = "2027-03-31",
            });
            raised.EnsureSuccessStatusCode();
            var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

            await using var phone = await app.NewPhoneAsync();
            var page = await phone.NewPageAsync();
            await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Deliberation/{id}")}");
            await SignInTests.SignInAsync(page, "liuhewan-sec", "Secretary-2027");
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
