using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Yihao.Web.Features.Stars;

namespace Yihao.Bench;

/// <summary>
/// Times one month's stars and warnings for a whole district through the real code: one run (<see
/// cref="Warnings.EvaluateAsync"/>) that reads the month's facts (<see cref="StarFacts.LoadAsync"/>), rates every
/// member, reads the months before of those whose runs go on (<see cref="StarHistory"/>), fires the rules and writes
/// the warnings with their notices and audit entries; first when everything is new, then again when nothing is. The
/// baseline is a plain ADO read of the month's rows on the same machine, so that the figures read as ratios; a probe on
/// the context says which query and which stretch of client work the time went to. Sizes are multiples of the demo
/// district (30,000+ members, twelve closed months, dues, services and study notes); larger ones clone the demo into
/// more towns, server-side, and are skipped when building and measuring them would take longer than <see
/// cref="SizeBudget"/>.
/// </summary>
static class StarsBench
{
    const int OrgStride = DemoCopy.OrgStride, MemberStride = DemoCopy.MemberStride;
    static readonly TimeSpan SizeBudget = TimeSpan.FromMinutes(12);

    public static async Task RunAsync(string provider, IReadOnlyList<int> sizes)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "stars", b => b.CommandTimeout = 600);
        if (scratch is null) return;
        var probe = new Probe();
        var bench = new Bench(new BenchDistrict(scratch.Postgres, scratch.Connection, probe), probe);
        Console.WriteLine(
            $"provider           {(scratch.Postgres ? "PostgreSQL" : "SQLite")}  " +
                $"({Environment.ProcessorCount} cores; " +
                $"sizes are multiples of the demo district, each at most {SizeBudget.TotalMinutes:F0} min to " +
                $"build and measure)");
        var setup = Stopwatch.StartNew();
        var (district, seeded) = await bench.SeedAsync();
        Console.WriteLine($"setup              demo seed in {setup.Elapsed.TotalSeconds:F1} s: {seeded}");
        await bench.WarmUpAsync(district);

        var copies = 1;
        TimeSpan? perCopy = null;
        var lastMeasure = TimeSpan.Zero;
        foreach (var size in sizes.Where(s => s >= 1).Distinct().Order())
        {
            // Clone one copy at a time, and stop as soon as the rest of this size, measurement included, would
            // overrun the budget.
            var build = Stopwatch.StartNew();
            var added = 0;
            while (copies < size)
            {
                var estimate =
                    build.Elapsed + (perCopy ?? TimeSpan.Zero) * (size - copies) + lastMeasure * size / copies;
                if (perCopy is { } each && estimate > SizeBudget)
                {
                    Console.WriteLine();
                    Console.WriteLine(
                        $"── ×{size} (about {size * 30_700:N0} members): SKIPPED. Cloning the demo takes " +
                            $"{each.TotalSeconds:F1} s a copy here; the {size - copies} copies still missing"
                        + $" and the measurement (about {(lastMeasure * size / copies).TotalSeconds:F0} s, " +
                            $"scaled from the last size) would bring this size to about " +
                            $"{estimate.TotalSeconds:F0} s, over the {SizeBudget.TotalSeconds:F0} s budget."
                        + (sizes.Any(s => s > size) ? " Larger sizes are skipped too." : ""));
                    return;
                }
                var one = Stopwatch.StartNew();
                await bench.CloneAsync(district, copies);
                perCopy = one.Elapsed;
                copies++;
                added++;
            }
            if (added > 0)
            {
                await bench.AnalyzeAsync();
                Console.WriteLine();
                Console.WriteLine(
                    $"setup              cloned the demo {added} times in {build.Elapsed.TotalSeconds:F1} s " +
                        $"({build.Elapsed.TotalSeconds / added:F1} s a copy), server-side INSERT … SELECT with " +
                        $"shifted ids");
            }
            var measure = Stopwatch.StartNew();
            await bench.MeasureAsync(district);
            lastMeasure = measure.Elapsed;
        }
    }

    sealed class Bench(BenchDistrict shared, Probe probe)
    {
        readonly DateOnly today = DistrictTime.Today(TimeProvider.System);
        DateOnly Month => new(today.Year, today.Month, 1);

        /// <summary>A fresh context per operation, as a request or a job run would have, with the probe
        /// listening.</summary>
        YihaoDb Open(string actor = "bench") => shared.Open(actor);

        public async Task<(int District, string Seeded)> SeedAsync()
        {
            var (district, counts) = await shared.SeedAsync();
            await using var db = Open();
            var notes = await db.StudyNotes.CountAsync(n => n.DistrictId == district.Id);
            var months = await db.MemberMonths.CountAsync(r => r.DistrictId == district.Id);
            return (district.Id,
                $"{counts.Towns} towns, {counts.Branches} branches, {counts.Members:N0} members, " +
                    $"{counts.History.Days:N0} activity days, "
                + $"{counts.History.Attendances:N0} attendances, {counts.History.MakeUps:N0} make-ups, {notes:N0} " +
                    $"study notes, {months:N0} member months (dues and service)");
        }

        /// <summary>Compiles the queries and makes the district's default policy, on one branch, so that no measured
        /// run pays for either.</summary>
        public async Task WarmUpAsync(int district)
        {
            await using (var db = Open("warning-rules"))
            {
                var one = await db.Orgs.Where(o => o.DistrictId == district && o.Kind == OrgKind.Branch)
                    .Select(o => o.Id).FirstAsync();
                await StarFacts.LoadAsync(db, district, [one], Month.AddMonths(-11), Month, today);
                await Warnings.EvaluateAsync(db, TimeProvider.System, district, Month, [one]);
            }
            await ForgetWarningsAsync();
        }

        /// <summary>Adds the k-th clone of the demo's branches, members and records, under new towns of the same
        /// district.</summary>
        public Task CloneAsync(int district, int k) => shared.CopyDemoAsync(district, k, async copy =>
        {
            await copy.RowsAsync<Transfer>(DemoCopy.DemoMembers, ("member_id", copy.Member),
                ("to_org_id", copy.By("to_org_id", OrgStride)), ("from_org_id", copy.By("from_org_id", OrgStride)));
            await copy.DaysAsync(typeof(Attendance), typeof(MakeUp), typeof(StudyNote));
            await copy.RowsAsync<MemberMonthRecord>(DemoCopy.DemoMembers, ("member_id", copy.Member));
            // The past months' boards as the branches confirmed them: what the warnings' history reads first.
            await copy.BoardsAsync();
            // The secretaries and town admins, whom new warnings are told to.
            await copy.RowsAsync<User>(
                $"org_id <> {district} AND org_id < {OrgStride} AND (member_id IS NULL OR member_id < {MemberStride})",
                ("org_id", copy.Org), ("member_id", copy.Member), ("user_name", $"user_name || '-{k}'"),
                ("normalized_user_name", $"normalized_user_name || '-{k}'"));
        });

        public Task AnalyzeAsync() => shared.AnalyzeAsync();

        async Task ForgetWarningsAsync()
        {
            await using var db = Open();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM follow_ups");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM warnings");
        }

        public async Task MeasureAsync(int district)
        {
            await ForgetWarningsAsync();
            int members, branches;
            await using (var db = Open())
            {
                members = await db.Members.CountAsync(m => m.DistrictId == district);
                branches =
                    await db.Orgs.CountAsync(o => o.DistrictId == district
                    && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch));
            }
            Console.WriteLine();
            Console.WriteLine(
                $"── {members:N0} members, {branches:N0} branches, month {Month:yyyy-MM}, twelve months of records ──");

            StarPolicy policy;
            await using (var db = Open()) policy = Policies.Read(await Policies.InForceAsync(db, district, Month));
            // The warnings look back over the policy's longest run (six months under the shipped policy), this month
            // included.
            var span = policy.HistoryMonths;
            var from = Month.AddMonths(1 - span);

            var (scanned, scan) = await BestAsync(2, CountAsync);
            var (raw1, rawMonth) = await BestAsync(2, () => RawReadAsync(district, Month, Month));
            var (rawN, rawSpan) = await BestAsync(2, () => RawReadAsync(district, from, Month));
            Console.WriteLine($"baseline count     {Ms(scan)}   SELECT count(*) FROM attendances: {scanned:N0} rows");
            Console.WriteLine(
                $"baseline raw read  {Ms(rawMonth)}   one month: the rows and columns the facts load reads, by a " +
                    $"plain ADO reader ({raw1.Rows:N0} rows)");
            Console.WriteLine(
                $"                   {Ms(rawSpan)}   {span} months (the warnings' history under the policy in " +
                    $"force), the same way ({rawN.Rows:N0} rows: "
                + $"{string.Join(", ", rawN.Tables.OrderByDescending(t => t.Took).Select(t => $"{t.Table} {t.Took.TotalMilliseconds:N0} ms"))})");

            Timed<Dictionary<(int Branch, DateOnly Month), BranchFacts>>? month = null;
            for (var i = 0; i < 2 && (month is null || month.Took < TimeSpan.FromSeconds(1)); i++)
                if (await TimeAsync("facts, one month",
                    async () =>
                    {
                        await using var db =
                        Open(); return await StarFacts.LoadAsync(db, district, null, Month, Month,
                        today);
                    }) is { } run)
                    month = month is null || run.Took < month.Took ? run : month;
            var rate = TimeSpan.Zero;
            if (month is not null)
            {
                Console.WriteLine(
                    $"facts, one month   {Ms(month.Took)}   {month.Took / rawMonth,5:F1}× the raw read   " +
                        $"StarFacts.LoadAsync (the run below reads them first)");
                Collect();
                var stars = new int[3];
                var clock = Stopwatch.StartNew();
                foreach (var branch in month.Value.Values)
                    foreach (var m in branch.Members)
                        stars[(int)StarRules.Rate(policy, m).Star]++;
                rate = clock.Elapsed;
                Console.WriteLine(
                    $"rate all members   {Ms(rate)}   StarRules.Rate × {stars.Sum():N0}: {stars[0]:N0} red, " +
                        $"{stars[1]:N0} yellow, {stars[2]:N0} blue");
                month.Value.Clear();
            }

            // Not part of the figure: the two halves of the warnings' work before they write, timed apart so that the
            // rest is the write.
            var history =
                await TimeAsync($"  facts, {span} months",
                async () =>
                    {
                        await using var db =
                    Open(); return await StarFacts.LoadAsync(db, district, null, from, Month, today);
                    });
            if (history is not null)
            {
                Console.WriteLine(
                    $"  facts, {span} months  {Ms(history.Took)}   {history.Took / rawSpan,5:F1}× the raw read   " +
                        $"(what the warnings load first)");
                var clock = Stopwatch.StartNew();
                var fired = Rules(policy, history.Value, Month);
                Console.WriteLine(
                    $"  rules, {span} months  {Ms(clock.Elapsed)}   {span} months of stars and the member and branch " +
                        $"rules, as Warnings runs them ({fired:N0} fire)");
                history.Value.Clear();
            }

            var runs = new List<Timed<EvaluationResult>>();
            for (var i = 0; i < 2; i++)
            {
                var name = $"warnings, {(i == 0 ? "1st" : "2nd")} run";
                if (await TimeAsync(name,
                    async () =>
                    {
                        await using var db =
                        Open("warning-rules"); return await Warnings.EvaluateAsync(db, TimeProvider.System, district,
                        Month);
                    }) is not { } run) break;
                runs.Add(run);
                var r = run.Value;
                Console.WriteLine(
                    $"{name}  {Ms(run.Took)}   {run.Took / rawMonth,5:F1}× the one-month raw read   raised " +
                        $"{r.Raised:N0}, updated {r.Updated:N0}, resolved {r.Resolved:N0}, open {r.Open:N0}; " +
                        $"{run.Report.Statements:N0} statements");
            }
            var target = members < 100_000 ? 1 : members < 500_000 ? 5 : 30;
            if (runs.Count > 0)
            {
                // The run rates every member of the month (the stars a board would propose) and fires the warnings from
                // the same facts.
                var (total, stars) = (runs[0].Took, runs[0].Value.Stars);
                Console.WriteLine(
                    $"stars + warnings   {Ms(total)}   the 1st run: {stars.Red + stars.Yellow + stars.Blue:N0} " +
                        $"members rated ({stars.Red:N0} red, {stars.Yellow:N0} yellow, {stars.Blue:N0} blue) and " +
                        $"their warnings written; "
                    + $"target < {target} s: {(total.TotalSeconds < target ? "met" : "MISSED")}");
            }
            else Console.WriteLine($"stars + warnings   FAILED            target < {target} s: MISSED");

            Console.WriteLine("where the time goes");
            if (month is not null) Print("facts, one month", month.Took, month.Report);
            if (history is not null) Print($"facts, {span} months", history.Took, history.Report);
            for (var i = 0; i < runs.Count; i++) Print($"warnings, {(i == 0 ? "1st" : "2nd")} run", runs[i].Took,
                runs[i].Report);
        }

        sealed record Timed<T>(T Value, TimeSpan Took, Probe.Report Report);

        /// <summary>Runs a phase on a clean heap with the probe listening; a failure of the production code is printed,
        /// not thrown.</summary>
        async Task<Timed<T>?> TimeAsync<T>(string name, Func<Task<T>> run)
        {
            Collect();
            probe.Start();
            var clock = Stopwatch.StartNew();
            try
            {
                var value = await run();
                var took = clock.Elapsed;
                return new(value, took, probe.Stop());
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                probe.Stop();
                var where = e.StackTrace?.Split('\n').Select(l => l.Trim())
                    .FirstOrDefault(l => l.Contains("Yihao.Web", StringComparison.Ordinal));
                Console.WriteLine(
                    $"{name,-18} FAILED after {clock.Elapsed.TotalMilliseconds:N0} ms: {e.GetType().Name}: " +
                        $"{e.Message} {where}");
                return null;
            }
        }

        static void Print(string what, TimeSpan total, Probe.Report report)
        {
            // Reads side by side overlap: the time inside commands is the wall time some command was running, their sum
            // said apart.
            var (inDb, reach) = (0.0, TimeSpan.Zero);
            foreach (var c in report.Commands.OrderBy(c => c.At))
            {
                var (begins, ends) = (c.At > reach ? c.At : reach, c.At + c.Took);
                if (ends > begins) inDb += (ends - begins).TotalMilliseconds;
                if (ends > reach) reach = ends;
            }
            var summed = report.Commands.Sum(c => c.Took.TotalMilliseconds);
            Console.WriteLine(
                $"  {what}: {total.TotalMilliseconds:N0} ms, of which {inDb:N0} ms in {report.Commands.Count:N0} " +
                    $"database commands (until their reader was done"
                + (summed > inDb + 1 ? $"; {summed:N0} ms summed, side by side" : "")
                    + $") and {total.TotalMilliseconds - inDb:N0} ms outside them"
                + (report.Saves.Count > 0
                    ? $"; SaveChanges {report.Saves.Sum(s => s.TotalMilliseconds):N0} ms in {report.Saves.Count} passes"
                    : "")
                + $"; {report.Allocated / 1048576.0:N0} MB allocated, {report.GcPause.TotalMilliseconds:N0} ms in GC " +
                    $"pauses");
            Console.WriteLine("          ms = (driver until 1st row + reading)  commands        rows  what");
            foreach (var g in report.Commands.GroupBy(c => c.Label).OrderByDescending(g => g.Sum(c => c.Took.Ticks))
                .Take(8))
                Console.WriteLine(
                    $"    {g.Sum(c => c.Took.TotalMilliseconds),8:N0} = " +
                        $"({g.Sum(c => c.Execute.TotalMilliseconds),15:N0} + " +
                        $"{g.Sum(c => (c.Took - c.Execute).TotalMilliseconds),7:N0})  {g.Count(),8:N0}  " +
                        $"{g.Sum(c => c.Rows),10:N0}  {g.Key}");
            // Time outside the commands, by where it falls: before a command, the client was building it or working on
            // what came before.
            var gaps = new List<string>();
            var end = TimeSpan.Zero;
            foreach (var c in report.Commands.OrderBy(c => c.At))
            {
                if (c.At - end > TimeSpan.FromMilliseconds(50)) gaps.Add(
                    $"{(c.At - end).TotalMilliseconds:N0} ms before {c.Label.Split(" (")[0]}");
                if (c.At + c.Took > end) end = c.At + c.Took;
            }
            if (total - end > TimeSpan.FromMilliseconds(50)) gaps.Add(
                $"{(total - end).TotalMilliseconds:N0} ms after the last command");
            if (gaps.Count > 0) Console.WriteLine($"    outside, over 50 ms at a time: {string.Join("; ", gaps)}");
        }

        /// <summary>The loop of <see cref="Warnings.EvaluateAsync"/> before it writes, with the same public
        /// rules.</summary>
        static int Rules(StarPolicy policy, Dictionary<(int Branch, DateOnly Month), BranchFacts> facts, DateOnly month)
        {
            var fired = 0;
            foreach (var branchFacts in facts.Where(f => f.Key.Month == month))
            {
                fired += StarRules.BranchWarnings(policy, branchFacts.Value.Branch).Count;
                var months = new Dictionary<int, List<(MemberMonth, StarColor)>>();
                for (var m = month.AddMonths(1 - policy.HistoryMonths); m <= month; m = m.AddMonths(1))
                {
                    if (!facts[(branchFacts.Key.Branch, m)].Recorded && m != month) continue;
                    foreach (var mm in facts[(branchFacts.Key.Branch, m)].Members)
                    {
                        if (!months.TryGetValue(mm.MemberId, out var list)) months[mm.MemberId] = list = [];
                        list.Add((mm, StarRules.Rate(policy, mm).Star));
                    }
                }
                foreach (var current in branchFacts.Value.Members)
                    fired += StarRules.MemberWarnings(policy, months[current.MemberId]).Count;
            }
            return fired;
        }

        async Task<long> CountAsync()
        {
            await using var c = shared.Connect();
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM attendances";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The rows and columns StarFacts reads for the months, each value fetched once by a plain reader: the
        /// floor for any loader.</summary>
        Task<RawRead> RawReadAsync(int district, DateOnly from, DateOnly to)
        {
            const string closedDays =
                "JOIN activity_days d ON d.id = x.activity_day_id WHERE x.district_id = @d AND d.district_id = @d " +
                    "AND d.month >= @from AND d.month <= @to AND d.state = 'Closed'";
            string[] queries =
            [
                "SELECT id FROM orgs WHERE district_id = @d AND kind IN ('Branch', 'TemporaryBranch') AND closed_on " +
                    "IS NULL",
                "SELECT id, org_id, month, state, late, starts_at FROM activity_days WHERE district_id = @d AND " +
                    "month >= @from AND month <= @to",
                "SELECT x.activity_day_id, x.member_id, x.status FROM attendances x " + closedDays,
                "SELECT x.activity_day_id, x.member_id, x.due_on, x.done_on FROM make_ups x " + closedDays,
                "SELECT x.activity_day_id, x.member_id FROM study_notes x " + closedDays,
                "SELECT member_id, month, dues_paid, service FROM member_months WHERE district_id = @d AND month >= " +
                    "@from AND month <= @to",
                "SELECT id, org_id, joined_on FROM members WHERE district_id = @d",
            ];
            return shared.RawReadAsync(queries, ("@d", district), ("@from", from), ("@to", to));
        }
    }

    /// <summary>Records every database command (with the time until its reader was disposed, rows read included) and
    /// every SaveChanges pass.</summary>
    sealed class Probe : DbCommandInterceptor, ISaveChangesInterceptor
    {
        /// <summary>
        /// A command: when EF handed it to the driver (since <see cref="Start"/>), the time until the driver returned
        /// (for SQLite: preparing the statement, binding its parameters and stepping to the first row), and the time
        /// until its reader was done (the rows read and materialized).
        /// </summary>
        public sealed record Command(string Label, string Table, TimeSpan At, TimeSpan Execute, TimeSpan Took,
            long Rows, int Statements);

        public sealed record Report(List<Command> Commands, List<TimeSpan> Saves)
        {
            public int Statements => Commands.Sum(c => c.Statements);

            /// <summary>What the collector cost meanwhile: its pauses, and the bytes allocated.</summary>
            public TimeSpan GcPause { get; set; }
            public long Allocated { get; set; }
        }

        Report? current;
        long saving, started, allocated;
        TimeSpan paused;
        readonly Dictionary<DbCommand, (long Executing, long Executed)> open = [];

        public void Start()
        {
            current = new([], []);
            (paused, allocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            started = Stopwatch.GetTimestamp();
        }

        public Report Stop()
        {
            var r = current!;
            (r.GcPause, r.Allocated) = (GC.GetTotalPauseDuration() - paused, GC.GetTotalAllocatedBytes() - allocated);
            current = null;
            return r;
        }

        void Executing(DbCommand command)
        {
            lock (open) open[command] = (Stopwatch.GetTimestamp(), 0);
        }

        void Executed(DbCommand command)
        {
            lock (open) if (open.TryGetValue(command, out var t)) open[command] =
                (t.Executing, Stopwatch.GetTimestamp());
        }

        void Done(DbCommand command, long rows)
        {
            var now = Stopwatch.GetTimestamp();
            (long Executing, long Executed) t;
            lock (open) if (!open.Remove(command, out t)) return;
            if (current is null) return;
            var (label, table, statements) = Label(command.CommandText);
            if (command.Parameters.Count > 100) label += $" ({command.Parameters.Count:N0} parameters, " +
                $"{command.CommandText.Length:N0} characters of SQL)";
            var executed = t.Executed == 0 ? now : t.Executed;
            lock (current) current.Commands.Add(
                new(label, table, Stopwatch.GetElapsedTime(started, t.Executing),
                Stopwatch.GetElapsedTime(t.Executing, executed), Stopwatch.GetElapsedTime(t.Executing, now), rows,
                    statements));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Executing(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command,
            CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Executed(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command,
            DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Done(command, eventData.ReadCount);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Executing(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            int result, CancellationToken cancellationToken = default)
        {
            Done(command, result);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            Executing(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            object? result, CancellationToken cancellationToken = default)
        {
            Done(command, 1);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            saving = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            current?.Saves.Add(Stopwatch.GetElapsedTime(saving));
            return ValueTask.FromResult(result);
        }

        /// <summary>"SELECT … FROM attendances", "INSERT warnings", with the number of statements in a batch.</summary>
        static (string Label, string Table, int Statements) Label(string sql)
        {
            var writes = Regex.Matches(sql, @"\b(INSERT INTO|UPDATE|DELETE FROM)\s+""?(\w+)", RegexOptions.IgnoreCase);
            if (writes.Count > 0)
            {
                var kinds =
                    writes.Select(m => $"{m.Groups[1].Value.Split(' ')[0].ToUpperInvariant()} {m.Groups[2].Value}")
                    .Distinct().ToList();
                return (string.Join(" + ", kinds) + (writes.Count > 1 ? $" (batches of up to {writes.Count})" : ""),
                    writes[0].Groups[2].Value, writes.Count);
            }
            var text = Regex.Replace(sql, @"\s+", " ").Trim();
            var from = Regex.Match(text, @"\bFROM\s+""?(\w+)""?", RegexOptions.IgnoreCase);
            if (!from.Success) return (text[..Math.Min(60, text.Length)], "-", 1);
            var list = text.Contains(" IN (", StringComparison.Ordinal)
                || text.Contains("json_each", StringComparison.Ordinal)
                || text.Contains("= ANY", StringComparison.Ordinal);
            return ($"SELECT … FROM {from.Groups[1].Value}" + (list ? " (with a list of ids)" : ""),
                from.Groups[1].Value, 1);
        }
    }

    /// <summary>The best of two runs, or the one run when it took over a second (large sizes: a second run would only
    /// add minutes).</summary>
    static async Task<(T Value, TimeSpan Took)> BestAsync<T>(int times, Func<Task<T>> run)
    {
        (T Value, TimeSpan Took) best = default;
        for (var i = 0; i < times && (i == 0 || best.Took < TimeSpan.FromSeconds(1)); i++)
        {
            Collect();
            var clock = Stopwatch.StartNew();
            var value = await run();
            clock.Stop();
            if (i == 0 || clock.Elapsed < best.Took) best = (value, clock.Elapsed);
        }
        return best;
    }

    static string Ms(TimeSpan t) => BenchDistrict.Ms(t, decimals: 0);
}
