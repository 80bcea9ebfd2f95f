using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Yihao.Web.Domain;

namespace Yihao.BrowserTests;

/// <summary>
/// The real application on Kestrel with a fresh SQLite file, a small district made through the JSON API,
/// and one headless Chromium (Debian's, never a downloaded one) shared by every browser test.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string AdminPassword = "Test-Admin-2026";
    public const string TownAdminName = "towna-admin";
    public const string TownAdminPassword = "Town-Admin-2026";
    public const string DistrictName = "测试区委";
    public const string ChromiumPath = "/usr/bin/chromium";

    readonly string folder = Directory.CreateTempSubdirectory("yihao-browser-").FullName;
    Factory? factory;
    IPlaywright? playwright;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The application's clock: the real time unless a test pins it (and puts it back).</summary>
    public PinnedClock Clock { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The running application's services (its endpoints, for tests that open every page).</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>The district admin's API client (bearer token).</summary>
    public HttpClient Admin { get; private set; } = null!;

    public int DistrictId { get; private set; }
    public Node TownA { get; private set; } = null!;
    public Node TownB { get; private set; } = null!;
    public Node BranchA { get; private set; } = null!;
    public Node BranchB { get; private set; } = null!;

    /// <summary>A branch of its own for the import test, so that its counts are the import's alone.</summary>
    public Node ImportBranch { get; private set; } = null!;
    public string MemberInBranchA { get; } = "张建国";
    public string MemberInBranchB { get; } = "李秀英";

    public sealed record Node(int Id, string Name);

    public async ValueTask InitializeAsync()
    {
        factory = new Factory(folder, Clock);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        Admin = await SignedInClientAsync("admin", AdminPassword);
        await MakeDistrictAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        Admin?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (
            UnauthorizedAccessException)
        { }
    }

    /// <summary>A fresh browser context (own cookies) pointed at the app, set up as a browser in the district is:
    /// Chinese, China's time.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        options.Locale ??= "zh-CN";
        options.TimezoneId ??= "Asia/Shanghai";
        return Browser.NewContextAsync(options);
    }

    /// <summary>A fresh context as a cheap phone opens the app: 360 × 740, touch, mobile.</summary>
    public Task<IBrowserContext> NewPhoneAsync() =>
        NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new() { Width = 360, Height = 740 },
                IsMobile = true,
                HasTouch = true
            });

    /// <summary>An API client signed in with a bearer token.</summary>
    public async Task<HttpClient> SignedInClientAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>How many members the API counts under a node.</summary>
    public async Task<int> MemberCountAsync(int orgId)
    {
        var page = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/members?orgId={orgId}&pageSize=200");
        return page.GetProperty("total").GetInt32();
    }

    async Task MakeDistrictAsync()
    {
        var root = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/orgs/root");
        DistrictId = root.GetProperty("id").GetInt32();
        TownA = await MakeOrgAsync(DistrictId, "城关街道党工委", "town");
        TownB = await MakeOrgAsync(DistrictId, "北塬镇党委", "town");
        BranchA = await MakeOrgAsync(TownA.Id, "东关社区党支部", "branch");
        ImportBranch = await MakeOrgAsync(TownA.Id, "西街社区党支部", "branch");
        BranchB = await MakeOrgAsync(TownB.Id, "北塬村党支部", "branch");
        await MakeMemberAsync(BranchA.Id, MemberInBranchA, People.IdNumber("19800501", male: true), "13800138000");
        await MakeMemberAsync(BranchB.Id, MemberInBranchB, People.IdNumber("19750312", male: false), "");
        await MakeUserAsync(TownAdminName, TownAdminPassword, Roles.TownAdmin, TownA.Id);
    }

    /// <summary>A node made by the district admin under <paramref name="parentId"/>.</summary>
    public async Task<Node> MakeOrgAsync(int parentId, string name, string kind)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/orgs", new { parentId, name, kind });
        await EnsureAsync(response, "creating org " + name);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Node(body.GetProperty("id").GetInt32(), name);
    }

    public async Task MakeMemberAsync(int orgId, string name, string idNumber, string phone)
    {
        var response =
            await Admin.PostAsJsonAsync("/api/v1/members",
            new { orgId, name, idNumber, phone, kind = "full", joinedOn = "2001-07-01" });
        await EnsureAsync(response, "creating member " + name);
    }

    /// <summary>A member and their own account (role member, bound to the member record); the member's id.</summary>
    public async Task<int> MakeMemberWithAccountAsync(int orgId, string name, string idNumber, string joinedOn,
        string username, string password)
    {
        var made = await Admin.PostAsJsonAsync("/api/v1/members",
            new { orgId, name, idNumber, phone = "", kind = "full", joinedOn });
        await EnsureAsync(made, "creating member " + name);
        var memberId = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var account = await Admin.PostAsJsonAsync("/api/v1/users",
            new { username, password, role = Roles.Member, orgId, memberId });
        await EnsureAsync(account, "creating account " + username);
        return memberId;
    }

    public async Task MakeUserAsync(string username, string password, string role, int orgId)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/users", new { username, password, role, orgId });
        await EnsureAsync(response, "creating account " + username);
    }

    static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    sealed class Factory(string folder, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton(clock);
            });
            builder.UseSetting("Auth:TokenHours", "100000");
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Yihao", $"Data Source={Path.Combine(folder, "yihao.db")}");
            builder.UseSetting("YIHAO_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("DataProtection:KeysFolder", Path.Combine(folder, "keys"));
            builder.UseSetting("District:Name", DistrictName);
            builder.UseSetting("RateLimits:SignInPerMinute", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}

/// <summary>The real time, or a pinned one while a test needs "the morning of the 1st".</summary>
public sealed class PinnedClock : TimeProvider
{
    DateTimeOffset? pinned;
    public override DateTimeOffset GetUtcNow() => pinned ?? System.GetUtcNow();
    public void Pin(DateTimeOffset at) => pinned = at;
    public void Release() => pinned = null;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
