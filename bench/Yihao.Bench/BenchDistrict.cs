using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Demo;

namespace Yihao.Bench;

/// <summary>
/// What the benches share about their scratch database: a fresh context or a plain connection for its provider, the
/// demo district seeded into it, the planner's statistics, server-side copies of the demo with shifted ids, and the
/// raw read that is their baseline (the rows behind a figure, each value fetched once by a plain ADO reader).
/// </summary>
sealed class BenchDistrict(bool postgres, string connection, params IInterceptor[] interceptors)
{
    readonly BranchChanges changes = new();

    public bool Postgres => postgres;

    /// <summary>A fresh context, as a request or a job run would have.</summary>
    public YihaoDb Open(string actor = "bench")
    {
        var who = new AuditActor { UserName = actor };
        if (postgres)
        {
            var b = new DbContextOptionsBuilder<PostgresYihaoDb>();
            DatabaseSetup.UsePostgres(b, connection).AddInterceptors(interceptors);
            return new PostgresYihaoDb(b.Options, who, TimeProvider.System, changes);
        }
        var s = new DbContextOptionsBuilder<SqliteYihaoDb>();
        DatabaseSetup.UseSqlite(s, connection).AddInterceptors(interceptors);
        return new SqliteYihaoDb(s.Options, who, TimeProvider.System, changes);
    }

    public DbConnection Connect() => postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);

    /// <summary>Migrates the empty database and makes the district's own org, as the first start does.</summary>
    public static async Task<Org> DistrictAsync(YihaoDb db)
    {
        await DatabaseSetup.MigrateAsync(db);
        var district =
            new Org { Name = DemoDistrict.DistrictName, Kind = OrgKind.District, CreatedAt = DateTime.UtcNow };
        db.Orgs.Add(district);
        await db.SaveChangesAsync();
        district.DistrictId = district.Id;
        district.Path = $"/{district.Id}/";
        await db.SaveChangesAsync();
        return district;
    }

    /// <summary>The demo accounts' password, hashed (once: the hash is slow by design).</summary>
    public static string PasswordHash() => new PasswordHasher<User>().HashPassword(null!, "Bench-Password-1");

    /// <summary>The demo's towns, branches, members, accounts and year of records under the district.</summary>
    public static Task<DemoCounts> DemoAsync(YihaoDb db, Org district, string passwordHash) =>
        DemoDistrict.SeedAsync(db, district, passwordHash, TimeProvider.System, new ActivityPolicy(), null,
            CancellationToken.None);

    /// <summary>The district with the demo in it, the planner's statistics taken.</summary>
    public async Task<(Org District, DemoCounts Counts)> SeedAsync()
    {
        await using var db = Open();
        var district = await DistrictAsync(db);
        var counts = await DemoAsync(db, district, PasswordHash());
        await AnalyzeAsync();
        return (district, counts);
    }

    /// <summary>
    /// PostgreSQL's autovacuum would have vacuumed and analyzed tables this size (inserts alone set it off) by the
    /// time a district runs its month: the statistics for the planner, the visibility map for reads from an index
    /// alone. SQLite gets what the app gives it after a load and every hour (<see
    /// cref="DatabaseSetup.OptimizeAsync"/>).
    /// </summary>
    public async Task AnalyzeAsync()
    {
        await using var db = Open();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (postgres) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        else await DatabaseSetup.OptimizeAsync(db);
    }

    /// <summary>The k-th copy of the district's towns and branches (ids below <paramref name="stride"/>), ids
    /// shifted by k strides, under the same district; the towns' names say which copy they are.</summary>
    public static async Task CopyOrgsAsync(YihaoDb db, int district, int k, int stride)
    {
        var orgs = await db.Orgs.AsNoTracking()
            .Where(o => o.DistrictId == district && o.Id != district && o.Id < stride).ToListAsync();
        int O(int id) => id == district ? id : id + k * stride;
        await BulkCopy.InsertAsync(db, "orgs",
            ["id", "district_id", "parent_id", "name", "kind", "path", "depth", "starts_on", "ends_on",
                "closed_on", "created_at", "version"],
            orgs.Select(o => new object?[]
            {
                O(o.Id), o.DistrictId, o.ParentId is { } p ? O(p) : null,
                o.Kind == OrgKind.Town ? $"{o.Name}（{k + 1}）" : o.Name, o.Kind.ToString(),
                "/" + string.Join("/", o.Path.Trim('/').Split('/').Select(s => O(int.Parse(s,
                    System.Globalization.CultureInfo.InvariantCulture)))) + "/",
                o.Depth, o.StartsOn, o.EndsOn, o.ClosedOn, o.CreatedAt, o.Version,
            }), CancellationToken.None);
    }

    public static Task CopyAsync<T>(YihaoDb db, string where, Dictionary<string, string> change) =>
        CopyAsync(db, typeof(T), where, change);

    /// <summary>INSERT … SELECT of a table's base rows with some columns changed; a new id unless the id is
    /// shifted.</summary>
    public static async Task CopyAsync(YihaoDb db, Type entity, string where, Dictionary<string, string> change)
    {
        var type = db.Model.FindEntityType(entity)!;
        var table = type.GetTableName()!;
        var columns = type.GetProperties().Select(p => p.GetColumnName())
            .Where(c => c != "id" || change.ContainsKey("id")).ToList();
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT " +
            $"{string.Join(", ", columns.Select(c => change.GetValueOrDefault(c, $"\"{c}\"")))} FROM {table} " +
            $"WHERE {where}";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Runs each query on one plain connection and reads every value of every row: the floor for any
    /// loader of the same rows. A parameter is bound where the query names it.</summary>
    public async Task<RawRead> RawReadAsync(IEnumerable<string> queries, params (string Name, object Value)[] values)
    {
        await using var c = Connect();
        await c.OpenAsync();
        var tables = new List<(string, long, TimeSpan)>();
        foreach (var sql in queries)
        {
            var clock = Stopwatch.StartNew();
            long rows = 0;
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in values)
            {
                if (!sql.Contains(name, StringComparison.Ordinal)) continue;
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                cmd.Parameters.Add(p);
            }
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                rows++;
            }
            tables.Add((Regex.Match(sql, @"FROM (\w+)").Groups[1].Value, rows, clock.Elapsed));
        }
        return new(tables);
    }

    public sealed record RawRead(List<(string Table, long Rows, TimeSpan Took)> Tables)
    {
        public long Rows => Tables.Sum(t => t.Rows);

        /// <summary>"attendances 123,456, activity_days 12,000": the tables by their rows, most first.</summary>
        public string ByRows => string.Join(", ",
            Tables.OrderByDescending(t => t.Rows).Select(t => $"{t.Table} {t.Rows:N0}"));
    }

    /// <summary>Both once as a warm-up (compiling the queries), then <paramref name="runs"/> times each, one after
    /// the other on a clean heap: the raw read, then the real path (given the run's index, -1 for the
    /// warm-up).</summary>
    public static async Task<Paired<TRaw, T>> AlternateAsync<TRaw, T>(int runs, Func<Task<TRaw>> raw,
        Func<int, Task<T>> real)
    {
        await real(-1);
        var last = await raw();
        var (raws, times, values) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<T>());
        for (var i = 0; i < runs; i++)
        {
            Collect();
            var clock = Stopwatch.StartNew();
            last = await raw();
            raws.Add(clock.Elapsed);
            Collect();
            clock.Restart();
            values.Add(await real(i));
            times.Add(clock.Elapsed);
        }
        return new(raws, times, last, values);
    }

    public sealed record Paired<TRaw, T>(List<TimeSpan> Raws, List<TimeSpan> Times, TRaw Raw, List<T> Values)
    {
        public TimeSpan RawMedian => Median(Raws);
        public TimeSpan Median => BenchDistrict.Median(Times);
        public T Last => Values[^1];
    }

    /// <summary>"   123.4 ms   (min 120.0 ms, max 130.2 ms)": the median of the runs and their spread.</summary>
    public static string Spread(List<TimeSpan> runs) =>
        $"{Ms(Median(runs))}   (min {Ms(runs.Min()).Trim()}, max {Ms(runs.Max()).Trim()})";

    public static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);

    /// <summary>Each timed run starts with a clean heap, so that none pays for the garbage of the one
    /// before.</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>"   123.4 ms", eight wide.</summary>
    public static string Ms(TimeSpan t, int decimals = 1) =>
        t.TotalMilliseconds.ToString($"N{decimals}", System.Globalization.CultureInfo.CurrentCulture)
            .PadLeft(8) + " ms";
}
