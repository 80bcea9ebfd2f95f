using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Service;

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
    static readonly Dictionary<int, TimeSpan> Targets = new() { [1] = TimeSpan.FromMilliseconds(50) };
    static readonly TimeSpan LargeTarget = TimeSpan.FromMilliseconds(200);

    /// <summary>Sizes as "1,10".</summary>
    public static Task RunAsync(string provider, string sizesText) =>
        SizesAsync(provider, "counts", sizesText, Runs, shared => new Bench(shared));

    sealed class Bench(BenchDistrict shared) : ISizedBench
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
        public Task CloneAsync(int district, int k) => shared.CopyDemoAsync(district, k, async copy =>
        {
            await copy.LedgersAsync();
            await copy.AidsAsync();
            await copy.RollupsAsync(); // the counts read them, as the writes would have kept them for the copies
        });

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

        public async Task MeasureAsync(int district, int size)
        {
            var target = Targets.GetValueOrDefault(size, LargeTarget);
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
            var (s, l) = (last.Service!, last.Ledgers!);
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

        Task<RawRead> RawReadAsync(int district)
        {
            var (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1));
            var last = new DateOnly(today.Year, 12, 1);
            const string year = "district_id = @d AND {0} >= @from AND {0} < @until";
            string[] queries =
            [
                .. ServiceAndDuesRows,
                "SELECT member_id, amount FROM aids WHERE " + string.Format(null, year, "given_on"),
                "SELECT org_id, confirmed_on FROM commitments WHERE " + string.Format(null, year, "confirmed_on"),
                "SELECT id, org_id, joined_on, monthly_dues FROM members WHERE district_id = @d",
                "SELECT member_id, effective_from, amount FROM dues_standards WHERE district_id = @d " +
                    "AND effective_from <= @last",
                "SELECT member_id, month FROM dues_months WHERE district_id = @d AND month >= @from " +
                    "AND month <= @last",
            ];
            return shared.RawReadAsync(queries, ("@d", district), ("@from", from), ("@until", to),
                ("@last", last));
        }
    }
}
