using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Http;

public abstract class RevocationTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    sealed record Signed(string Name, int Id, HttpClient Token, HttpClient Cookie);

    async Task<Signed> AccountAsync(HttpClient admin, int town)
    {
        var username = Tree.Unique("r");
        var r = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                username,
                password = "Passw0rd-x",
                role = "townAdmin",
                orgId = town,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var cookie = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await cookie.GetStringAsync("/Account/Login");
        var token = Regex
            .Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        var signIn = await cookie.PostAsync(
            "/Account/Login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Username"] = username,
                    ["Password"] = "Passw0rd-x",
                    ["__RequestVerificationToken"] = token,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new(
            username,
            (await r.ReadAsync()).GetProperty("id").GetInt32(),
            await App.ClientAsync(username, "Passw0rd-x"),
            cookie
        );
    }

    async Task AssertSignedInAsync(Signed s, bool yes)
    {
        Assert.Equal(
            yes ? HttpStatusCode.OK : HttpStatusCode.Unauthorized,
            (await s.Token.GetAsync("/api/v1/orgs/root")).StatusCode
        );
        var page = await s.Cookie.GetAsync("/Organizations");
        Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.StatusCode);
    }

    async Task ChangeAsync(int id, Func<UserManager<User>, User, Task> change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        await change(
            users,
            (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!
        );
    }

    [Fact]
    public async Task A_changed_account_loses_its_tokens_and_cookies_at_once()
    {
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var (other, _) = await Tree.TownWithBranchAsync(admin);
        var changes = new (string What, Func<UserManager<User>, User, Task> Change)[]
        {
            ("password", (u, a) => u.ChangePasswordAsync(a, "Passw0rd-x", "Another-pass-1")),
            ("disabled", (u, a) => u.SetLockoutEndDateAsync(a, DateTimeOffset.MaxValue)),
            ("locked", (u, a) => u.SetLockoutEndDateAsync(a, App.Clock.GetUtcNow().AddHours(1))),
            ("role", (u, a) =>
            {
                a.Role = Roles.Inspector;
                return u.UpdateAsync(a);
            }),
            ("node", (u, a) =>
            {
                a.OrgId = other;
                return u.UpdateAsync(a);
            }),
        };
        foreach (var (what, change) in changes)
        {
            var s = await AccountAsync(admin, town);
            await AssertSignedInAsync(s, true);
            await ChangeAsync(s.Id, change);
            await AssertSignedInAsync(s, false);
        }
    }

    [Fact]
    public async Task Sign_out_everywhere_by_the_owner_and_by_an_admin_in_scope()
    {
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var s = await AccountAsync(admin, town);
        var second = await App.ClientAsync(s.Name, "Passw0rd-x");
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await s.Token.PostAsync("/api/v1/auth/sign-out-everywhere", null)).StatusCode
        );
        await AssertSignedInAsync(s, false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/orgs/root")).StatusCode);

        var t = await AccountAsync(admin, town);
        var (elsewhere, _) = await Tree.TownWithBranchAsync(admin);
        var stranger = await AccountAsync(admin, elsewhere);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await stranger.Token.PostAsync($"/api/v1/users/{t.Id}/sign-out-everywhere", null)).StatusCode
        );
        await AssertSignedInAsync(t, true);
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PostAsync($"/api/v1/users/{t.Id}/sign-out-everywhere", null)).StatusCode
        );
        await AssertSignedInAsync(t, false);
        await AssertSignedInAsync(stranger, true);
        Assert.Equal(
            HttpStatusCode.OK,
            (await (await App.ClientAsync(t.Name, "Passw0rd-x")).GetAsync("/api/v1/orgs/root")).StatusCode
        );
    }

    [Fact]
    public async Task A_token_naming_an_account_that_does_not_exist_is_refused_on_the_check_in_path_too()
    {
        var tokens = App.Services.GetRequiredService<ApiTokens>();
        var forged = tokens.Issue(
            new TokenClaims(
                987_654,
                "ghost",
                Roles.Member,
                1,
                987_654,
                App.Clock.GetUtcNow().AddHours(1),
                AccountStamps.Tag("anything")
            )
        );
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orgs/root")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/v1/activity-days/1/check-in", new { code = "1.x" })).StatusCode
        );
    }
}

public sealed class RevocationTestsOnSqlite(SqliteApp app) : RevocationTests<SqliteApp>(app);

public sealed class RevocationTestsOnPostgres(PostgresApp app) : RevocationTests<PostgresApp>(app);
