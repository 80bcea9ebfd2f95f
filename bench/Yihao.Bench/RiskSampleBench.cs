using Yihao.Web.Features.Supervision;

namespace Yihao.Bench;

/// <summary>
/// Times a risk-weighted sample of branches for the whole demo district (docs/supervision.md) through the real code:
/// <see cref="Samples.BranchCandidatesAsync"/> computes every open branch's risk inputs from the records of the
/// policy's risk months (warnings, attendance, late plans, days not held, six musts, problem items and the five kinds
/// of anomaly, with the texts and photos of a year either side), weighs them with the policy, and <see
/// cref="Sampling.Draw"/> draws from them. The baseline is a plain ADO read of the same rows and columns on the same
/// machine, so the figure reads as a ratio. Each is the median of several runs after a warm-up, each run on a fresh
/// context as a request has.
/// </summary>
static class RiskSampleBench
{
    const int Runs = 7;
    const int SampleSize = 20;
    static readonly TimeSpan Target = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(string provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "sample", b => b.CommandTimeout = 600);
        if (scratch is null) return;
        var bench = new Bench(new BenchDistrict(scratch.Postgres, scratch.Connection));
        Console.WriteLine($"provider           {(scratch.Postgres ? "PostgreSQL" : "SQLite")}  (" +
            $"{Environment.ProcessorCount} cores; median of {Runs} runs after a warm-up)");
        var setup = Stopwatch.StartNew();
        var (district, path, seeded) = await bench.SeedAsync();
        Console.WriteLine($"setup              demo seed in {setup.Elapsed.TotalSeconds:F1} s: {seeded}");
        await bench.MeasureAsync(district, path);
    }

    sealed class Bench(BenchDistrict shared)
    {
        readonly DateOnly today = DistrictTime.Today(TimeProvider.System);
        DateOnly Month => new(today.Year, today.Month, 1);

        public async Task<(int District, string Path, string Seeded)> SeedAsync()
        {
            var (district, counts) = await shared.SeedAsync();
            await using var db = shared.Open();
            var lists = await db.ProblemLists.CountAsync(l => l.DistrictId == district.Id);
            var inspections = await db.Inspections.CountAsync(i => i.DistrictId == district.Id);
            return (district.Id, district.Path,
                $"{counts.Towns} towns, {counts.Branches} branches, {counts.Members:N0} members, " +
                $"{counts.History.Days:N0} activity days, {counts.History.Attendances:N0} attendances, " +
                $"{inspections:N0} inspections, {lists:N0} problem lists");
        }

        /// <summary>The real path: the candidates and their weights for the whole district, then the draw.</summary>
        async Task<(int Candidates, long Weight, List<int> Picked)> SampleAsync(int district, string path, ulong seed)
        {
            await using var db = shared.Open();
            var (candidates, inputs) = await Samples.BranchCandidatesAsync(db, district, path, Month, today);
            var picked = Sampling.Draw(seed, candidates, SampleSize);
            GC.KeepAlive(inputs);
            return (candidates.Count, candidates.Sum(c => c.Weight), picked);
        }

        public async Task MeasureAsync(int district, string path)
        {
            Console.WriteLine();
            Console.WriteLine($"── the whole district, month {Month:yyyy-MM}, a sample of {SampleSize} branches ──");
            // The warm-up also makes the district's default policy.
            var runs = await AlternateAsync(Runs, () => RawReadAsync(district, path),
                i => SampleAsync(district, path, (ulong)(i + 2)));
            var (raw, last) = (runs.Raw, runs.Last);
            var (rawMedian, sampleMedian) = (runs.RawMedian, runs.Median);
            Console.WriteLine(
                $"baseline raw read  {Spread(runs.Raws)} the " +
                $"rows and columns the risk inputs read, by a plain ADO reader ({raw.Rows:N0} rows: {raw.ByRows})");
            Console.WriteLine(
                $"risk sample        {Spread(runs.Times)} {sampleMedian / rawMedian:F1}× the raw read   " +
                $"Samples.BranchCandidatesAsync + Sampling.Draw: {last.Candidates:N0} candidates, total weight " +
                $"{last.Weight:N0}, {last.Picked?.Count ?? 0} picked");
            Console.WriteLine(
                $"target             < {Target.TotalMilliseconds:F0} ms: " +
                $"{(sampleMedian < Target ? "MET" : "MISSED")}");
        }

        Task<RawRead> RawReadAsync(int district, string path)
        {
            var rule = new SupervisionRule();
            var from = Month.AddMonths(-rule.RiskMonths);
            var to = Month.AddMonths(-1);
            // The anomalies look a year either side of the days for the same text or photo.
            var (lo, hi) = (from.AddMonths(-12), to.AddMonths(12));
            const string closed = "JOIN activity_days d ON d.id = x.activity_day_id WHERE x.district_id = @d " +
                "AND d.district_id = @d AND d.month >= @from AND d.month <= @to AND d.state = 'Closed'";
            const string window = "JOIN activity_days d ON d.id = x.activity_day_id WHERE x.district_id = @d " +
                "AND d.district_id = @d AND d.month >= @lo AND d.month <= @hi";
            string[] queries =
            [
                "SELECT id FROM orgs WHERE district_id = @d AND path LIKE @p AND closed_on IS NULL " +
                    "AND kind IN ('Branch', 'TemporaryBranch')",
                "SELECT id, org_id, month, state, late FROM activity_days WHERE district_id = @d " +
                    "AND month >= @from AND month <= @to",
                "SELECT x.activity_day_id, x.status, x.method, x.device FROM attendances x " + closed,
                "SELECT x.activity_day_id, x.badges_worn, x.theory_study_held, x.dues_collected, " +
                    "x.liaison_leader_present, x.stars_posted, x.oath_renewed FROM six_musts x " + closed,
                "SELECT org_id FROM warnings WHERE district_id = @d AND status <> 'Resolved'",
                "SELECT org_id, due_on FROM problem_items WHERE district_id = @d AND state <> 'Accepted'",
                "SELECT x.activity_day_id, x.member_id, x.text FROM study_notes x " + window,
                "SELECT x.activity_day_id, x.minutes FROM six_musts x " + window + " AND x.minutes IS NOT NULL",
                "SELECT x.activity_day_id, x.hash FROM day_photos x " + window,
                "SELECT c.member_id, c.reached, c.agrees, i.activity_day_id FROM phone_calls c " +
                    "JOIN inspections i ON i.id = c.inspection_id WHERE c.district_id = @d",
            ];
            return shared.RawReadAsync(queries, ("@d", district), ("@p", path + "%"), ("@from", from), ("@to", to),
                ("@lo", lo), ("@hi", hi));
        }
    }
}
