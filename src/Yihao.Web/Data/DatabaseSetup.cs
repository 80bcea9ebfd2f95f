using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Yihao.Web.Domain;

namespace Yihao.Web.Data;

/// <summary>The one place where the database provider is chosen: SQLite by default, PostgreSQL with
/// Database:Provider=Postgres.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/yihao.db";

    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddYihaoDb(this IServiceCollection services, IConfiguration config,
        string contentRoot)
    {
        var connection = config.GetConnectionString("Yihao");
        if (IsPostgres(config))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Yihao is not set.");
            var prepared = Prepared(connection); // once: the options are built again for every request's context
            services.AddDbContext<YihaoDb, PostgresYihaoDb>(o => UsePostgres(o, prepared));
        }
        else
        {
            connection = Anchor(string.IsNullOrWhiteSpace(connection) ? DefaultSqlite : connection, contentRoot);
            services.AddDbContext<YihaoDb, SqliteYihaoDb>(o => UseSqlite(o, connection));
        }
        return services;
    }

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder o, string connection) =>
        // A list in a query is one JSON parameter, not one parameter per item: SQLite refuses more than 32,766 of
        // those.
        o.UseSqlite(connection,
            s => s.MigrationsAssembly(typeof(YihaoDb).Assembly.FullName).CommandTimeout(60)
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
         .UseSnakeCaseNamingConvention().AddInterceptors(YihaoDb.AfterCommit.Instance);

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder o, string connection) =>
        o.UseNpgsql(connection, n => n.MigrationsAssembly(typeof(YihaoDb).Assembly.FullName))
         .UseSnakeCaseNamingConvention().AddInterceptors(YihaoDb.AfterCommit.Instance);

    /// <summary>
    /// Has Npgsql prepare, once per connection, the statements the app runs again and again (each page's queries, a
    /// scan's day and expected members), so that PostgreSQL binds and runs them instead of parsing and planning each
    /// anew: a check-in burst ran 7–35% faster. A connection string that says "Max Auto Prepare" keeps its own (0
    /// behind a pooler in transaction mode, which cannot keep prepared statements).
    /// </summary>
    public static string Prepared(string connection)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        if (given.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal)
            .Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connection;
        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>
    /// Applies the provider's migrations; SQLite also switches to WAL so readers never wait for the writer. A database
    /// made before the migrations were squashed into one Initial (pre-release, with steps this build does not have) is
    /// refused with a message that says so, or, when <paramref name="recreate"/> is set (the demo), made anew.
    /// </summary>
    public static async Task MigrateAsync(YihaoDb db, bool recreate = false, CancellationToken ct = default)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            if (!recreate) throw new PreReleaseDatabaseException(unknown);
            await DeleteAsync(db, ct);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // A step that adds counts to the rollups, or a table of them, leaves them empty in a database that has
        // records: made anew here.
        string[] rebuilds = ["_LedgerRollups", "_VolunteerYears"];
        if (pending.Any(m => rebuilds.Any(r => m.EndsWith(r, StringComparison.Ordinal))))
            foreach (var district in await db.Orgs.Where(o => o.Kind == OrgKind.District).Select(o => o.Id)
                         .ToListAsync(ct))
                await Features.Dashboard.Rollups.RebuildAsync(db, district, ct);
    }

    /// <summary>The database and, for SQLite, its write-ahead log: a stale log must not be replayed onto a new
    /// file.</summary>
    static async Task DeleteAsync(YihaoDb db, CancellationToken ct)
    {
        var file = db.Database.IsSqlite() ? new SqliteConnectionStringBuilder(db.Database.GetConnectionString())
            .DataSource : null;
        await db.Database.EnsureDeletedAsync(ct);
        if (file is null) return;
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(file + suffix);
    }

    /// <summary>
    /// Keeps SQLite's planner statistics current, as its documentation asks of long-lived applications: at start-up
    /// (after a demo load) and every hour. Without them it reads a few members' absences by walking every closed day of
    /// five months (a second on the demo district) instead of the members' own index (milliseconds). Each table is
    /// sampled, so it stays cheap at any size. PostgreSQL's autovacuum does this itself.
    /// </summary>
    public static async Task OptimizeAsync(YihaoDb db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync(
            "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>A relative database file lives under the application's content root, wherever it is started from; its
    /// folder is made if missing.</summary>
    static string Anchor(string connection, string contentRoot)
    {
        var b = new SqliteConnectionStringBuilder(connection);
        if (string.IsNullOrEmpty(b.DataSource) || b.DataSource == ":memory:"
            || b.Mode == SqliteOpenMode.Memory) return connection;
        b.DataSource = Path.GetFullPath(b.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(b.DataSource)!);
        return b.ToString();
    }

    internal static void RenameIdentityTables(Microsoft.EntityFrameworkCore.ModelBuilder b)
    {
        b.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        b.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        b.Entity<IdentityUserToken<int>>().ToTable("user_tokens");
    }
}

/// <summary>Lets `dotnet ef migrations add X --context SqliteYihaoDb` build the model without starting the
/// app.</summary>
sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteYihaoDb>
{
    public SqliteYihaoDb CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteYihaoDb>)DatabaseSetup.UseSqlite(new DbContextOptionsBuilder<SqliteYihaoDb>(),
            DatabaseSetup.DefaultSqlite).Options,
            new AuditActor(), TimeProvider.System, new BranchChanges());
}

sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresYihaoDb>
{
    public PostgresYihaoDb CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresYihaoDb>)DatabaseSetup.UsePostgres(new DbContextOptionsBuilder<PostgresYihaoDb>(),
            "Host=localhost;Database=yihao_design").Options,
            new AuditActor(), TimeProvider.System, new BranchChanges());
}

/// <summary>The database was made by a pre-release build whose migrations were since squashed: it is recreated, not
/// upgraded.</summary>
public sealed class PreReleaseDatabaseException(IReadOnlyList<string> unknown) : Exception(
    "数据库由早期预发布版本创建，无法升级；请备份后删除它（或以 --demo 启动以重建演示数据）。 / " +
    "The database was made by a pre-release build (migrations " + string.Join(", ", unknown)
        + " are not in this one) " +
    "and cannot be upgraded: back it up and delete it, or start with --demo to recreate the demo.")
{
    public IReadOnlyList<string> Unknown { get; } = unknown;
}
