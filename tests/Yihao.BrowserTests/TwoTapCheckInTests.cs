using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Yihao.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>Check-in in two taps on a 360 px phone (issue 24, item 5): the slip's QR code opens the sign-in page with
/// the account filled in; a member scans the meeting's code, signs in with their phone number, chooses a password (only
/// the new one), and is checked in with a large confirmation; the meeting screen says only when check-in opens, then
/// lists who came.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoTapCheckInTests(BrowserApp app)
{
    static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    static readonly DateTimeOffset Dec1Early = new(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8));
    static readonly DateTimeOffset Dec1Morning = new(2026, 12, 1, 8, 45, 0, TimeSpan.FromHours(8));

    /// <summary>Screenshots stay beside the test's binaries, in screenshots/.</summary>
    public static string Shot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    [Fact]
    public async Task A_member_scans_signs_in_with_a_phone_number_and_is_checked_in_in_two_taps()
    {
        var branch = await app.MakeOrgAsync(app.TownA.Id, "柳湾村党支部", "branch");
        await app.MakeMemberAsync(branch.Id, "郑玉兰", People.IdNumber("19580304", male: false), "13977770001");
        await app.MakeUserAsync("liuwan-sec", "Secretary-2026", Roles.BranchSecretary, branch.Id);

        // The secretary prints the slips: each carries a QR code of the sign-in address with the account's name.
        await using var secretaryContext = await app.NewPhoneAsync();
        var secretary = await secretaryContext.NewPageAsync();
        await secretary.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString($"/Accounts/Branch/{branch.Id}")}");
        await SignInTests.SignInAsync(secretary, "liuwan-sec", "Secretary-2026");
        await secretary.GetByTestId("open-accounts").ClickAsync();
        var slip = secretary.GetByTestId("slips").Locator(".slip");
        await Expect(slip).ToHaveCountAsync(1);
        var codes = await slip.Locator("code").AllInnerTextsAsync();
        var (username, printed) = (codes[0], codes[1]);
        var src = await slip.GetByTestId("slip-qr").GetAttributeAsync("src");
        var decoded = Zbar(Convert.FromBase64String(src!["data:image/png;base64,".Length..]));
        Assert.Equal($"{app.BaseAddress.ToString().TrimEnd('/')}/Account/Login?u={username}", decoded);
        await secretary.ScreenshotAsync(new() { Path = Shot("checkin-slip"), FullPage = true });

        // A day planned and approved in November.
        var secretaryApi = await app.SignedInClientAsync("liuwan-sec", "Secretary-2026");
        var town = await app.SignedInClientAsync(BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);
        app.Clock.Pin(Nov20);
        try
        {
            var created = await secretaryApi.PostAsJsonAsync($"/api/v1/orgs/{branch.Id}/activity-days", new
            {
                month = "2026-12",
                place = "柳湾村委会会议室",
                liaisonLeader = "张书记",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
                studyMaterial = "党章第一章。",
            });
            var dayId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            (await secretaryApi.PostAsync($"/api/v1/activity-days/{dayId}/submit", null)).EnsureSuccessStatusCode();
            (await town.PostAsJsonAsync($"/api/v1/activity-days/{dayId}/review", new { approve = true }))
                .EnsureSuccessStatusCode();

            // Before the window the screen says only when it opens.
            app.Clock.Pin(Dec1Early);
            await secretary.GotoAsync($"/ActivityDays/{dayId}/Screen");
            await Expect(secretary.GetByTestId("screen-before")).ToHaveTextAsync("签到将于 12-01 08:30 开始。");
            await Expect(secretary.Locator("#qr")).Not.ToBeVisibleAsync();
            await Expect(secretary.GetByTestId("screen-present")).Not.ToBeVisibleAsync();
            await secretary.ScreenshotAsync(new() { Path = Shot("checkin-screen-before") });

            app.Clock.Pin(Dec1Morning);
            await Expect(secretary.Locator("#qr")).ToBeVisibleAsync();
            await Expect(secretary.GetByTestId("screen-before")).Not.ToBeVisibleAsync();
            await Expect(secretary.GetByTestId("screen-present")).ToHaveTextAsync("0");
            var status = await secretary.EvaluateAsync<JsonElement>(
                $"fetch('/ActivityDays/{dayId}/Screen?handler=Status').then(r => r.json())");
            var link = new Uri(status.GetProperty("url").GetString()!);

            // Tap one: the scan. The sign-in page names the meeting.
            await using var phoneContext = await app.NewPhoneAsync();
            var phone = await phoneContext.NewPageAsync();
            await phone.GotoAsync(link.PathAndQuery);
            await Expect(phone).ToHaveURLAsync(new Regex("/Account/Login"));
            await Expect(phone.GetByTestId("scanned-meeting")).ToContainTextAsync("签到：柳湾村党支部");
            await Expect(phone.GetByTestId("scanned-meeting")).ToContainTextAsync("柳湾村委会会议室");
            await Expect(phone.GetByTestId("sign-in-help")).ToContainTextAsync("支部书记");
            await phone.ScreenshotAsync(new() { Path = Shot("checkin-sign-in") });

            // Tap two: sign in with the phone number; the first password is replaced by asking only the new one.
            await phone.Locator("input[name=Username]").FillAsync("13977770001");
            await phone.Locator("input[name=Password]").FillAsync(printed);
            await phone.Locator("form button[type=submit]").ClickAsync();
            await Expect(phone).ToHaveURLAsync(new Regex("/Account/Password"));
            await Expect(phone.Locator("input[name=Current]")).ToHaveCountAsync(0);
            await phone.Locator("input[name=New]").FillAsync("Zheng-Yulan-1958");
            await phone.Locator("input[name=Again]").FillAsync("Zheng-Yulan-1958");
            await phone.ScreenshotAsync(new() { Path = Shot("checkin-first-password") });
            await phone.GetByTestId("change-password").ClickAsync();

            await Expect(phone).ToHaveURLAsync(new Regex($"/CheckIn/{dayId}$"));
            await Expect(phone.GetByTestId("checked-in")).ToContainTextAsync("签到成功");
            await Expect(phone.GetByTestId("checked-in-name")).ToHaveTextAsync("郑玉兰");
            await Expect(phone.GetByTestId("checked-in")).ToContainTextAsync("柳湾村党支部");
            await Expect(phone.GetByTestId("checked-in-time")).ToHaveTextAsync(new Regex("^08:45:\\d\\d$"));
            var size = await phone.GetByTestId("checked-in-name").EvaluateAsync<double>(
                "e => parseFloat(getComputedStyle(e).fontSize)");
            Assert.True(size >= 24, $"the confirmation's name is {size}px");
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
            await phone.ScreenshotAsync(new() { Path = Shot("checkin-done") });
            Assert.Equal(0, await phone.GetByTestId("confirm-check-in").CountAsync());

            // The screen lists who has come.
            await Expect(secretary.GetByTestId("screen-present")).ToHaveTextAsync("1");
            await Expect(secretary.GetByTestId("screen-names")).ToHaveTextAsync("郑玉兰");
            await secretary.ScreenshotAsync(new() { Path = Shot("checkin-screen-open"), FullPage = true });
            var sheet = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/activity-days/{dayId}/attendance");
            Assert.Equal(1, sheet.GetProperty("present").GetInt32());
        }
        finally
        {
            app.Clock.Release();
        }
    }

    /// <summary>What zbarimg reads in a PNG.</summary>
    static string Zbar(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"yihao-qr-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, png);
        try
        {
            using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file])
            {
                RedirectStandardOutput = true,
            })!;
            var text = zbar.StandardOutput.ReadToEnd();
            zbar.WaitForExit();
            return text.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
