using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Yihao.Web.Data;

namespace Yihao.Tests.Support;

/// <summary>
/// The real application on a database of its own: a fresh SQLite file, or a fresh PostgreSQL database when
/// YIHAO_TEST_POSTGRES holds a server's connection string. The clock is a test clock the tests move.
/// </summary>
public abstract class YihaoApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Test-2026";
    public const string DemoPassword = "Demo-Test-2026";
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    readonly string folder = Directory.CreateTempSubdirectory("yihao-test-").FullName;

    protected abstract string Provider { get; }
    protected abstract string ConnectionString { get; }
    public abstract bool Available { get; }

    /// <summary>Fill the database with the demo district on start, as `--demo` does.</summary>
    protected virtual bool Demo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Yihao", ConnectionString);
        builder.UseSetting("YIHAO_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("YIHAO_DEMO_PASSWORD", DemoPassword);
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(folder, "keys"));
        builder.UseSetting("Files:Folder", Path.Combine(folder, "files"));
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        // Tests move the clock by weeks; a token should outlive that.
        builder.UseSetting("Auth:TokenHours", "100000");
        builder.UseSetting("Warnings:EveryMinutes", "0"); // the tests run the rules themselves
        builder.UseSetting("CheckIn:WarmSeconds", "0"); // and warm the meetings' facts themselves
        builder.UseSetting("Demo", Demo ? "true" : "false");
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
        });
    }

    protected string Folder => folder;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>An HTTP client signed in with a bearer token.</summary>
    public async Task<HttpClient> ClientAsync(string username = "admin", string password = AdminPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<YihaoDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<YihaoDb>());
    }

    public T WithDb<T>(Func<YihaoDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<YihaoDb>());
    }
}

public class SqliteApp : YihaoApp
{
    protected override string Provider => "Sqlite";
    protected override string ConnectionString => $"Data Source={Path.Combine(Folder, "yihao.db")}";
    public override bool Available => true;
}

/// <summary>Makes a database of its own on the server named by YIHAO_TEST_POSTGRES, and drops it afterwards.</summary>
public class PostgresApp : YihaoApp
{
    static readonly string? ServerConnection = Environment.GetEnvironmentVariable("YIHAO_TEST_POSTGRES");
    readonly string database = "yihao_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override string Provider => "Postgres";
    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnection) { Database = database }.ConnectionString;
    public override bool Available => !string.IsNullOrWhiteSpace(ServerConnection);

    public override async ValueTask InitializeAsync()
    {
        if (!Available) return;
        await using var c = new NpgsqlConnection(ServerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", c);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!Available) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(ServerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The SQLite app with its files in an S3-compatible bucket, when YIHAO_TEST_S3 names one as
/// "ServiceUrl=http://127.0.0.1:4569;Bucket=yihao-test;AccessKey=…;SecretKey=…" (CI runs a local S3 server). Each app
/// keeps its files under a prefix of its own.
/// </summary>
public sealed class S3App : SqliteApp
{
    static readonly string? Bucket = Environment.GetEnvironmentVariable("YIHAO_TEST_S3");
    readonly string prefix = "test-" + Guid.NewGuid().ToString("N")[..12] + "/";

    public override bool Available => !string.IsNullOrWhiteSpace(Bucket);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (!Available)
            return;
        builder.UseSetting("Files:Store", "S3");
        builder.UseSetting("Files:S3:Prefix", prefix);
        foreach (var pair in Bucket!.Split(';', StringSplitOptions.RemoveEmptyEntries))
            builder.UseSetting("Files:S3:" + pair[..pair.IndexOf('=')].Trim(), pair[(pair.IndexOf('=') + 1)..].Trim());
    }
}

/// <summary>A clock the tests set and move; nothing sleeps.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;
    public override DateTimeOffset GetUtcNow() => now;
    public void Advance(TimeSpan by) => now += by;
    public void Set(DateTimeOffset to) => now = to;
}


public sealed class SqliteDemoApp : SqliteApp
{
    protected override bool Demo => true;
}

public sealed class PostgresDemoApp : PostgresApp
{
    protected override bool Demo => true;
}
