using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>
/// Party dues (党费) in the browser: the branch's monthly collection sheet (党费收缴登记表) as Chromium prints it to A4
/// PDF, read back with pdftotext — its Chinese headers, each member's name and standard, the month's payments and the
/// sheet's totals as the ledger has them, none of the page's controls; and the secretary's payment form on a 360 px
/// phone, which keeps what was typed when an amount is not a number and says so in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DuesPrintTests(BrowserApp app, ITestOutputHelper output)
{
    static readonly DateTimeOffset May10 = new(2027, 5, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_printed_collection_sheet_holds_its_headers_every_member_their_standard_and_the_totals()
    {
        const string branchName = "桃源湾村党支部";
        var branch = await app.MakeOrgAsync(app.TownA.Id, branchName, "branch");
        await app.MakeUserAsync("taoyuanwan-sec", "Secretary-2027", Roles.BranchSecretary, branch.Id);
        using var api = await app.SignedInClientAsync("taoyuanwan-sec", "Secretary-2027");
        app.Clock.Pin(May10);
        try
        {
            // Joined in March: the sheet's twelve months owe from then on.
            var employed = await MemberAsync(branch.Id, "范志刚", "19800402", true);
            var farmer = await MemberAsync(branch.Id, "白玉芬", "19720815", false);
            var retired = await MemberAsync(branch.Id, "邱德山", "19560130", true);
            await Post(api, $"/api/v1/members/{employed}/dues/standards",
                new { effectiveFrom = "2027-03", category = "employed", monthlyIncome = 4800m });
            await Post(api, $"/api/v1/members/{farmer}/dues/standards",
                new { effectiveFrom = "2027-03", category = "farmer" });
            await Post(api, $"/api/v1/members/{retired}/dues/standards",
                new { effectiveFrom = "2027-03", category = "retired", monthlyIncome = 3600m });
            await Post(api, $"/api/v1/members/{employed}/dues/payments", new
            {
                from = "2027-05",
                amount = 48.00m,
                method = "atMeeting",
                receiptNo = "DF-2705-01",
                paidOn = "2027-05-06",
            });
            await Post(api, $"/api/v1/members/{farmer}/dues/payments", new
            {
                from = "2027-03",
                to = "2027-05",
                amount = 1.50m,
                method = "transfer",
                receiptNo = "DF-2705-02",
                paidOn = "2027-05-08",
            });

            // The ledger's figures: 4,800 yuan employed → 1% = 48.00; a farmer 0.50; a 3,600 pension → 0.5% = 18.00.
            var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{branch.Id}/dues/sheet?month=2027-05");
            var standards = sheet.GetProperty("rows").EnumerateArray()
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("standard").GetDecimal());
            Assert.Equal(
                new Dictionary<string, decimal>
                {
                    ["范志刚"] = 48.00m,
                    ["白玉芬"] = 0.50m,
                    ["邱德山"] = 18.00m,
                },
                standards);
            Assert.Equal((3, 2, 66.50m, 49.50m, 2, 150.00m), (sheet.GetProperty("members").GetInt32(),
                sheet.GetProperty("paidCount").GetInt32(), sheet.GetProperty("expected").GetDecimal(),
                sheet.GetProperty("collected").GetDecimal(), sheet.GetProperty("owing").GetInt32(),
                sheet.GetProperty("amountOwed").GetDecimal()));

            await using var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(
                $"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Dues/{branch.Id}?month=2027-05")}");
            await SignInTests.SignInAsync(page, "taoyuanwan-sec", "Secretary-2027");
            await Expect(page.GetByTestId("dues-sheet")).ToBeVisibleAsync();

            var pdf = Shots.PathOf("dues-sheet.pdf");
            await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
            var text = await Pdf.TextAsync(pdf, layout: true);
            output.WriteLine($"{pdf}:\n{text}");
            var flat = Pdf.Flat(text);

            Assert.Contains(Pdf.Flat($"党费收缴登记表 {branchName} · 2027-05"), flat);
            string[] headers =
                ["党员", "标准（元）", "本月", "收据号", "交纳日期", "欠交月数", "欠交（元）"];
            foreach (var header in headers)
                Assert.Contains(header, flat);
            // Each member on one line: name, standard, this month, receipt, date, and what they owe of twelve months.
            var lines = text.Split('\n');
            void Row(string name, string standard, string month, string rest) => Assert.Matches(
                $"^{name}{standard}{month}.*{rest}$", Pdf.Flat(Assert.Single(lines, l => l.Contains(name))));
            Row("范志刚", "48.00", "已交48.00", "DF-2705-012027-05-06296.00");
            Row("白玉芬", "0.50", "已交1.50", "DF-2705-022027-05-0800.00");
            Row("邱德山", "18.00", "未交", "354.00");
            Assert.Contains("转账", flat);
            Assert.Contains("当面交纳", flat); // the payment's words may wrap in their column
            // The totals as the ledger computes them.
            Assert.Contains(
                "党员3·已交2·本月应交（元）66.50·本月收缴（元）49.50·"
                    + "欠交人数2·近十二个月欠交（元）150.00",
                flat);
            Assert.Contains("收缴人签字", flat);
            foreach (var control in new[] { "查看该月", "导出Excel", "打印", "登记交纳", "English" })
                Assert.DoesNotContain(control, flat);
        }
        finally
        {
            app.Clock.Release();
        }
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_is_refused_in_chinese_with_what_was_typed_kept_on_a_phone()
    {
        var branch = await app.MakeOrgAsync(app.TownA.Id, "杏林坪村党支部", "branch");
        await app.MakeUserAsync("xinglinping-sec", "Secretary-2027", Roles.BranchSecretary, branch.Id);
        using var api = await app.SignedInClientAsync("xinglinping-sec", "Secretary-2027");
        app.Clock.Pin(May10);
        try
        {
            var member = await MemberAsync(branch.Id, "谷春燕", "19790909", false);
            await Post(api, $"/api/v1/members/{member}/dues/standards",
                new { effectiveFrom = "2027-03", amount = 20.00m, reason = "本人自愿多交" });
            await using var phone = await app.NewPhoneAsync();
            var page = await phone.NewPageAsync();
            await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Dues/Member/{member}")}");
            await SignInTests.SignInAsync(page, "xinglinping-sec", "Secretary-2027");
            var form = page.GetByTestId("pay");
            await form.Locator("input[name='Form.Amount']").FillAsync("二十元");
            await form.Locator("input[name='Form.ReceiptNo']").FillAsync("XL-0510");
            await form.Locator("select[name='Form.Method']").SelectOptionAsync("transfer");
            await form.GetByTestId("record-payment").ClickAsync();

            var errors = page.Locator(".errors");
            await Expect(errors).ToContainTextAsync("填写的值无效：二十元");
            await Expect(errors).Not.ToContainTextAsync("is not valid");
            await Expect(form.Locator("input[name='Form.Amount']")).ToHaveValueAsync("二十元");
            await Expect(form.Locator("input[name='Form.ReceiptNo']")).ToHaveValueAsync("XL-0510");
            await Expect(form.Locator("select[name='Form.Method']")).ToHaveValueAsync("transfer");
            await Expect(page.GetByTestId("dues-entries").Locator("tbody tr")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360,
                "the dues page fits a 360 px phone");

            // A standard set directly without its reason: the form opens again with the amount typed.
            var standard = page.GetByTestId("set-standard");
            await standard.Locator("summary").ClickAsync();
            await standard.Locator("input[name='Standard.Amount']").FillAsync("25.00");
            await standard.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.Locator(".errors")).ToContainTextAsync("说明");
            await Expect(page.GetByTestId("set-standard")).ToHaveJSPropertyAsync("open", true);
            await Expect(page.Locator("input[name='Standard.Amount']")).ToHaveValueAsync("25.00");

            await form.Locator("input[name='Form.Amount']").FillAsync("20.00");
            await form.Locator("input[name='Form.ReceiptNo']").FillAsync("XL-0510");
            await form.Locator("select[name='Form.Method']").SelectOptionAsync("transfer");
            await form.GetByTestId("record-payment").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
            await Expect(page.GetByTestId("dues-entries").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("dues-entries")).ToContainTextAsync("XL-0510");
            await Expect(page.GetByTestId("dues-entries")).ToContainTextAsync("转账");
        }
        finally
        {
            app.Clock.Release();
        }
    }

    async Task<int> MemberAsync(int orgId, string name, string born, bool male)
    {
        var made = await app.Admin.PostAsJsonAsync("/api/v1/members", new
        {
            orgId,
            name,
            idNumber = People.IdNumber(born, male),
            phone = "",
            kind = "full",
            joinedOn = "2027-03-01",
        });
        if (!made.IsSuccessStatusCode)
            throw new InvalidOperationException($"member {name}: {await made.Content.ReadAsStringAsync()}");
        return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    static async Task Post(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {await response.Content.ReadAsStringAsync()}");
    }
}
