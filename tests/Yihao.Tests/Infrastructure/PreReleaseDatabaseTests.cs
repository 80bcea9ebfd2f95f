using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Tests.Infrastructure;

/// <summary>
/// The migrations were squashed into one Initial before the first release: a database made by an earlier build is
/// refused with a message that says so, and the demo makes it anew; nothing is half-upgraded.
/// </summary>
public class PreReleaseDatabaseTests
{
    const string OldStep = "20261125174552_Hardening";

    [Fact]
    public Task SQLite_database_of_a_pre_release_build_is_refused_or_recreated_for_the_demo()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("yihao-prerelease-").FullName, "yihao.db");
        File.WriteAllText(file + "-wal", "a stale log of the old file");
        return RefusedThenRecreated(() =>
            new SqliteYihaoDb(
                (DbContextOptions<SqliteYihaoDb>)
                    DatabaseSetup
                        .UseSqlite(new DbContextOptionsBuilder<SqliteYihaoDb>(), $"Data Source={file};Pooling=False")
                        .Options,
                new AuditActor(),
                TimeProvider.System,
                new BranchChanges()
            )
        );
    }

    [Fact]
    public async Task PostgreSQL_database_of_a_pre_release_build_is_refused_or_recreated_for_the_demo()
    {
        var server = Environment.GetEnvironmentVariable("YIHAO_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server), "YIHAO_TEST_POSTGRES is not set");
        var connection = new NpgsqlConnectionStringBuilder(server)
        {
            Database = "yihao_prerelease_" + Guid.NewGuid().ToString("N")[..12],
        }.ConnectionString;
        PostgresYihaoDb Open() =>
            new(
                (DbContextOptions<PostgresYihaoDb>)
                    DatabaseSetup.UsePostgres(new DbContextOptionsBuilder<PostgresYihaoDb>(), connection).Options,
                new AuditActor(),
                TimeProvider.System,
                new BranchChanges()
            );
        try
        {
            await RefusedThenRecreated(Open);
        }
        finally
        {
            await using var db = Open();
            await db.Database.EnsureDeletedAsync();
        }
    }

    static async Task RefusedThenRecreated(Func<YihaoDb> open)
    {
        await using (var db = open())
        {
            await DatabaseSetup.MigrateAsync(db);
            // What a pre-release build leaves: a step of the old chain in the history, and data.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ({0}, '10.0.0')",
                OldStep
            );
            db.Orgs.Add(
                new Org
                {
                    Name = "旧区",
                    Kind = OrgKind.District,
                    Path = "/1/",
                    CreatedAt = DateTime.UtcNow,
                }
            );
            await db.SaveChangesAsync();
        }
        await using (var db = open())
        {
            var refused = await Assert.ThrowsAsync<PreReleaseDatabaseException>(() => DatabaseSetup.MigrateAsync(db));
            Assert.Equal([OldStep], refused.Unknown);
            Assert.Contains("--demo", refused.Message, StringComparison.Ordinal);
            Assert.Contains("无法升级", refused.Message, StringComparison.Ordinal);
            Assert.Contains(OldStep, await db.Database.GetAppliedMigrationsAsync()); // refused, untouched
        }
        await using (var db = open())
        {
            await DatabaseSetup.MigrateAsync(db, recreate: true);
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.Equal(0, await db.Orgs.CountAsync());
        }
    }
}
