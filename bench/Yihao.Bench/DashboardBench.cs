using Yihao.Web.Features.Dashboard;

namespace Yihao.Bench;

/// <summary>
/// Times the district dashboard's figures (issue 27, item 7) for a month and for a year (the rolling twelve months up
/// to this one) through the code the page and <c>GET /api/v1/orgs/{id}/dashboard?month=|year=</c> use: <see
/// cref="DashboardFigures.ForAsync(Scope, Yihao.Web.Data.YihaoDb, TimeProvider, int, string?, string?,
/// CancellationToken)"/>, which adds up the rollups up the tree and asks <see cref="LedgerFigures.ForAsync"/> for the
/// ledgers' figures; each part is also timed on its own. The baseline is a plain ADO read of the raw rows behind the
/// same figures (days, attendance, make-ups, stars, warnings, inspections, problem items, commitments, service, dues)
/// on the same machine, so the figure reads as a ratio. Each is the median of several runs after a warm-up, each run
/// on a fresh context as a request has. Sizes are multiples of the demo district: larger ones copy the demo's towns,
/// members, records and rollups server-side with shifted ids.
/// </summary>
static class DashboardBench
{
    const int Runs = 7;

    /// <summary>Targets by size and period; a size without its own has none for the year.</summary>
    static readonly Dictionary<(int Size, bool Year), TimeSpan> Targets = new()
    {
        [(1, false)] = TimeSpan.FromMilliseconds(20),
        [(1, true)] = TimeSpan.FromMilliseconds(50),
    };

    static readonly TimeSpan LargeMonthTarget = TimeSpan.FromMilliseconds(50);

    /// <summary>Sizes as "1,10".</summary>
    public static Task RunAsync(string provider, string sizesText) =>
        SizesAsync(provider, "dashboard", sizesText, Runs, shared => new Bench(shared));

    sealed class Bench(BenchDistrict shared) : ISizedBench
    {
        readonly DateOnly today = DistrictTime.Today(TimeProvider.System);
        DateOnly Month => new(today.Year, today.Month, 1);

        public async Task<(int District, string Seeded)> SeedAsync()
        {
            var (district, counts) = await shared.SeedAsync();
            await using var db = shared.Open();
            var rollups = await db.Set<MonthRollup>().CountAsync(r => r.DistrictId == district.Id);
            return (district.Id, $"{counts.Towns} towns, {counts.Branches} branches, {counts.Members:N0} members, " +
                $"{counts.History.Days:N0} activity days, {counts.History.Attendances:N0} attendances, " +
                $"{rollups:N0} month rollups");
        }

        public Task AnalyzeAsync() => shared.AnalyzeAsync();

        /// <summary>The k-th copy of the demo with everything the dashboard and its baseline read.</summary>
        public Task CloneAsync(int district, int k) => shared.CopyDemoAsync(district, k, async copy =>
        {
            await copy.DaysAsync(typeof(Attendance), typeof(MakeUp));
            await copy.BoardsAsync();
            await copy.WarningsAsync();
            await copy.SupervisionAsync();
            await copy.LedgersAsync();
            await copy.RollupsAsync();
        });

        /// <summary>The real path, as a district admin asks the API (the page makes the same two calls): the whole
        /// view, then its two parts on their own.</summary>
        async Task<(DashboardView View, TimeSpan Figures, TimeSpan Ledgers)> DashboardAsync(int district, bool year)
        {
            await using var db = shared.Open();
            var org = await db.Orgs.AsNoTracking().FirstAsync(o => o.Id == district);
            var scope = new Scope(0, "bench", Roles.DistrictAdmin, district, district, org.Path, null);
            var (month, yearText) = year ? (null, $"{today.Year}") : ($"{Month:yyyy-MM}", (string?)null);
            var view = (await DashboardFigures.ForAsync(scope, db, TimeProvider.System, district, month, yearText))
                .Value!;
            var (from, to, label) = DashboardFigures.Period(month, yearText, today).Value;
            var clock = Stopwatch.StartNew();
            await DashboardFigures.ForAsync(db, org, from, to, label, today, publicOnly: false);
            var figures = clock.Elapsed;
            clock.Restart();
            await LedgerFigures.ForAsync(db, org, from, to, today);
            return (view, figures, clock.Elapsed);
        }

        public async Task MeasureAsync(int district, int size)
        {
            foreach (var year in new[] { false, true })
                await MeasureAsync(district, size, year,
                    Targets.TryGetValue((size, year), out var t) ? t : year ? null : LargeMonthTarget);
        }

        async Task MeasureAsync(int district, int size, bool year, TimeSpan? target)
        {
            var (from, to, label) = DashboardFigures.Period(year ? null : $"{Month:yyyy-MM}",
                year ? $"{today.Year}" : null, today).Value;
            await using (var db = shared.Open())
            {
                var members = await db.Members.CountAsync(m => m.DistrictId == district);
                Console.WriteLine();
                Console.WriteLine($"── ×{size}: {members:N0} members, " +
                    (year ? $"the year {label} ({from:yyyy-MM} to {to:yyyy-MM})" : $"the month {label}") + " ──");
            }
            // The whole view is timed apart from its parts: the parts run after it, on the same context.
            var whole = new List<TimeSpan>();
            var runs = await AlternateAsync(Runs, () => RawReadAsync(district, from, to), async _ =>
            {
                var clock = Stopwatch.StartNew();
                var result = await DashboardAsync(district, year);
                whole.Add(clock.Elapsed - result.Figures - result.Ledgers);
                return result;
            });
            whole.RemoveAt(0); // the warm-up
            var (raw, last) = (runs.Raw, runs.Last);
            var (rawMedian, median) = (runs.RawMedian, Median(whole));
            Console.WriteLine($"baseline raw read  {Spread(runs.Raws)} the rows behind the figures by a plain ADO " +
                $"reader ({raw.Rows:N0} rows: {raw.ByRows})");
            Console.WriteLine($"{(year ? "year's dashboard" : "month's dashboard"),-18} {Spread(whole)} " +
                $"{median / rawMedian:F2}× the raw read   DashboardFigures.ForAsync, as the API answers");
            Console.WriteLine($"  {"rollups: DashboardFigures.ForAsync",-36} " +
                $"{Ms(Median([.. runs.Values.Select(v => v.Figures)]))}");
            Console.WriteLine($"  {"ledgers: LedgerFigures.ForAsync",-36} " +
                $"{Ms(Median([.. runs.Values.Select(v => v.Ledgers)]))}");
            var (f, l) = (last.View.Figures, last.View.Ledgers!);
            Console.WriteLine($"  figures: attendance {f.Attendance.Rate * 100:F1}% of " +
                $"{f.Attendance.Expected:N0} expected; " +
                $"{f.Days.Held:N0} days held ({f.Days.HeldOnTime:N0} on time, {f.Days.NotHeld:N0} not held, " +
                $"{f.Days.Pending:N0} to come); make-ups {f.MakeUps!.Owed:N0} owed, {f.MakeUps.Overdue:N0} overdue; " +
                $"stars {f.Stars.Red:N0}/{f.Stars.Yellow:N0}/{f.Stars.Blue:N0}; warnings {f.Warnings!.Red:N0} red, " +
                $"{f.Warnings.Open:N0} open; {l.InspectionsDone:N0} inspections, {l.ProblemsOpen:N0} problems open; " +
                $"{l.CommitmentsFulfilled:N0} commitments fulfilled; {l.DisputesResolved:N0} disputes resolved; " +
                $"dues {l.DuesCollected:N2} yuan collected, {l.DuesMonthsOwed:N0} months owed; " +
                $"{last.View.Children.Count} towns");
            Console.WriteLine(target is { } t
                ? $"target             < {t.TotalMilliseconds:F0} ms: {(median < t ? "MET" : "MISSED")}"
                : "target             none at this size");
        }

        /// <summary>The raw rows and columns the figures count, for the period's months: what the rollups are made of
        /// (days, attendance, make-ups, stars, warnings, the members of open days) and what the ledgers' figures
        /// count.</summary>
        Task<RawRead> RawReadAsync(int district, DateOnly from, DateOnly to)
        {
            var next = to.AddMonths(1);
            var (start, end) = (DistrictTime.Utc(from.ToDateTime(TimeOnly.MinValue)),
                DistrictTime.Utc(next.ToDateTime(TimeOnly.MinValue)));
            const string days = "JOIN activity_days d ON d.id = x.activity_day_id WHERE x.district_id = @d " +
                "AND d.district_id = @d AND d.month >= @from AND d.month <= @to";
            const string span = "district_id = @d AND {0} >= @from AND {0} < @until";
            string[] queries =
            [
                "SELECT id, parent_id, path, kind, starts_on, ends_on, closed_on, created_at FROM orgs " +
                    "WHERE district_id = @d",
                "SELECT id, org_id, month, state, starts_at, submitted_at, late, reviewed_at FROM activity_days " +
                    "WHERE district_id = @d AND month >= @from AND month <= @to",
                "SELECT x.activity_day_id, x.status FROM attendances x " + days,
                "SELECT x.activity_day_id, x.due_on, x.done_on FROM make_ups x " + days,
                "SELECT b.org_id, b.month, s.proposed, s.override FROM member_stars s JOIN star_boards b " +
                    "ON b.id = s.board_id WHERE b.district_id = @d AND b.month >= @from AND b.month <= @to",
                "SELECT org_id, month, level, status FROM warnings WHERE district_id = @d AND month >= @from " +
                    "AND month <= @to",
                "SELECT id, org_id, joined_on FROM members WHERE district_id = @d",
                "SELECT org_id, state FROM inspections WHERE district_id = @d AND recorded_at >= @start " +
                    "AND recorded_at < @end",
                "SELECT i.org_id, i.state, i.due_on FROM problem_items i JOIN problem_lists l ON l.id = i.list_id " +
                    "WHERE i.district_id = @d AND l.issued_at >= @start AND l.issued_at < @end",
                "SELECT org_id, made_on, confirmed_on FROM commitments WHERE " + string.Format(null, span, "made_on") +
                    " OR " + string.Format(null, span, "confirmed_on"),
                .. ServiceAndDuesRows,
                "SELECT member_id, month FROM dues_months WHERE district_id = @d AND month >= @from " +
                    "AND month <= @to",
            ];
            return shared.RawReadAsync(queries, ("@d", district), ("@from", from), ("@to", to), ("@until", next),
                ("@start", start), ("@end", end));
        }
    }
}
