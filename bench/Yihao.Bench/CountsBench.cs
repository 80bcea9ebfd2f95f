using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Demo;
using Yihao.Web.Features.Service;
using Yihao.Web.Infrastructure;

namespace Yihao.Bench;

/// <summary>
/// Times the district's counts for a year (issue 26, item 7) through the code the API and the dashboard use: <see
/// cref="ServiceCounts.ForAsync"/> (disputes resolved, things done, pairing visits, volunteers and their hours,
/// petitions answered, aid given — per branch and in all), <see cref="LedgerFigures.ForAsync"/> (commitments
/// fulfilled, dues collected and owed).
/// The baseline is a plain ADO read of the rows behind them on the same machine, so the figure reads as a ratio. Each
/// is the median of several runs after a warm-up, each run on a fresh context as a request has. Sizes are multiples
/// of the demo district: larger ones copy the demo's towns, members and ledgers server-side with shifted ids.
/// </summary>
static class CountsBench
{
    const int Runs = 7;
    const int OrgStride = 10_000, MemberStride = 100_000, RowStride = 1_000_000;
    static readonly Dictionary<int, TimeSpan> Targets = new() { [1] = TimeSpan.FromMilliseconds(50) };
    static readonly TimeSpan LargeTarget = TimeSpan.FromMilliseconds(200);

    /// <summary>Sizes as "1,10".</summary>
    public static async Task RunAsync(string provider, string sizesText)
    {
        var sizes = sizesText.Split(',')
            .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "counts", b => b.CommandTimeout = 600);
        if (scratch is null) return;
        var bench = new Bench(scratch.Postgres, scratch.Connection);
        Console.WriteLine($"provider           {(scratch.Postgres ? "PostgreSQL" : "SQLite")}  (" +
            $"{Environment.ProcessorCount} cores; median of {Runs} runs after a warm-up)");
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
            await bench.MeasureAsync(district, size, Targets.GetValueOrDefault(size, LargeTarget));
        }
    }

    sealed class Bench(bool postgres, string connection)
    {
        readonly BranchChanges changes = new();
        readonly DateOnly today = DistrictTime.Today(TimeProvider.System);

        YihaoDb Open()
        {
            var who = new AuditActor { UserName = "bench" };
            if (postgres)
            {
                var b = new DbContextOptionsBuilder<PostgresYihaoDb>();
                DatabaseSetup.UsePostgres(b, connection);
                return new PostgresYihaoDb(b.Options, who, TimeProvider.System, changes);
            }
            var s = new DbContextOptionsBuilder<SqliteYihaoDb>();
            DatabaseSetup.UseSqlite(s, connection);
            return new SqliteYihaoDb(s.Options, who, TimeProvider.System, changes);
        }

        DbConnection Connect() => postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);

        public async Task<(int District, string Seeded)> SeedAsync()
        {
            await using var db = Open();
            await DatabaseSetup.MigrateAsync(db);
            var district =
                new Org { Name = DemoDistrict.DistrictName, Kind = OrgKind.District, CreatedAt = DateTime.UtcNow };
            db.Orgs.Add(district);
            await db.SaveChangesAsync();
            district.DistrictId = district.Id;
            district.Path = $"/{district.Id}/";
            await db.SaveChangesAsync();
            var hash = new PasswordHasher<User>().HashPassword(null!, "Bench-Password-1");
            var counts = await DemoDistrict.SeedAsync(db, district, hash, TimeProvider.System, new ActivityPolicy(),
                null, CancellationToken.None);
            await AnalyzeAsync();
            return (district.Id, $"{counts.Towns} towns, {counts.Branches} branches, {counts.Members:N0} members");
        }

        /// <summary>Statistics for the planner, as autovacuum (PostgreSQL) or the app's hourly optimize (SQLite)
        /// would have them.</summary>
        public async Task AnalyzeAsync()
        {
            await using var db = Open();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            if (postgres) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            else await DatabaseSetup.OptimizeAsync(db);
        }

        /// <summary>The k-th copy of the demo's towns and branches with their members and the ledgers the counts
        /// read (service entries and their members, commitments, dues standards, payments and months, aid).</summary>
        public async Task CloneAsync(int district, int k)
        {
            await using var db = Open();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            if (k == 1 && (await db.Orgs.MaxAsync(o => o.Id) >= OrgStride
                    || await db.Members.MaxAsync(m => m.Id) >= MemberStride
                    || await db.ServiceEntries.MaxAsync(e => (int?)e.Id) >= RowStride
                    || await db.DuesPayments.MaxAsync(p => (int?)p.Id) >= RowStride))
                throw new InvalidOperationException("The demo's ids outgrew the copy strides.");
            await using var tx = await db.Database.BeginTransactionAsync();
            if (postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            var orgs = await db.Orgs.AsNoTracking()
                .Where(o => o.DistrictId == district && o.Id != district && o.Id < OrgStride).ToListAsync();
            int O(int id) => id == district ? id : id + k * OrgStride;
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
            string org = $"org_id + {k * OrgStride}", member = $"member_id + {k * MemberStride}";
            string row = $"id + {k * RowStride}", base_ = $"id < {RowStride}";
            await CopyAsync<Member>(db, $"id < {MemberStride}", new()
            {
                ["id"] = $"id + {k * MemberStride}",
                ["org_id"] = org,
                ["id_number"] = $"'{610600 + k}' || substr(id_number, 7)",
            });
            // Links to pairings, call-outs and topics are not counted: the copies carry none.
            await CopyAsync<ServiceEntry>(db, base_, new()
            {
                ["id"] = row,
                ["org_id"] = org,
                ["pairing_id"] = "NULL",
                ["request_key"] = "NULL",
            });
            await CopyAsync<ServiceEntryMember>(db, $"entry_id < {RowStride}", new()
            {
                ["entry_id"] = $"entry_id + {k * RowStride}",
                ["member_id"] = member,
            });
            // Tables whose copies take new ids are copied from the demo's own members' rows.
            var demo = $"member_id < {MemberStride}";
            await CopyAsync<Commitment>(db, demo, new() { ["org_id"] = org, ["member_id"] = member });
            await CopyAsync<DuesStandard>(db, demo, new() { ["member_id"] = member });
            await CopyAsync<DuesPayment>(db, base_, new()
            {
                ["id"] = row,
                ["org_id"] = org,
                ["member_id"] = member,
                ["reverses_id"] = $"reverses_id + {k * RowStride}",
            });
            await CopyAsync<DuesMonth>(db, $"payment_id < {RowStride}", new()
            {
                ["payment_id"] = $"payment_id + {k * RowStride}",
                ["member_id"] = member,
            });
            await CopyAsync<Aid>(db, demo, new() { ["member_id"] = member });
            // The rollups the counts read, as the writes would have kept them for the copies.
            await CopyAsync<MonthRollup>(db, $"org_id < {OrgStride} AND org_id <> {district}",
                new() { ["org_id"] = org });
            await CopyAsync<DuesPaidYear>(db, demo, new() { ["member_id"] = member });
            await tx.CommitAsync();
        }

        /// <summary>INSERT … SELECT of a table's rows with some columns changed; a new id unless the id is
        /// shifted.</summary>
        static async Task CopyAsync<T>(YihaoDb db, string where, Dictionary<string, string> change)
        {
            var type = db.Model.FindEntityType(typeof(T))!;
            var table = type.GetTableName()!;
            var columns = type.GetProperties().Select(p => p.GetColumnName())
                .Where(c => c != "id" || change.ContainsKey("id")).ToList();
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT " +
                $"{string.Join(", ", columns.Select(c => change.GetValueOrDefault(c, $"\"{c}\"")))} FROM {table} " +
                $"WHERE {where}";
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        /// <summary>The real path, as a district admin asks for the year: the service counts and the dashboard's
        /// ledger figures (commitments, dues collected and owed).</summary>
        async Task<(ServiceCountsView Service, LedgerFigures Ledgers, TimeSpan[] Parts)> CountsAsync(int district)
        {
            var clock = Stopwatch.StartNew();
            await using var db = Open();
            var org = await db.Orgs.AsNoTracking().FirstAsync(o => o.Id == district);
            var scope = new Scope(0, "bench", Roles.DistrictAdmin, district, district, org.Path, null);
            var year = today.Year;
            var service = (await ServiceCounts.ForAsync(scope, db, TimeProvider.System, district, $"{year}")).Value!;
            var a = clock.Elapsed;
            var ledgers = await LedgerFigures.ForAsync(db, org, new DateOnly(year, 1, 1), new DateOnly(year, 12, 1),
                today);
            return (service, ledgers, [a, clock.Elapsed - a]);
        }

        public async Task MeasureAsync(int district, int size, TimeSpan target)
        {
            await using (var db = Open())
            {
                var members = await db.Members.CountAsync(m => m.DistrictId == district);
                Console.WriteLine();
                Console.WriteLine($"── ×{size}: {members:N0} members, the year {today.Year} ──");
            }
            await CountsAsync(district);
            await RawReadAsync(district);
            var raws = new List<TimeSpan>();
            var totals = new List<TimeSpan>();
            var parts = new List<TimeSpan[]>();
            RawRead? raw = null;
            (ServiceCountsView Service, LedgerFigures Ledgers, TimeSpan[] Parts) last = default;
            for (var i = 0; i < Runs; i++)
            {
                Collect();
                var clock = Stopwatch.StartNew();
                raw = await RawReadAsync(district);
                raws.Add(clock.Elapsed);
                Collect();
                clock.Restart();
                last = await CountsAsync(district);
                totals.Add(clock.Elapsed);
                parts.Add(last.Parts);
            }
            var (rawMedian, median) = (Median(raws), Median(totals));
            Console.WriteLine($"baseline raw read  {Ms(rawMedian)}   (min {Ms(raws.Min()).Trim()}, max " +
                $"{Ms(raws.Max()).Trim()}) the rows behind the counts by a plain ADO reader ({raw!.Rows:N0} rows: " +
                string.Join(", ", raw.Tables.OrderByDescending(t => t.Rows).Select(t => $"{t.Table} {t.Rows:N0}")) +
                ")");
            var (s, l) = (last.Service!, last.Ledgers!);
            Console.WriteLine($"year's counts      {Ms(median)}   (min {Ms(totals.Min()).Trim()}, max " +
                $"{Ms(totals.Max()).Trim()}) {median / rawMedian:F2}× the raw read");
            string[] names = ["ServiceCounts.ForAsync", "LedgerFigures.ForAsync"];
            for (var p = 0; p < names.Length; p++)
                Console.WriteLine($"  {names[p],-24} {Ms(Median([.. parts.Select(x => x[p])]))}");
            Console.WriteLine($"  figures: {s.DisputesResolved:N0} disputes resolved, {s.ThingsDone:N0} things done, " +
                $"{l.CommitmentsFulfilled:N0} commitments fulfilled, {s.PairingVisits:N0} pairing visits, " +
                $"{s.Volunteers:N0} volunteers ({s.VolunteerHours:N1} h), {s.PetitionsAnswered:N0} petitions " +
                $"answered, {s.AidsGiven:N0} aids; dues collected {l.DuesCollected:N2} yuan, owed " +
                $"{l.DuesMonthsOwed:N0} member-months by {l.DuesMembersOwing:N0} members; {s.Branches.Count:N0} " +
                "branches");
            Console.WriteLine($"target             < {target.TotalMilliseconds:F0} ms: " +
                $"{(median < target ? "MET" : "MISSED")}");
        }

        async Task<RawRead> RawReadAsync(int district)
        {
            var (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1));
            var last = new DateOnly(today.Year, 12, 1);
            const string year = "district_id = @d AND {0} >= @from AND {0} < @to";
            string[] queries =
            [
                "SELECT org_id, kind, dispute_outcome, answer IS NOT NULL, hours FROM service_entries WHERE " +
                    string.Format(null, year, "done_on") + " AND state = 'Confirmed'",
                "SELECT e.org_id, m.member_id, e.hours FROM service_entry_members m JOIN service_entries e " +
                    "ON e.id = m.entry_id WHERE m.district_id = @d AND e.district_id = @d AND e.done_on >= @from " +
                    "AND e.done_on < @to AND e.state = 'Confirmed' AND e.kind = 'Volunteering'",
                "SELECT member_id, amount FROM aids WHERE " + string.Format(null, year, "given_on"),
                "SELECT org_id, confirmed_on FROM commitments WHERE " + string.Format(null, year, "confirmed_on"),
                "SELECT org_id, amount FROM dues_payments WHERE " + string.Format(null, year, "paid_on"),
                "SELECT id, org_id, joined_on, monthly_dues FROM members WHERE district_id = @d",
                "SELECT member_id, effective_from, amount FROM dues_standards WHERE district_id = @d " +
                    "AND effective_from <= @last",
                "SELECT member_id, month FROM dues_months WHERE district_id = @d AND month >= @from " +
                    "AND month <= @last",
            ];
            await using var c = Connect();
            await c.OpenAsync();
            var tables = new List<(string, long)>();
            foreach (var sql in queries)
            {
                long rows = 0;
                await using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                foreach (var (name, value) in new (string, object)[]
                    { ("@d", district), ("@from", from), ("@to", to), ("@last", last) })
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
                tables.Add((Regex.Match(sql, @"FROM (\w+)").Groups[1].Value, rows));
            }
            return new(tables);
        }

        sealed record RawRead(List<(string Table, long Rows)> Tables)
        {
            public long Rows => Tables.Sum(t => t.Rows);
        }
    }

    static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);

    static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    static string Ms(TimeSpan t) => $"{t.TotalMilliseconds,8:N1} ms";
}
