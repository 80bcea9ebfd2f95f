using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>Behind a trusted proxy (10.9.9.9): each test client says its address in X-Forwarded-For.</summary>
sealed class BehindProxy : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (http, go) =>
                {
                    // every request comes through the proxy
                    http.Connection.RemoteIpAddress = IPAddress.Parse("10.9.9.9");
                    return go(http);
                }
            );
            next(app);
        };

    public static void Use(IWebHostBuilder builder)
    {
        builder.UseSetting("Network:TrustedProxies", "10.9.9.9");
        builder.UseSetting("RateLimits:SignInPerMinute", "60");
        builder.UseSetting("RateLimits:SignInBurst", "60");
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter, BehindProxy>();
            // New accounts' hashes are cheap here, so that a thousand guesses take seconds, not minutes.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }
}

public sealed class SignInSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        BehindProxy.Use(builder);
    }
}

public sealed class SignInPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        BehindProxy.Use(builder);
    }
}

public abstract class SignInTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static int addresses;

    /// <summary>A client of its own address, as the proxy forwards it.</summary>
    HttpClient From(string? address = null, bool redirects = true)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects });
        address ??= $"172.16.{Interlocked.Increment(ref addresses) / 250}.{addresses % 250 + 1}";
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    static Task<HttpResponseMessage> TokenAsync(
        HttpClient c,
        string username,
        string password,
        string? deviceToken = null
    ) =>
        c.PostAsJsonAsync(
            "/api/v1/auth/token",
            new
            {
                username,
                password,
                deviceToken,
            }
        );

    /// <summary>The district admin, signed in from an address of its own (the limit here is 60 posts a
    /// minute).</summary>
    async Task<HttpClient> AdminAsync()
    {
        var admin = From();
        var token = (await (await TokenAsync(admin, "admin", YihaoApp.AdminPassword)).ReadAsync()).GetProperty(
            "accessToken"
        );
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.GetString());
        return admin;
    }

    async Task<string> AccountAsync(string role = "townAdmin")
    {
        var admin = await AdminAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var username = Tree.Unique("t");
        var r = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                username,
                password = "Passw0rd-x",
                role,
                orgId = town,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return username;
    }

    /// <summary>Posts the sign-in page's form, with its antiforgery token, from a client that keeps cookies.</summary>
    static async Task<HttpResponseMessage> PageSignInAsync(HttpClient c, string username, string password)
    {
        var page = await c.GetStringAsync("/Account/Login");
        var token = Regex
            .Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        return await c.PostAsync(
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
    }

    [Fact]
    public async Task A_strangers_fifty_wrong_tries_leave_the_owner_signing_in_from_a_known_device_at_once()
    {
        var name = await AccountAsync();
        var owner = From("192.0.2.50");
        var first = await (await TokenAsync(owner, name, "Passw0rd-x")).ReadAsync();
        var device = first.GetProperty("deviceToken").GetString();
        var stranger = From("192.0.2.66");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
            answers.Add((await TokenAsync(stranger, name, $"guess{i}")).StatusCode);
        Assert.Equal(6, answers.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(44, answers.Count(s => s == HttpStatusCode.TooManyRequests));

        // Without the device even the right password waits; with it the owner is in at once, from any address.
        var waits = await TokenAsync(From("192.0.2.51"), name, "Passw0rd-x");
        Assert.Equal(HttpStatusCode.TooManyRequests, waits.StatusCode);
        Assert.True(waits.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var said = await waits.Content.ReadAsStringAsync();
        Assert.True(said.Contains("登录尝试过于频繁", StringComparison.Ordinal), said);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(From("192.0.2.66"), name, "Passw0rd-x", device)).StatusCode);
        // A device bound to another account opens nothing.
        var other = await AccountAsync();
        Assert.Equal(
            HttpStatusCode.TooManyRequests,
            (
                await TokenAsync(
                    stranger,
                    name,
                    "Passw0rd-x",
                    (await (await TokenAsync(From(), other, "Passw0rd-x")).ReadAsync())
                        .GetProperty("deviceToken")
                        .GetString()
                )
            ).StatusCode
        );

        // The page: the owner's phone has the device cookie from its last sign-in.
        var phone = From("192.0.2.70", redirects: false);
        App.Clock.Advance(TimeSpan.FromMinutes(10)); // the name's delay has passed: one sign-in may be checked
        Assert.Equal(HttpStatusCode.Redirect, (await PageSignInAsync(phone, name, "Passw0rd-x")).StatusCode);
        for (var i = 0; i < 50; i++)
            await TokenAsync(stranger, name, $"again{i}");
        var page = await PageSignInAsync(From("192.0.2.71"), name, "Passw0rd-x");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("登录尝试过于频繁", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PageSignInAsync(phone, name, "Passw0rd-x")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_answer_alike()
    {
        var name = await AccountAsync();
        var unknown = Tree.Unique("nobody");
        async Task<(HttpStatusCode, string?, string?, string?)> Answer(string who)
        {
            var r = await TokenAsync(From("198.18.0.1"), who, "wrong-password");
            return (
                r.StatusCode,
                (await r.ReadAsync()).GetProperty("title").GetString(),
                r.Content.Headers.ContentType?.MediaType,
                r.Headers.RetryAfter?.ToString()
            );
        }
        for (var i = 0; i < 7; i++)
            Assert.Equal(await Answer(name), await Answer(unknown));
        var last = await Answer(unknown);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.Item1);
    }

    [Fact]
    public async Task A_thousand_guesses_from_a_hundred_addresses_take_hours_and_each_decision_is_in_the_log()
    {
        var name = await AccountAsync();
        var start = App.Clock.GetUtcNow();
        var clients = Enumerable.Range(0, 100).Select(i => From($"198.51.100.{i}")).ToArray();
        for (var guesses = 0; guesses < 1000;)
        {
            var r = await TokenAsync(clients[guesses % 100], name, $"guess{guesses}");
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                App.Clock.Advance(r.Headers.RetryAfter!.Delta!.Value);
                continue;
            }
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            guesses++;
        }
        Assert.True(App.Clock.GetUtcNow() - start > TimeSpan.FromHours(24));
        var log = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "SignIn").ToListAsync());
        Assert.Contains(log, a =>
            a.EntityId == "198.51.100.7"
            && a.UserName == "sign-in"
            && a.Action == "sign-in-throttle"
            && a.After!.Contains(name, StringComparison.Ordinal)
        );
        Assert.False(
            await App.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Entity == nameof(User) && a.Action == "update" && a.After!.Contains("AccessFailedCount")
                )
            )
        );
        App.Clock.Advance(TimeSpan.FromHours(25)); // a quiet day later the account is as before
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(From(), name, "Passw0rd-x")).StatusCode);
    }

    [Fact]
    public async Task Page_views_are_not_counted_by_the_rate_limit()
    {
        var room = From("100.64.0.1");
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await room.GetAsync("/Account/Login")).StatusCode);
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++)
            posts.Add((await TokenAsync(room, "admin", YihaoApp.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, posts[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, posts); // the posts are counted (60 a minute here)
        Assert.Equal(
            HttpStatusCode.OK,
            (await TokenAsync(From("100.64.0.2"), "admin", YihaoApp.AdminPassword)).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await room.GetAsync("/Account/Login")).StatusCode);
    }
}

public sealed class SignInTestsOnSqlite(SignInSqliteApp app) : SignInTests<SignInSqliteApp>(app);

public sealed class SignInTestsOnPostgres(SignInPostgresApp app) : SignInTests<SignInPostgresApp>(app);
