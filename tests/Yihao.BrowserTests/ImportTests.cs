using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserApp app)
{
    const string Header = "姓名,性别,出生日期,身份证号,手机号,党员类别,入党日期";

    [Fact]
    public async Task A_roster_with_bad_rows_lists_each_bad_row_and_imports_nothing_then_a_good_roster_imports()
    {
        var branch = app.ImportBranch;
        var before = await app.MemberCountAsync(branch.Id);
        var good1 = People.IdNumber("19850210", male: true);
        var good2 = People.IdNumber("19900615", male: false);
        var badCheck = People.WithWrongCheckDigit(People.IdNumber("19820101", male: true));
        var badDate = People.IdNumber("19790909", male: false);

        // Row 1 is the header: row 2 is good, row 3 has a wrong check digit, row 4 an impossible date joined.
        var bad = Roster(
            $"王志强,男,1985-02-10,{good1},13912345678,正式党员,2008-07-01",
            $"赵磊,男,1982-01-01,{badCheck},,正式党员,2005-06-30",
            $"孙丽,女,1979-09-09,{badDate},,预备党员,2001-13-45");

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Members/Import?orgId={branch.Id}");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex($"/Members/Import\\?orgId={branch.Id}$"));
        await Expect(page.Locator(".crumbs")).ToContainTextAsync(branch.Name);

        await UploadAsync(page, "bad-roster.csv", bad);

        var errors = page.GetByTestId("import-errors");
        await Expect(errors).ToBeVisibleAsync();
        var rows = errors.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("身份证号");
        await Expect(rows.Nth(0).Locator("td").Nth(2))
            .ToHaveTextAsync(SignInTests.Chinese("The ID number's check digit is wrong."));
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("4");
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("入党日期");
        await Expect(rows.Nth(1).Locator("td").Nth(2))
            .ToHaveTextAsync(SignInTests.Chinese("Not a date; write it as 1980-05-01."));
        await Expect(page.GetByTestId("import-ok")).ToHaveCountAsync(0);
        // All or nothing: not even the good row went in.
        Assert.Equal(before, await app.MemberCountAsync(branch.Id));

        var good = Roster(
            $"王志强,男,1985-02-10,{good1},13912345678,正式党员,2008-07-01",
            $"刘芳,女,1990-06-15,{good2},,预备党员,2025-03-01");
        await UploadAsync(page, "good-roster.csv", good);

        await Expect(page.GetByTestId("import-ok")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-ok")).ToContainTextAsync("2");
        await Expect(page.GetByTestId("import-errors")).ToHaveCountAsync(0);
        Assert.Equal(before + 2, await app.MemberCountAsync(branch.Id));

        // The branch page lists the imported members.
        await page.GotoAsync($"/Organizations/{branch.Id}");
        await Expect(page.GetByTestId("members")).ToContainTextAsync("王志强");
        await Expect(page.GetByTestId("members")).ToContainTextAsync("刘芳");
    }

    [Fact]
    public async Task Branch_page_fits_a_phone_screen()
    {
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await SignInTests.SignInAsync(page, "admin", BrowserApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await page.GotoAsync($"/Organizations/{app.BranchA.Id}");
        await Expect(page.GetByTestId("members")).ToContainTextAsync(app.MemberInBranchA);
        // On a narrow screen the member table turns into labelled cards: no header row.
        await Expect(page.GetByTestId("members").Locator("thead")).ToBeHiddenAsync();

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new() { Path = Shots.PathOf("yihao-branch-phone.png"), FullPage = true });
        Assert.True(scrollWidth <= 360, $"the page is {scrollWidth}px wide on a 360px screen");
    }

    static byte[] Roster(params string[] rows) =>
        Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    static async Task UploadAsync(IPage page, string name, byte[] csv)
    {
        await page.Locator("input[type=file][name=file]")
            .SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = csv });
        await page.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
    }
}
