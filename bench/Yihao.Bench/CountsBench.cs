using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Dues;
using Yihao.Web.Features.Service;
using Yihao.Web.Infrastructure;
using static Yihao.Bench.BenchDistrict;

namespace Yihao.Bench;

/// <summary>
/// Times the district's counts for a year (issue 26, item 7) through the code the API and the dashboard use: <see
/// cref="ServiceCounts.ForAsync"/> (disputes resolved, things done, pairing visits, volunteers and their hours,
/// petitions answered, aid given — per branch and in all), <see cref="LedgerFigures.ForAsync"/> (commitments
/// fulfilled, dues collected) and <see cref="DuesLedger.ArrearsAsync"/> (dues owed, by month, branch and member).
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
        var bench = new Bench(new BenchDistrict(scratch.Postgres, scratch.Connection));
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

    sealed class Bench(BenchDistrict shared)
    {
        readonly DateOnly today = DistrictTime.Today(TimeProvider.System);

        YihaoDb Open() => shared.Open();

        public async Task<(int District, string Seeded)> SeedAsync()
        {
            var (district, counts) = await shared.SeedAsync();
            return (district.Id, $"{counts.Towns} towns, {counts.Branches} branches, {counts.Members:N0} members");
        }

        public Task AnalyzeAsync() => shared.AnalyzeAsync();

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
            if (shared.Postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            await BenchDistrict.CopyOrgsAsync(db, district, k, OrgStride);
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
            await tx.CommitAsync();
        }

        /// <summary>The real path, as a district admin asks for the year: the service counts, the dashboard's
        /// ledger figures and the dues owed.</summary>
        async Task<(ServiceCountsView Service, LedgerFigures Ledgers, ArrearsView Owed, TimeSpan[] Parts)>
            CountsAsync(int district)
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
            var b = clock.Elapsed;
            var owed = (await DuesLedger.ArrearsAsync(scope, db, TimeProvider.System, district, $"{year}-01",
                $"{year}-12")).Value!;
            return (service, ledgers, owed, [a, b - a, clock.Elapsed - b]);
        }

        public async Task MeasureAsync(int district, int size, TimeSpan target)
        {
            await using (var db = Open())
            {
                var members = await db.Members.CountAsync(m => m.DistrictId == district);
                Console.WriteLine();
                Console.WriteLine($"── ×{size}: {members:N0} members, the year {today.Year} ──");
            }
            var runs = await AlternateAsync(Runs, () => RawReadAsync(district), _ => CountsAsync(district));
            var (raws, totals, raw, last) = (runs.Raws, runs.Times, runs.Raw, runs.Last);
            var parts = runs.Values.Select(v => v.Parts).ToList();
            var (rawMedian, median) = (runs.RawMedian, runs.Median);
            Console.WriteLine($"baseline raw read  {Spread(raws)} the rows behind the counts by a plain ADO reader " +
                $"({raw.Rows:N0} rows: {raw.ByRows})");
            Console.WriteLine($"year's counts      {Spread(totals)} {median / rawMedian:F2}× the raw read");
            var (s, l, o) = (last.Service!, last.Ledgers!, last.Owed!);
            string[] names = ["ServiceCounts.ForAsync", "LedgerFigures.ForAsync", "DuesLedger.ArrearsAsync"];
            for (var p = 0; p < names.Length; p++)
                Console.WriteLine($"  {names[p],-24} {Ms(Median([.. parts.Select(x => x[p])]))}");
            Console.WriteLine($"  figures: {s.DisputesResolved:N0} disputes resolved, {s.ThingsDone:N0} things done, " +
                $"{l.CommitmentsFulfilled:N0} commitments fulfilled, {s.PairingVisits:N0} pairing visits, " +
                $"{s.Volunteers:N0} volunteers ({s.VolunteerHours:N1} h), {s.PetitionsAnswered:N0} petitions " +
                $"answered, {s.AidsGiven:N0} aids; dues collected {l.DuesCollected:N2} yuan, owed " +
                $"{o.AmountOwed:N2} yuan by {o.Owing:N0} members; {s.Branches.Count:N0} branches");
            Console.WriteLine($"target             < {target.TotalMilliseconds:F0} ms: " +
                $"{(median < target ? "MET" : "MISSED")}");
        }

        Task<RawRead> RawReadAsync(int district)
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
            return shared.RawReadAsync(queries, ("@d", district), ("@from", from), ("@to", to),
                ("@last", last));
        }
    }
}
