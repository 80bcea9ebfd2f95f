using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>Supervision (督查) on a 360 px phone, in Chinese: an inspector records an open visit with a finding and
/// issues its problem list; the branch secretary finds it on 待办 and answers with what was done; the inspector
/// reopens it with a comment; the secretary reads the comment and answers again; the inspector accepts and the list
/// closes. Each step's message says what happened. And the problem list printed on A4 (Chromium's PDF read back with
/// pdftotext): the title, the branch, the inspection, every item whole with its deadline and state, the signatures,
/// and nothing to tap.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionPhoneTests(BrowserApp app, ITestOutputHelper output)
{
    const string Password = "Supervise-2026";

    async Task<int> BranchAsync(string branchName, string tag)
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, branchName, "branch")).Id;
        await app.MakeMemberAsync(branchId, branchName[..4] + "党员", People.IdNumber("19790612", male: true), "");
        await app.MakeUserAsync($"{tag}-sec", Password, Roles.BranchSecretary, branchId);
        await app.MakeUserAsync($"{tag}-insp", Password, Roles.Inspector, app.TownA.Id);
        return branchId;
    }

    static async Task FitsAsync(IPage page, string step)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{step}: the page is {width} px wide");
    }

    [Fact]
    public async Task A_list_issued_answered_reopened_answered_again_accepted_and_closed_on_two_phones()
    {
        const string branch = "督查闭环测试支部";
        await BranchAsync(branch, "duchaloop");
        const string finding = "会议记录未写明到会人数和缺席人员名单";
        const string firstAnswer = "已补写十二月会议记录的到会人数";
        const string comment = "缺席人员名单仍未补上，请补齐后再反馈";
        const string secondAnswer = "已补齐缺席人员名单，并由全体支委签字确认";

        // The inspector plans an open visit from the supervision home (their first page).
        await using var inspectorPhone = await app.NewPhoneAsync();
        var insp = await inspectorPhone.NewPageAsync();
        await insp.GotoAsync("/Account/Login?ReturnUrl=%2F");
        await SignInTests.SignInAsync(insp, "duchaloop-insp", Password);
        await Expect(insp).ToHaveURLAsync(new Regex("/Supervision$"));
        var plan = insp.GetByTestId("plan-inspection");
        await insp.Locator("details:has([data-testid='plan-inspection']) > summary").ClickAsync();
        await plan.Locator("select[name='Plan.Kind']").SelectOptionAsync("openVisit");
        await plan.Locator("select[name='Plan.OrgId']").SelectOptionAsync(new SelectOptionValue { Label = branch });
        await plan.GetByRole(AriaRole.Button, new() { Name = "安排", Exact = true }).ClickAsync();
        await Expect(insp.GetByRole(AriaRole.Status)).ToContainTextAsync("已安排");
        await Expect(insp.Locator("h1")).ToContainTextAsync($"明察 · {branch}");
        await FitsAsync(insp, "planned");

        // …records it with one finding.
        var record = insp.GetByTestId("record-inspection");
        await record.Locator("input[type=checkbox]").First.CheckAsync();
        await record.Locator("textarea[name='FindingsText']").FillAsync(finding);
        await record.Locator("textarea[name='Outcome']").FillAsync("活动基本规范，会议记录需完善");
        await insp.GetByTestId("record").ClickAsync();
        await Expect(insp.GetByRole(AriaRole.Status)).ToContainTextAsync("督查情况已记录，发现问题 1 条");
        await Expect(insp.GetByTestId("findings")).ToContainTextAsync(finding);
        await Shots.TakeAsync(insp, "supervision-1-recorded.png");
        await FitsAsync(insp, "recorded");

        // …and issues the problem list.
        await insp.GetByTestId("issue").ClickAsync();
        await Expect(insp).ToHaveURLAsync(new Regex(@"/Supervision/Lists/\d+$"));
        await Expect(insp.GetByRole(AriaRole.Status)).ToContainTextAsync($"已向{branch}下发问题清单（1 项）");
        var listUrl = insp.Url;
        var item = insp.Locator(".problem-item");
        await Expect(item.GetByTestId("item-state")).ToHaveTextAsync("待处理");
        await Shots.TakeAsync(insp, "supervision-2-issued.png");
        await FitsAsync(insp, "issued");

        // The secretary's first page (待办) says what is to rectify and leads to the list.
        await using var secretaryPhone = await app.NewPhoneAsync();
        var sec = await secretaryPhone.NewPageAsync();
        await sec.GotoAsync("/Account/Login?ReturnUrl=%2F");
        await SignInTests.SignInAsync(sec, "duchaloop-sec", Password);
        await Expect(sec).ToHaveURLAsync(new Regex("/Todo$"));
        var due = sec.Locator("li[data-kind='problemItems']");
        await Expect(due).ToContainTextAsync("问题清单有 1 项待整改反馈，其中 0 项已逾期");
        await Shots.TakeAsync(sec, "supervision-3-todo.png");
        await due.GetByRole(AriaRole.Link, new() { Name = "整改反馈" }).ClickAsync();
        await Expect(sec).ToHaveURLAsync(new Regex("/Supervision$"));
        await sec.GetByTestId("problem-lists").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(sec).ToHaveURLAsync(listUrl);
        await FitsAsync(sec, "the secretary's list");

        // …answers the item with what was done.
        var secItem = sec.Locator(".problem-item");
        await secItem.Locator("textarea[name='Text']").FillAsync(firstAnswer);
        await secItem.GetByTestId("answer").ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("第 1 项的整改反馈已提交，等待督查员验收");
        await Expect(secItem.GetByTestId("item-state")).ToHaveTextAsync("已反馈");
        await Expect(secItem).ToContainTextAsync(firstAnswer);

        // The inspector reopens it with a comment.
        await insp.ReloadAsync();
        await Expect(item).ToContainTextAsync(firstAnswer);
        await item.Locator("input[name='Comment']").FillAsync(comment);
        await item.GetByTestId("reopen").ClickAsync();
        await Expect(insp.GetByRole(AriaRole.Status)).ToContainTextAsync("第 1 项已退回重改");
        await Expect(item.GetByTestId("item-state")).ToHaveTextAsync("已退回");
        await Shots.TakeAsync(insp, "supervision-4-reopened.png");
        await FitsAsync(insp, "reopened");

        // The secretary sees the comment on 待办 and on the list, and answers again.
        await sec.GotoAsync("/Todo");
        await Expect(due).ToContainTextAsync($"督查员意见：{comment}");
        await sec.GotoAsync(listUrl);
        await Expect(secItem.Locator("tr[data-action='reopened']")).ToContainTextAsync(comment);
        await Expect(secItem).ToContainTextAsync("已退回，等待支部重新整改并反馈");
        await Shots.TakeAsync(sec, "supervision-5-comment.png");
        await secItem.Locator("textarea[name='Text']").FillAsync(secondAnswer);
        await secItem.GetByTestId("answer").ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("第 1 项的整改反馈已提交");
        await Expect(secItem.GetByTestId("item-state")).ToHaveTextAsync("已反馈");
        await FitsAsync(sec, "answered again");

        // The inspector accepts: the list closes, and the secretary has nothing left to rectify.
        await insp.ReloadAsync();
        await Expect(item).ToContainTextAsync(secondAnswer);
        await item.GetByTestId("accept").ClickAsync();
        await Expect(insp.GetByRole(AriaRole.Status))
            .ToContainTextAsync("第 1 项已验收通过；全部问题均已整改到位，问题清单已关闭");
        await Expect(insp.GetByTestId("list-state")).ToHaveTextAsync("已关闭（全部验收）");
        await Expect(item.GetByTestId("item-state")).ToHaveTextAsync("已验收");
        await Expect(item.GetByTestId("accept")).ToHaveCountAsync(0);
        await Shots.TakeAsync(insp, "supervision-6-closed.png");
        await FitsAsync(insp, "closed");
        await sec.GotoAsync("/Todo");
        await Expect(sec.Locator("li[data-kind='problemItems']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_printed_problem_list_holds_the_inspection_every_item_whole_the_signatures_and_nothing_to_tap()
    {
        const string branch = "督查纸面测试支部";
        var branchId = await BranchAsync(branch, "duchaprint");
        using var inspector = await app.SignedInClientAsync("duchaprint-insp", Password);
        var today = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var planned = await inspector.PostAsJsonAsync("/api/v1/supervision/inspections",
            new { kind = "randomInspection", orgId = branchId, plannedOn = today });
        planned.EnsureSuccessStatusCode();
        var inspectionId = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        string[] findings =
        [
            "十一月主题党日活动未按要求开展“为民服务”环节，群众反映的村道路灯损坏问题两个月未予回应，需明确责任人和完成时限",
            "签到表与到场人员不一致：签到二十一人，现场清点仅十六人",
            "学习笔记与上月内容雷同",
        ];
        (await inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspectionId}/record", new
        {
            checklist = new[] { new { item = "会议记录", ok = false, note = "缺到会人数" } },
            findings,
            outcome = "需限期整改",
        })).EnsureSuccessStatusCode();
        var dues = new[] { 10, 15, 30 }
            .Select(d => app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(d).ToString("yyyy-MM-dd"))
            .ToArray();
        var issued = await inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspectionId}/problem-list",
            new
            {
                items = findings.Select((f, k) => new
                {
                    description = f,
                    severity = k == 0 ? "serious" : "major",
                    dueOn = dues[k],
                }),
            });
        issued.EnsureSuccessStatusCode();
        var list = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var listId = list.GetProperty("id").GetInt32();
        var firstItem = list.GetProperty("itemList")[0].GetProperty("id").GetInt32();
        using var secretary = await app.SignedInClientAsync("duchaprint-sec", Password);
        const string answer = "已联系供电所更换村道路灯六盏，明确由支部委员王建军负责跟进";
        using (var form = new MultipartFormDataContent { { new StringContent(answer), "text" } })
            (await secretary.PostAsync($"/api/v1/supervision/problem-items/{firstItem}/answer", form))
                .EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Supervision/Lists/{listId}")}");
        await SignInTests.SignInAsync(page, "duchaprint-insp", Password);
        await Expect(page.GetByTestId("accept")).ToHaveCountAsync(1); // on screen, the inspector's buttons
        await Expect(page.GetByTestId("sign-block")).ToBeHiddenAsync();

        var pdf = Shots.PathOf("problem-list.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var text = await Pdf.TextAsync(pdf);
        output.WriteLine($"{pdf}:\n{text}");
        var flat = Pdf.Flat(text);
        Assert.StartsWith("问题清单", flat);
        Assert.Contains(branch, flat);
        Assert.Contains(Pdf.Flat($"随机检查 · {today} · 督查员 duchaprint-insp"), flat);
        for (var k = 0; k < findings.Length; k++)
        {
            Assert.Contains(Pdf.Flat($"{k + 1}. {findings[k]}"), flat);
            Assert.Contains($"整改期限：{dues[k]}", flat);
        }
        Assert.Contains("严重程度：严重", flat);
        Assert.Contains(Pdf.Flat(answer), flat);
        Assert.Contains("状态：已反馈", flat);
        Assert.Equal(2, Regex.Count(flat, "状态：待处理"));
        Assert.Contains("共3项，已验收0项", flat);
        foreach (var sign in new[] { "督查员（签字）：", "签收人（支部书记）：" }) Assert.Contains(sign, flat);
        Assert.Equal(2, Regex.Count(flat, "日期："));
        foreach (var control in new[] { "打印", "验收通过", "退回重改", "意见（", "提交整改反馈", "English", "退出", "一号活动" })
            Assert.DoesNotContain(control, flat);
        // No item is split across a page break: each item's text is whole on one page (pdftotext ends a page with \f).
        var pages = text.Split('\f').Select(Pdf.Flat).ToList();
        foreach (var f in findings) Assert.Contains(pages, p => p.Contains(Pdf.Flat(f)));
    }
}
