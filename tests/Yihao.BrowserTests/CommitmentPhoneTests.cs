using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>Public commitments on a 360 px phone, in Chinese: a member makes one on 我的 and records its fulfilment,
/// the secretary sends it back with a reason, the member reads the reason and fulfils again, the secretary confirms,
/// the branch's board shows it fulfilled. And the 党员公开承诺书 made with the page's year form, printed to PDF and read
/// back with pdftotext: every commitment whole, room for signatures, the seal and the date, nothing to tap.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommitmentPhoneTests(BrowserApp app, ITestOutputHelper output)
{
    async Task<(int Branch, int Member)> BranchAsync(string branchName, string tag, string memberName)
    {
        var branchId = (await app.MakeOrgAsync(app.TownA.Id, branchName, "branch")).Id;
        var memberId = await app.MakeMemberWithAccountAsync(branchId, memberName, People.IdNumber("19810322", male: true),
            "2008-07-01", $"{tag}-m1", "Member-2026");
        await app.MakeUserAsync($"{tag}-sec", "Secretary-2026", Roles.BranchSecretary, branchId);
        return (branchId, memberId);
    }

    string InDays(int days) =>
        app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_commitment_made_fulfilled_sent_back_fulfilled_again_confirmed_and_fulfilled_on_the_board()
    {
        var (branchId, _) = await BranchAsync("承诺闭环测试支部", "pledgeloop", "承诺闭环测试党员");
        const string what = "每周为村里三户独居老人送一次米面";
        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FMe");
        await SignInTests.SignInAsync(page, "pledgeloop-m1", "Member-2026");

        // The member makes the commitment on 我的.
        await page.GetByTestId("new-commitment").Locator("summary").ClickAsync();
        var pledge = page.GetByTestId("new-commitment");
        await pledge.Locator("textarea[name='Pledge.What']").FillAsync(what);
        await pledge.Locator("input[name='Pledge.ForWhom']").FillAsync("独居老人");
        await pledge.Locator("input[name='Pledge.DueOn']").FillAsync(InDays(20));
        await page.GetByTestId("make-commitment").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已列入支部承诺榜");
        var card = page.GetByTestId("commitment").Filter(new() { HasText = what });
        await Expect(card.GetByTestId("commitment-state")).ToHaveTextAsync("进行中");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("commitment-1-made.png"), FullPage = true });

        // …records its fulfilment.
        await card.Locator("summary").ClickAsync();
        await card.Locator("textarea[name='Fulfil.Evidence']").FillAsync("已送两户");
        await card.GetByTestId("fulfil").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("等待书记确认");
        await Expect(card.GetByTestId("commitment-state")).ToHaveTextAsync("待确认");

        // The secretary sends it back with a reason.
        await using var secretaryPhone = await app.NewPhoneAsync();
        var sec = await secretaryPhone.NewPageAsync();
        await sec.GotoAsync("/Account/Login?ReturnUrl=%2FService%2FConfirm");
        await SignInTests.SignInAsync(sec, "pledgeloop-sec", "Secretary-2026");
        var waiting = sec.GetByTestId("waiting-fulfilment").Filter(new() { HasText = what });
        await Expect(waiting).ToContainTextAsync("已送两户");
        await waiting.Locator("summary").ClickAsync();
        await waiting.Locator("textarea[name='Comment']").FillAsync("还有一户没送到，请补上");
        await waiting.GetByTestId("send-back").ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("已退回");
        await sec.ScreenshotAsync(new() { Path = Shots.PathOf("commitment-2-sent-back.png"), FullPage = true });

        // The member reads the reason and fulfils again.
        await page.ReloadAsync();
        await Expect(card.GetByTestId("commitment-state")).ToHaveTextAsync("兑现被退回");
        await Expect(card.GetByTestId("sent-back")).ToContainTextAsync("还有一户没送到，请补上");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("commitment-3-reason.png"), FullPage = true });
        await card.Locator("textarea[name='Fulfil.Evidence']").FillAsync("三户都已送到");
        await card.GetByTestId("fulfil").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("等待书记确认");

        // The secretary confirms.
        await sec.ReloadAsync();
        await Expect(waiting).ToContainTextAsync("三户都已送到");
        await waiting.GetByTestId("confirm").ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("已确认");

        // The board shows it fulfilled.
        await page.ReloadAsync();
        await Expect(card.GetByTestId("commitment-state")).ToHaveTextAsync("已兑现");
        await page.GetByTestId("my-board").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Commitments/Board/{branchId}"));
        var onBoard = page.GetByTestId("board-commitment").Filter(new() { HasText = what });
        await Expect(onBoard.GetByTestId("board-state")).ToHaveTextAsync("已兑现");
        await Expect(page.GetByTestId("board-confirmed")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("commitment-4-board.png"), FullPage = true });
    }

    [Fact]
    public async Task The_year_form_makes_the_branchs_commitments_and_the_printed_poster_holds_each_whole()
    {
        var (branchId, _) = await BranchAsync("承诺书测试支部", "pledgeposter", "承诺书测试党员甲");
        await app.MakeMemberAsync(branchId, "承诺书测试党员乙", People.IdNumber("19750809", male: false), "");
        var due = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year + "-12-31";
        var year = due[..4];
        string[] pledges =
        [
            "全年为本村十二户低保户、五保户每月上门走访一次，帮助解决看病、出行和农资购买方面的实际困难",
            "带头学习党章党规，每季度写一篇心得",
        ];

        await using var phone = await app.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Commitments/Board/{branchId}")}");
        await SignInTests.SignInAsync(page, "pledgeposter-sec", "Secretary-2026");
        var form = page.GetByTestId("pledge-year");
        await form.Locator("summary").ClickAsync();
        await form.Locator("input[name='DueOn']").FillAsync(due);
        var rows = form.GetByTestId("year-row");
        await Expect(rows).ToHaveCountAsync(2);
        // Nothing written: the form says so, nothing is made.
        await page.GetByTestId("pledge-year-submit").ClickAsync();
        await Expect(form.Locator(".field-error").First).ToContainTextAsync("请至少填写一名党员的承诺");
        await Expect(page.GetByTestId("board-empty")).ToBeVisibleAsync();
        await rows.Nth(1).Locator("textarea").FillAsync(pledges[1]);
        await rows.Nth(0).Locator("textarea").FillAsync(pledges[0]);
        await rows.Nth(0).Locator("input[name$='.ForWhom']").FillAsync("低保户、五保户");
        await page.GetByTestId("pledge-year-submit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已作出 2 条承诺");
        await Expect(page.GetByTestId("board-commitment")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("commitment-year-form.png"), FullPage = true });

        await page.GetByTestId("print-pledges").ClickAsync();
        await Expect(page.GetByTestId("pledge-poster")).ToBeVisibleAsync();
        var pdf = Shots.PathOf("commitment-poster.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var text = await Pdf.TextAsync(pdf);
        output.WriteLine($"{pdf}:\n{text}");
        var flat = Pdf.Flat(text);
        Assert.Contains("党员公开承诺书", flat);
        Assert.Contains(Pdf.Flat($"承诺书测试支部 · {year}年"), flat);
        foreach (var p in pledges) Assert.Contains(Pdf.Flat(p), flat);
        foreach (var name in new[] { "承诺书测试党员甲", "承诺书测试党员乙" }) Assert.Contains(name, flat);
        Assert.Equal(2, Regex.Count(flat, "承诺人签字"));
        foreach (var words in new[] { "盖章", "日期", "书记签字" }) Assert.Contains(words, flat);
        foreach (var control in new[] { "返回承诺榜", "打印", "English", "一号活动", "退出" })
            Assert.DoesNotContain(control, flat);
    }
}
