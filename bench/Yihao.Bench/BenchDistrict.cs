using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Yihao.Web.Features.Demo;

namespace Yihao.Bench;

/// <summary>
/// What the benches share about their scratch database: a fresh context or a plain connection for its provider, the
/// demo district seeded into it, the planner's statistics, server-side copies of the demo with shifted ids, and the
/// raw read that is their baseline (the rows behind a figure, each value fetched once by a plain ADO reader).
/// </summary>
/// <summary>A bench that <see cref="BenchDistrict.SizesAsync"/> runs at several sizes.</summary>
interface ISizedBench
{
    /// <summary>The demo district, seeded; its id and what it holds, said in a line.</summary>
    Task<(int District, string Seeded)> SeedAsync();

    /// <summary>The k-th copy of the demo (k ≥ 1).</summary>
    Task CloneAsync(int district, int k);

    Task AnalyzeAsync();

    Task MeasureAsync(int district, int size);
}

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
    /// Runs a bench at sizes given as multiples of the demo district ("1,10"): seeds the demo, then for each size
    /// copies the demo up to it (the planner's statistics taken again) and measures.
    /// </summary>
    public static async Task SizesAsync(string provider, string name, string sizesText, int runs,
        Func<BenchDistrict, ISizedBench> make)
    {
        var sizes = sizesText.Split(',')
            .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var scratch = await ScratchDatabase.CreateAsync(provider, name, b => b.CommandTimeout = 600);
        if (scratch is null) return;
        var bench = make(new BenchDistrict(scratch.Postgres, scratch.Connection));
        Console.WriteLine($"provider           {(scratch.Postgres ? "PostgreSQL" : "SQLite")}  (" +
            $"{Environment.ProcessorCount} cores; median of {runs} runs after a warm-up)");
        var setup = Stopwatch.StartNew();
        var (district, seeded) = await bench.SeedAsync();
        Console.WriteLine($"setup              demo seed in {setup.Elapsed.TotalSeconds:F1} s: {seeded}");
        var copies = 1;
        foreach (var size in sizes.Where(s => s >= 1).Distinct().Order())
        {
            var build = Stopwatch.StartNew();
            for (; copies < size; copies++) await bench.CloneAsync(district, copies);
            if (build.Elapsed > TimeSpan.FromSeconds(1))
            {
                await bench.AnalyzeAsync();
                Console.WriteLine();
                Console.WriteLine(
                    $"setup              copied the demo to ×{size} in {build.Elapsed.TotalSeconds:F1} s" +
                    " (server-side INSERT … SELECT with shifted ids)");
            }
            await bench.MeasureAsync(district, size);
        }
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

    /// <summary>
    /// Adds the k-th copy of the demo's towns and branches (new towns of the same district) with their members, then
    /// what <paramref name="rest"/> copies of their records, server-side in one transaction; ids of the k-th copy are
    /// the demo's plus k strides. The copy is consistent by construction: PostgreSQL may skip the per-row foreign-key
    /// triggers, as a restore does.
    /// </summary>
    public async Task CopyDemoAsync(int district, int k, Func<DemoCopy, Task> rest)
    {
        await using var db = Open();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (k == 1 && (await db.Orgs.MaxAsync(o => o.Id) >= DemoCopy.OrgStride
                || await db.Members.MaxAsync(m => m.Id) >= DemoCopy.MemberStride
                || await db.ActivityDays.MaxAsync(d => (int?)d.Id) >= DemoCopy.DayStride
                || await db.StarBoards.MaxAsync(b => (int?)b.Id) >= DemoCopy.BoardStride
                || await db.ServiceEntries.MaxAsync(e => (int?)e.Id) >= DemoCopy.RowStride
                || await db.DuesPayments.MaxAsync(p => (int?)p.Id) >= DemoCopy.RowStride
                || await db.Inspections.MaxAsync(i => (int?)i.Id) >= DemoCopy.RowStride
                || await db.ProblemLists.MaxAsync(l => (int?)l.Id) >= DemoCopy.RowStride))
            throw new InvalidOperationException("The demo's ids outgrew the copy strides.");
        await using var tx = await db.Database.BeginTransactionAsync();
        if (postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        var copy = new DemoCopy(db, district, k);
        await copy.OrgsAsync();
        await copy.MembersAsync();
        await rest(copy);
        await tx.CommitAsync();
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

    /// <summary>The raw rows of the confirmed service entries done from @from until @until (not included), of their
    /// volunteers, and of the dues paid in that time: what the service and dues figures count.</summary>
    public static readonly string[] ServiceAndDuesRows =
    [
        "SELECT org_id, kind, dispute_outcome, answer IS NOT NULL, hours FROM service_entries WHERE district_id = @d " +
            "AND done_on >= @from AND done_on < @until AND state = 'Confirmed'",
        "SELECT e.org_id, m.member_id, e.hours FROM service_entry_members m JOIN service_entries e " +
            "ON e.id = m.entry_id WHERE m.district_id = @d AND e.district_id = @d AND e.done_on >= @from " +
            "AND e.done_on < @until AND e.state = 'Confirmed' AND e.kind = 'Volunteering'",
        "SELECT org_id, amount FROM dues_payments WHERE district_id = @d AND paid_on >= @from AND paid_on < @until",
    ];

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
