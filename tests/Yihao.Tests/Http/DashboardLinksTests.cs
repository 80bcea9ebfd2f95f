using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>Every link of the dashboard (figures, children, crumbs, export, report) opens for the one who sees it,
/// as district admin, town admin and branch secretary, for a month and a year; and none leads outside their subtree:
/// the same link with an org of another town answers 404. Every figure leads to a page of its own records (never to
/// an anchor of the dashboard), and where that page lists the branch-months it counts, it adds up to the figure the
/// dashboard shows, and its rows open the days behind them.</summary>
public abstract partial class DashboardLinksTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    const string Password = "Passw0rd-links";
    static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    [GeneratedRegex("<main>(.*)</main>", RegexOptions.Singleline)]
    private static partial Regex Content();

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"([^\"]*)\"")]
    private static partial Regex Href();

    /// <summary>A browser's session: signed in through the login form, its cookie kept.</summary>
    async Task<HttpClient> SessionAsync(HttpClient admin, string role, int orgId)
    {
        var username = Tree.Unique("links");
        var made = await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, role, orgId });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return await SignInAsync(username, Password);
    }

    async Task<HttpClient> SignInAsync(string username, string password)
    {
        var pages = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await (await pages.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        var token = Antiforgery.Field().Match(form).Groups[1].Value;
        var signIn = await pages.PostAsync(
            "/Account/Login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Username"] = username,
                    ["Password"] = password,
                    ["__RequestVerificationToken"] = token,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return pages;
    }

    /// <summary>The links of the page's content (not the menu), as they are written in it.</summary>
    static List<string> Links(string html) =>
        [
            .. Href()
                .Matches(Content().Match(html).Groups[1].Value)
                .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(h => !h.StartsWith('#'))
                .Distinct(),
        ];

    /// <summary>The org ids a link names: <c>orgId=</c>, and the id after /orgs/, /Dashboard/Report/ and the
    /// like.</summary>
    static IEnumerable<int> OrgIds(string link) =>
        OrgId()
            .Matches(link)
            .Select(m => int.Parse(m.Groups[1].Value + m.Groups[2].Value, Invariant));

    /// <summary>A figure of the dashboard: its link and the number it shows.</summary>
    [GeneratedRegex("<a class=\"stat\"\\s+href=\"([^\"]*)\"[^>]*>\\s*<b>([^<]*)</b>")]
    private static partial Regex Stat();

    [GeneratedRegex("data-testid=\"total\">([^<]*)<")]
    private static partial Regex Total();

    [GeneratedRegex(
        "[?&]orgId=([0-9]+)|/(?:orgs|Report|Year|Board|Stars|Dues)/([0-9]+)(?=[/?]|$)",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex OrgId();

    [Fact]
    public async Task Every_link_of_the_dashboard_opens_for_its_viewer_and_none_leaves_their_subtree()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var general = await Tree.OrgAsync(admin, town, "generalBranch");
        var under = await Tree.OrgAsync(admin, general, "branch");
        var (otherTown, otherBranch) = await Tree.TownWithBranchAsync(admin);
        foreach (var b in new[] { branch, under, otherBranch })
            await Tree.MemberAsync(admin, b);
        // A day held in November: the member present, the branch's first member absent.
        var absent = await App.WithDbAsync(db =>
            db.Members.Where(m => m.OrgId == branch).Select(m => m.Id).FirstAsync());
        await Tree.ClosedDayAsync(App, branch, new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc),
            (await Tree.MemberAsync(admin, branch), AttendanceStatus.Present, CheckInMethod.Manual),
            (absent, AttendanceStatus.Unexcused, CheckInMethod.Closing));
        var viewers = new (string Who, HttpClient Client, int Org)[]
        {
            ("district admin", await SignInAsync("admin", YihaoApp.AdminPassword), await Tree.RootIdAsync(admin)),
            ("town admin", await SessionAsync(admin, "townAdmin", town), town),
            ("branch secretary", await SessionAsync(admin, "branchSecretary", branch), branch),
        };
        var (checkedLinks, records) = (0, 0);
        foreach (var (who, client, org) in viewers)
        {
            var path = await App.WithDbAsync(db => db.Orgs.Where(o => o.Id == org).Select(o => o.Path).SingleAsync());
            var subtree = (
                await App.WithDbAsync(db =>
                    db.Orgs.Where(o => o.Path.StartsWith(path)).Select(o => o.Id).ToListAsync()
                )
            ).ToHashSet();
            // Outside: another town for the town admin and the secretary; for the district, nothing is.
            var outside = org == town || org == branch ? otherBranch : (int?)null;
            foreach (var period in new[] { "month=2026-12", "year=2026", "month=2026-06", "month=2026-11" })
            {
                var page = await client.GetAsync($"/Dashboard?orgId={org}&{period}");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                var html = await page.Content.ReadAsStringAsync();
                var links = Links(html);
                var stats = Stat().Matches(Content().Match(html).Groups[1].Value);
                Assert.True(stats.Count >= 20, $"{who} {period}: only {stats.Count} figures");
                foreach (Match stat in stats)
                {
                    var (link, shown) = (WebUtility.HtmlDecode(stat.Groups[1].Value), stat.Groups[2].Value.Trim());
                    Assert.False(link.StartsWith('#'), $"{who} {period}: the figure {shown} leads to {link}");
                    if (!link.StartsWith("/Dashboard/Records?", StringComparison.Ordinal))
                        continue;
                    var listed = await (await client.GetAsync(link)).Content.ReadAsStringAsync();
                    Assert.True(
                        Total().Match(listed).Groups[1].Value == shown,
                        $"{who} {period}: {link} adds up to {Total().Match(listed).Groups[1].Value}, not {shown}"
                    );
                    records++;
                    links.AddRange(Links(listed).Where(l => !links.Contains(l)));
                }
                // The held day of November is counted, and its records lead to it.
                if (period == "month=2026-11")
                    Assert.Contains(links, l => l.StartsWith("/ActivityDays/", StringComparison.Ordinal));
                Assert.True(links.Count >= 10, $"{who} {period}: only {links.Count} links");
                foreach (var link in links)
                {
                    var opened = await client.GetAsync(link);
                    Assert.True(
                        opened.StatusCode == HttpStatusCode.OK,
                        $"{who} {period}: {link} answered {(int)opened.StatusCode}"
                    );
                    foreach (var id in OrgIds(link))
                        Assert.True(subtree.Contains(id), $"{who} {period}: {link} names org {id} outside");
                    checkedLinks++;
                    if (outside is not { } stranger || !OrgIds(link).Contains(org))
                        continue;
                    var theirs = OrgId()
                        .Replace(link, m => m.Value.Replace(org.ToString(Invariant), stranger.ToString(Invariant)));
                    var denied = await client.GetAsync(theirs);
                    Assert.True(
                        denied.StatusCode == HttpStatusCode.NotFound,
                        $"{who} {period}: {theirs} answered {(int)denied.StatusCode}"
                    );
                }
            }
            // Another town's dashboard itself.
            if (outside is { } other)
                Assert.Equal(
                    HttpStatusCode.NotFound,
                    (await client.GetAsync($"/Dashboard?orgId={otherTown}&month=2026-12")).StatusCode
                );
        }
        Assert.True(checkedLinks > 60, $"{checkedLinks} links");
        Assert.True(records > 100, $"{records} figures' records");
    }
}

public sealed class DashboardLinksTestsOnSqlite(SqliteApp app) : DashboardLinksTests<SqliteApp>(app);

public sealed class DashboardLinksTestsOnPostgres(PostgresApp app) : DashboardLinksTests<PostgresApp>(app);
