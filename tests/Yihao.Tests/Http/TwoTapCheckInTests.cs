using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>Check-in in two taps (issue 24, item 5): the scan, then signing in — by phone number or user name — with
/// the first password replaced by a new one alone, checks the member in; no further tap.</summary>
public abstract partial class TwoTapCheckInTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov25 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Dec1Morning = new(2026, 12, 1, 8, 50, 0, TimeSpan.FromHours(8));
    static int phones;
    int lastTown;

    /// <summary>A phone number no other test uses.</summary>
    static string NewPhone() => $"1391{Environment.ProcessId % 1000:D3}{Interlocked.Increment(ref phones) % 10000:D4}";

    HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    static string TokenIn(string page) =>
        VerificationToken().Match(page).Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("no antiforgery token on the page");

    static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient c,
        string url,
        string pageUrl,
        Dictionary<string, string> fields
    )
    {
        fields["__RequestVerificationToken"] = TokenIn(await c.GetStringAsync(pageUrl));
        return await c.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    async Task<(HttpClient Admin, int Branch, int Member, string Phone)> MemberWithPhoneAsync(string name = "周桂兰")
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        lastTown = town;
        var phone = NewPhone();
        var made = await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: name, phone: phone));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return (admin, branch, (await made.ReadAsync()).GetProperty("id").GetInt32(), phone);
    }

    async Task<string> AccountAsync(HttpClient admin, int branch, int member)
    {
        var username = Tree.Unique("m");
        var r = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                username,
                password = "Passw0rd-x",
                role = Roles.Member,
                orgId = branch,
                memberId = member,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return username;
    }

    static Task<HttpResponseMessage> TokenAsync(HttpClient c, string username, string password) =>
        c.PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    [Fact]
    public async Task A_member_signs_in_with_their_phone_and_the_phone_shares_the_user_names_allowance()
    {
        var (admin, branch, member, phone) = await MemberWithPhoneAsync();
        var username = await AccountAsync(admin, branch, member);
        var anonymous = App.CreateClient();

        var token = await TokenAsync(anonymous, phone, "Passw0rd-x");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new(
            "Bearer",
            (await token.ReadAsync()).GetProperty("accessToken").GetString()
        );
        Assert.Equal(member,
            (await (await client.GetAsync("/api/v1/me")).ReadAsync()).GetProperty("memberId").GetInt32());

        // An unknown phone answers as a wrong password does, word for word.
        var wrong = await TokenAsync(anonymous, username, "not-it-1");
        var unknown = await TokenAsync(anonymous, NewPhone(), "not-it-1");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(
            (await wrong.ReadAsync()).GetProperty("title").GetString(),
            (await unknown.ReadAsync()).GetProperty("title").GetString()
        );

        // Guesses at the phone and at the name count together: after six the right password waits too.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await TokenAsync(anonymous, i % 2 == 0 ? phone : username, $"guess-{i}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync(anonymous, username, "Passw0rd-x")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync(anonymous, phone, "Passw0rd-x")).StatusCode);
    }

    [Fact]
    public async Task A_phone_two_accounts_share_names_neither()
    {
        var (admin, branch, first, phone) = await MemberWithPhoneAsync("吴秀兰");
        await AccountAsync(admin, branch, first);
        var second = await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: "吴建设", phone: phone));
        await AccountAsync(admin, branch, (await second.ReadAsync()).GetProperty("id").GetInt32());
        var answer = await TokenAsync(App.CreateClient(), phone, "Passw0rd-x");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("用户名或密码错误。", (await answer.ReadAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_scan_then_signing_in_by_phone_and_choosing_a_password_checks_the_member_in_without_a_tap()
    {
        App.Clock.Set(Nov25);
        var (admin, branch, member, phone) = await MemberWithPhoneAsync("郑玉兰");
        var townAdmin = await Tree.AccountAsync(App, admin, Roles.TownAdmin, lastTown);
        var secretary = await Tree.AccountAsync(App, admin, Roles.BranchSecretary, branch);
        var slips = await (await secretary.PostAsync($"/api/v1/orgs/{branch}/member-accounts", null)).ReadAsync();
        var printed = Assert.Single(slips.EnumerateArray()).GetProperty("password").GetString()!;
        var created = await secretary.PostAsJsonAsync(
            $"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "柳湾村委会会议室",
                liaisonLeader = "张书记",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
                studyMaterial = "党章第一章。",
            }
        );
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null)).StatusCode);
        var review = await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);

        App.Clock.Set(Dec1Morning);
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token")
            .GetString()!;
        var phoneBrowser = Browser();
        var scan = await phoneBrowser.GetAsync($"/c/{day}?t={Uri.EscapeDataString(code)}");
        Assert.Equal($"/CheckIn/{day}", scan.Headers.Location?.OriginalString);
        var challenge = await phoneBrowser.GetAsync($"/CheckIn/{day}");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var login = challenge.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/Account/Login", login);

        // The sign-in page names the meeting, for the one who scanned only.
        var page = await phoneBrowser.GetStringAsync(login);
        Assert.Contains("data-testid=\"scanned-meeting\"", page);
        Assert.Contains("柳湾村委会会议室", page);
        Assert.DoesNotContain("scanned-meeting", await Browser().GetStringAsync(login));

        var signedIn = await PostFormAsync(
            phoneBrowser,
            login,
            login,
            new()
            {
                ["Username"] = phone,
                ["Password"] = printed,
                ["ReturnUrl"] = $"/CheckIn/{day}",
            }
        );
        Assert.Equal($"/CheckIn/{day}", signedIn.Headers.Location?.OriginalString);
        var mustChange = await phoneBrowser.GetAsync($"/CheckIn/{day}");
        var passwordPage = mustChange.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/Password", passwordPage);
        Assert.DoesNotContain("name=\"Current\"", await phoneBrowser.GetStringAsync(passwordPage));
        var changed = await PostFormAsync(
            phoneBrowser,
            "/Account/Password",
            passwordPage,
            new()
            {
                ["New"] = "Zheng-Yulan-1958",
                ["Again"] = "Zheng-Yulan-1958",
                ["ReturnUrl"] = $"/CheckIn/{day}",
            }
        );
        Assert.Equal($"/CheckIn/{day}", changed.Headers.Location?.OriginalString);

        // Landing on the check-in page is the check-in, once however often it is opened.
        var done = await phoneBrowser.GetStringAsync($"/CheckIn/{day}");
        Assert.Contains("data-testid=\"checked-in\"", done);
        Assert.Contains("郑玉兰", done);
        Assert.Contains("08:50:00", done);
        await phoneBrowser.GetStringAsync($"/CheckIn/{day}");
        var rows = await App.WithDbAsync(db =>
            db.Attendances.Where(a => a.ActivityDayId == day && a.MemberId == member).ToListAsync()
        );
        var row = Assert.Single(rows);
        Assert.Equal((AttendanceStatus.Present, CheckInMethod.QrScan), (row.Status, row.Method));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(App.CreateClient(), phone, "Zheng-Yulan-1958")).StatusCode);
    }

    [Fact]
    public async Task Without_a_scan_the_check_in_page_checks_nobody_in()
    {
        App.Clock.Set(Nov25);
        var (admin, branch, member, _) = await MemberWithPhoneAsync("冯桂英");
        var username = await AccountAsync(admin, branch, member);
        var secretary = await Tree.AccountAsync(App, admin, Roles.BranchSecretary, branch);
        var created = await secretary.PostAsJsonAsync(
            $"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                liaisonLeader = "张书记",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
                studyMaterial = "党章。",
            }
        );
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        var browser = Browser();
        var login = $"/Account/Login?ReturnUrl=%2FCheckIn%2F{day}";
        await PostFormAsync(
            browser,
            login,
            login,
            new()
            {
                ["Username"] = username,
                ["Password"] = "Passw0rd-x",
                ["ReturnUrl"] = $"/CheckIn/{day}",
            }
        );
        var page = await browser.GetStringAsync($"/CheckIn/{day}");
        Assert.DoesNotContain("data-testid=\"checked-in\"", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Attendances.CountAsync(a => a.ActivityDayId == day)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex VerificationToken();
}

public sealed class TwoTapCheckInTestsOnSqlite(SqliteApp app) : TwoTapCheckInTests<SqliteApp>(app);

public sealed class TwoTapCheckInTestsOnPostgres(PostgresApp app) : TwoTapCheckInTests<PostgresApp>(app);
