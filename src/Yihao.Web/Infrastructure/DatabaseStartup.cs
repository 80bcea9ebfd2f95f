using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Demo;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// Before the server listens: applies migrations, makes the district and its first administrator on an empty database,
/// and with --demo fills it with the demo district.
/// </summary>
sealed class DatabaseStartup(IServiceProvider services, IConfiguration config, TimeProvider clock,
    IOptions<ActivityPolicy> policy, ILogger<DatabaseStartup> log) : IHostedLifecycleService
{
    public const string AdminUserName = "admin";

    public async Task StartingAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        var demo = config.GetValue<bool>("Demo");
        await DatabaseSetup.MigrateAsync(db, recreate: demo, ct);
        var district = await db.Orgs.FirstOrDefaultAsync(o => o.ParentId == null, ct)
            ?? await CreateDistrictAsync(scope.ServiceProvider, db, demo, ct);

        // The demo loads in one transaction after the district exists: if a start was interrupted, the next one loads
        // it.
        if (demo && !await db.Orgs.AnyAsync(o => o.ParentId == district.Id, ct))
        {
            var (password, generated) = Password("YIHAO_DEMO_PASSWORD");
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
            var counts =
                await DemoDistrict.SeedWithProgressAsync(db, district, hasher.HashPassword(null!, password), clock,
                policy.Value, ct);
            Console.WriteLine(
                $"演示数据 / demo: {counts.Towns} 个镇街, {counts.Branches} 个支部, {counts.Members} 名党员, {counts.Accounts} " +
                    $"个账号, {counts.History.Days} 次主题党日, {counts.History.Attendances} 条考勤");
            Console.WriteLine(
                $"演示账号 / demo accounts town01…town20, b0001…b1028, inspector, m0001 — 密码 / password: " +
                    $"{(generated ? password : "YIHAO_DEMO_PASSWORD")}");
        }
        await DatabaseSetup.OptimizeAsync(db, ct);
    }

    async Task<Org> CreateDistrictAsync(IServiceProvider provider, YihaoDb db, bool demo, CancellationToken ct)
    {
        var (password, generated) = Password("YIHAO_ADMIN_PASSWORD");
        var districtName = config["District:Name"] ?? (demo ? DemoDistrict.DistrictName : "区委");
        var district =
            new Org { Name = districtName, Kind = OrgKind.District, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Orgs.Add(district);
        await db.SaveChangesAsync(ct);
        district.DistrictId = district.Id;
        district.Path = OrgRules.ChildPath("/", district.Id);
        await db.SaveChangesAsync(ct);
        var users = provider.GetRequiredService<UserManager<User>>();
        var admin = new User
        {
            UserName = AdminUserName,
            Role = Roles.DistrictAdmin,
            OrgId = district.Id,
            DistrictId = district.Id,
            DisplayName = "组织部管理员",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                "YIHAO_ADMIN_PASSWORD is not acceptable: "
                + string.Join(" ", result.Errors.Select(e => e.Description)));
        await tx.CommitAsync(ct);
        if (generated) Console.WriteLine(
            $"管理员账号 / Administrator: {AdminUserName}  初始密码 / password: {password}  (只显示这一次 / shown once)");
        log.LogInformation("Created district {District} and its administrator", districtName);
        return district;
    }

    /// <summary>A password from the environment, or a new one to print once.</summary>
    (string Password, bool Generated) Password(string key) =>
        config[key] is { Length: > 0 } given ? (given, false) : (GeneratePassword(), true);

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l/I), always with a digit and a lower-case
    /// letter.</summary>
    internal static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(letters + digits, 14).ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count),
            digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count), letters[RandomNumberGenerator.GetInt32(24)]);
        return new string(chars.ToArray());
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
