using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// Group commit for check-ins. At the start of a meeting a whole branch scans within seconds and, across the district,
/// thousands at once; one transaction per scan would queue them all behind the database's single commit. Scans that
/// arrive together are written together: one transaction, one audit entry for the batch's new rows of a district (and
/// one for each change a liaison leader's check-in makes), then each scan is acknowledged — never before its row is
/// committed.
/// </summary>
public sealed class CheckInWriter(IServiceScopeFactory scopes, TimeProvider clock, BranchChanges changes,
    ILogger<CheckInWriter> log) : BackgroundService
{
    const int MaxBatch = 500;
    const int GatherTurns = 3;
    const string Stopped = "The check-in writer has stopped.";

    /// <summary>What waits in the queue: a member's check-in or a liaison leader's, each answered once it is
    /// committed.</summary>
    abstract record Queued(ActivityDay Day)
    {
        public abstract bool Answered { get; }

        public abstract void Fail(Exception e);
    }

    sealed record Pending(ActivityDay Day, int MemberId, AttendanceStatus Status, CheckInMethod Method, string? Reason,
        string? By, DateTime At, string? Device, TaskCompletionSource<Attendance> Done) : Queued(Day)
    {
        public override bool Answered => Done.Task.IsCompleted;

        public override void Fail(Exception e) => Done.TrySetException(e);
    }

    /// <summary>A liaison leader's check-in: the day records who came and when, and the six musts that the liaison
    /// leader was present.</summary>
    sealed record LiaisonPending(ActivityDay Day, string By, DateTime At,
        TaskCompletionSource<(DateTime At, string By)> Done) : Queued(Day)
    {
        public override bool Answered => Done.Task.IsCompleted;

        public override void Fail(Exception e) => Done.TrySetException(e);
    }

    /// <summary>Not declared single-reader: that channel cannot count what waits in it, which <see cref="GatherAsync"/>
    /// asks.</summary>
    readonly Channel<Queued> queue = Channel.CreateUnbounded<Queued>();

    /// <summary>SQLite's copies of the log into the database file, off the writer's path.</summary>
    readonly SqliteCheckpoints checkpoints = new(scopes, log);

    /// <summary>Batches taken from the queue since start, and the scans in them (the bench prints their average
    /// size).</summary>
    internal Counts Taken => Volatile.Read(ref taken);

    internal sealed record Counts(long Batches, long Scans);

    /// <summary>Written by the writer's loop alone, both counts at once.</summary>
    Counts taken = new(0, 0);

    /// <summary>Completes when a copy of SQLite's log that starts after this call has ended.</summary>
    internal Task NextLogCopyAsync() => checkpoints.NextCopyAsync();

    /// <summary>Queues one check-in and waits until it is committed (or was already there). The device is the
    /// scanning browser's anonymous key (<see cref="CheckIn.DeviceKey"/>), if any.</summary>
    public Task<Attendance> WriteAsync(ActivityDay day, int memberId, AttendanceStatus status, CheckInMethod method,
        string? reason, string? by, DateTime at, CancellationToken ct, string? device = null)
    {
        var done = new TaskCompletionSource<Attendance>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Pending(day, memberId, status, method, reason, by, at, device, done)))
            done.SetException(new InvalidOperationException(Stopped));
        return done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Queues a liaison leader's check-in and waits until it is committed; answers when and by whom the day was first
    /// checked into. It goes with the members' scans: it comes in the same minutes, and as a save of its own it held
    /// the audit chain's lock over several round trips, each waiting its turn on a busy machine, while the scans' group
    /// commit waited for the lock. The log's entries name the writer ("check-in") as their actor, as the members' do;
    /// the day's row names the leader.
    /// </summary>
    public Task<(DateTime At, string By)> LiaisonAsync(ActivityDay day, string by, DateTime at, CancellationToken ct)
    {
        var done = new TaskCompletionSource<(DateTime, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new LiaisonPending(day, by, at, done)))
            done.SetException(new InvalidOperationException(Stopped));
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Queued>(MaxBatch);
        try
        {
            await WriteAllAsync(batch, stoppingToken);
        }
        finally
        {
            // Stopping: no scan waits for an answer that will not come (a scan waits without a token of its own).
            queue.Writer.TryComplete();
            var stopping = new InvalidOperationException(Stopped);
            foreach (var p in batch) p.Fail(stopping);
            while (queue.Reader.TryRead(out var p)) p.Fail(stopping);
        }
    }

    async Task WriteAllAsync(List<Queued> batch, CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            await GatherAsync();
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var p)) batch.Add(p);
            Volatile.Write(ref taken, new(taken.Batches + 1, taken.Scans + batch.Count));
            try
            {
                await WriteBatchAsync(batch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) // only stopping ends the writer
            {
                // One bad row must not fail its neighbours: write them one by one, each with its own answer.
                log.LogWarning(e, "A batch of {Count} check-ins failed; writing them one at a time", batch.Count);
                foreach (var p in batch.Where(p => !p.Answered))
                {
                    try { await WriteBatchAsync([p], stoppingToken); }
                    catch (Exception single) when (!stoppingToken.IsCancellationRequested) { p.Fail(single); }
                }
            }
        }
    }

    /// <summary>
    /// Lets the scans already on their way reach the queue before a batch is taken: the thread pool runs the work
    /// queued before the writer's turn comes again, and while scans keep arriving it waits a turn more, a few at most.
    /// On a busy morning batches came out of nine rows, each paying a transaction's fixed costs (and on SQLite
    /// rewriting the same pages) for few scans; when nothing else is waiting a turn costs microseconds.
    /// </summary>
    async Task GatherAsync()
    {
        for (int turn = 0, seen = queue.Reader.Count; turn < GatherTurns && seen < MaxBatch; turn++)
        {
            await Task.Yield();
            if (queue.Reader.Count == seen) return;
            seen = queue.Reader.Count;
        }
    }

    /// <summary>
    /// The batch's two statements, prepared on the writer's connection once and reused until it is dropped. On
    /// PostgreSQL the attendance's member and day are looked up in the insert itself, under the references' lock that
    /// the writer takes with the chain's: a row whose member or day is gone is left out (and its scan answered with an
    /// error), and the references' triggers, which would look them up again in a function call of their own, stand
    /// aside for the writer's transaction.
    /// </summary>
    readonly PreparedInsert attendances = new("attendances",
        [("district_id", "integer"), ("activity_day_id", "integer"), ("member_id", "integer"), ("status", "text"),
            ("method", "text"), ("reason", "text"), ("at", "timestamptz"), ("recorded_by", "text"),
            ("device", "text")],
        "ON CONFLICT (activity_day_id, member_id) DO NOTHING RETURNING id, activity_day_id, member_id",
        "WHERE EXISTS (SELECT 1 FROM members m WHERE m.id = v.member_id) AND EXISTS (SELECT 1 FROM activity_days d " +
            "WHERE d.id = v.activity_day_id)");

    readonly PreparedInsert audit =
        new("audit_entries",
        [.. Auditing.Columns.Select(c =>
            (c, c is "district_id" or "user_id" ? "integer" : c == "at" ? "timestamptz" : "text"))], "");

    static readonly AuditActor Actor = new() { UserName = AuditActor.CheckIn };

    /// <summary>The writer's own connection, opened once: a batch costs its statements, not a context and a pool
    /// round.</summary>
    AsyncServiceScope? connectionScope;
    DbConnection? connection;

    async Task<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        if (connection is { State: ConnectionState.Open }) return connection;
        await DropConnectionAsync();
        connectionScope = scopes.CreateAsyncScope();
        var db = connectionScope.Value.ServiceProvider.GetRequiredService<YihaoDb>();
        connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await db.PlanOnceAsync(ct);
        if (connection is not NpgsqlConnection) await SqliteCheckpoints.HandOverAsync(connection, ct);
        return connection;
    }

    async Task DropConnectionAsync()
    {
        await attendances.DisposeAsync();
        await audit.DisposeAsync();
        foreach (var cmd in sqliteStatements.Values) await cmd.DisposeAsync();
        sqliteStatements.Clear();
        if (connection is not null and not NpgsqlConnection) SqliteCheckpoints.TakeBack(connection);
        if (connectionScope is { } scope) await scope.DisposeAsync();
        (connectionScope, connection) = (null, null);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DropConnectionAsync();
        await checkpoints.DisposeAsync();
    }

    /// <summary>
    /// One transaction on plain SQL: the batch's new rows in one statement (a member already checked in is skipped by
    /// the unique key, so a repeat or a race adds nothing), the liaison leaders' check-ins (<see
    /// cref="LiaisonWrites"/>), their audit entries chained under the chain's lock, then every scan is answered with
    /// its row.
    /// </summary>
    async Task WriteBatchAsync(List<Queued> all, CancellationToken ct)
    {
        var batch = all.OfType<Pending>().ToList();
        var liaisons = new LiaisonWrites([.. all.OfType<LiaisonPending>()], ct);
        var rows = new Dictionary<(int Day, int Member), Attendance>();
        try
        {
            var connection = await ConnectionAsync(ct);
            var fresh = batch.DistinctBy(p => (p.Day.Id, p.MemberId)).ToList();
            var values =
                fresh.Select(p =>
                new object?[] { p.Day.DistrictId, p.Day.Id, p.MemberId, p.Status.ToString(), p.Method.ToString(),
                    p.Reason, p.At, p.By, p.Device }).ToList();
            var byKey = fresh.ToDictionary(p => (p.Day.Id, p.MemberId));
            List<AuditEntry> Audit(List<(int Id, int Day, int Member)> ids, string? head)
            {
                foreach (var (id, dayId, memberId) in ids)
                {
                    var p = byKey[(dayId, memberId)];
                    rows[(dayId, memberId)] =
                        new Attendance
                        {
                            Id = id,
                            DistrictId = p.Day.DistrictId,
                            ActivityDayId = dayId,
                            MemberId = memberId,
                            Status = p.Status,
                            Method = p.Method,
                            Reason = p.Reason,
                            RecordedBy = p.By,
                            At = p.At,
                            Device = p.Device,
                        };
                }
                var created = rows.Values.GroupBy(a => a.DistrictId)
                    .Select(d => Auditing.Created(d.Key, [.. d.OrderBy(a => a.Id)], a => a.Id));
                return Auditing.Chain(head ?? AuditEntry.Genesis, clock.GetUtcNow().UtcDateTime, Actor,
                    created.Concat(liaisons.Audit()));
            }
            IEnumerable<(string, object?[])> Rollups(List<(int Id, int Day, int Member)> ids) =>
                RollupAdds(ids.Select(i => byKey[(i.Day, i.Member)]));
            var writes = new BatchWrites(liaisons, Audit, Rollups);
            if (connection is NpgsqlConnection npgsql)
                foreach (var a in await WritePostgresAsync(npgsql, values, writes, ct))
                    rows.TryAdd((a.ActivityDayId, a.MemberId), a);
            else
            {
                await WriteSqliteAsync(connection, values, writes, ct);
                checkpoints.Committed();
                var repeats = batch.Where(p => !rows.ContainsKey((p.Day.Id, p.MemberId))).ToList();
                if (repeats.Count > 0)
                    foreach (var a in await ExistingAsync(connection, repeats, ct)) rows.TryAdd(
                        (a.ActivityDayId, a.MemberId), a);
            }
        }
        catch
        {
            await DropConnectionAsync(); // a broken connection is not reused; the next batch opens a fresh one
            throw;
        }
        foreach (var p in batch)
            if (rows.TryGetValue((p.Day.Id, p.MemberId), out var row)) p.Done.TrySetResult(row);
            else p.Fail(new InvalidOperationException("The member or the activity day is gone."));
        liaisons.Answer();
        foreach (var branch in all.Select(p => p.Day.OrgId).Distinct()) changes.Changed(branch);
    }

    /// <summary>
    /// The liaison leaders' check-ins of a batch, in its transaction under the chain's lock: per day, its six musts as
    /// they were, the day marked (only if nobody has checked in yet: a second scan or a second leader changes nothing),
    /// and the day as it is then, which answers every request for it. The marked days' six musts record the liaison
    /// leader present, and both changes are logged as the tracked path would log them.
    /// </summary>
    sealed class LiaisonWrites(List<LiaisonPending> all, CancellationToken ct)
    {
        const string MustsBefore =
            "SELECT liaison_leader_present, updated_at FROM six_musts WHERE activity_day_id = $1";
        const string Mark =
            "UPDATE activity_days SET liaison_checked_in_at = $2, liaison_checked_in_by = $3 WHERE id = $1 AND " +
                "liaison_checked_in_at IS NULL RETURNING id";
        const string Now = "SELECT liaison_checked_in_at, liaison_checked_in_by FROM activity_days WHERE id = $1";
        const string Present =
            "INSERT INTO six_musts (activity_day_id, district_id, badges_worn, theory_study_held, dues_collected, " +
                "liaison_leader_present, stars_posted, oath_renewed, updated_at) " +
                               "VALUES ($1, $2, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, $3) ON CONFLICT " +
                                   "(activity_day_id) DO UPDATE SET liaison_leader_present = TRUE, updated_at = " +
                                   "excluded.updated_at";

        /// <summary>One per day: a second leader's or a second tap's check-in is answered with the first's.</summary>
        readonly List<LiaisonPending> days = [.. all.DistinctBy(l => l.Day.Id)];
        readonly Dictionary<int, (bool Present, DateTime UpdatedAt)> before = [];
        readonly HashSet<int> marked = [];
        readonly Dictionary<int, (DateTime At, string By)> now = [];

        /// <summary>Each statement with its arguments and what is read from its rows, in order.</summary>
        public IEnumerable<(string Sql, object?[] Args, Func<DbDataReader, Task> Read)> Reads() =>
            days.SelectMany(l => new (string, object?[], Func<DbDataReader, Task>)[]
        {
            (MustsBefore, [l.Day.Id],
                async r => { if (await r.ReadAsync(ct)) before[l.Day.Id] = (r.GetBoolean(0), Utc(r.GetDateTime(1))); }),
            (Mark, [l.Day.Id, l.At, l.By], async r => { if (await r.ReadAsync(ct)) marked.Add(l.Day.Id); }),
            (Now, [l.Day.Id],
                async r => { if (await r.ReadAsync(ct)) now[l.Day.Id] = (Utc(r.GetDateTime(0)), r.GetString(1)); }),
        });

        public IEnumerable<(string Sql, object?[] Args)> Writes() =>
            Marked.Select(l => (Present, new object?[] { l.Day.Id, l.Day.DistrictId, l.At }));

        IEnumerable<LiaisonPending> Marked => days.Where(l => marked.Contains(l.Day.Id));

        public IEnumerable<Auditing.Written> Audit() => Marked.SelectMany(l =>
        {
            var id = l.Day.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var day =
                Auditing.Updated<ActivityDay>(l.Day.DistrictId, id, ("Id", l.Day.Id, l.Day.Id),
                (nameof(ActivityDay.LiaisonCheckedInAt), null, l.At),
                    (nameof(ActivityDay.LiaisonCheckedInBy), null, l.By));
            var musts = before.TryGetValue(l.Day.Id, out var was)
                ? Auditing.Updated<SixMusts>(l.Day.DistrictId, id,
                    [.. new (string, object?, object?)[] { (nameof(SixMusts.LiaisonLeaderPresent), was.Present, true),
                    (nameof(SixMusts.UpdatedAt), was.UpdatedAt, l.At) }.Where(f => !Equals(f.Item2, f.Item3))])
                : Auditing.Created(l.Day.DistrictId, l.Day.Id,
                    new SixMusts
                    {
                        ActivityDayId = l.Day.Id,
                        DistrictId = l.Day.DistrictId,
                        LiaisonLeaderPresent = true,
                        UpdatedAt = l.At
                    });
            return new[] { day, musts };
        });

        public void Answer()
        {
            foreach (var l in all)
                if (now.TryGetValue(l.Day.Id, out var at)) l.Done.TrySetResult(at);
                else l.Done.TrySetException(new InvalidOperationException("The activity day is gone."));
        }

        static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }

    /// <summary>
    /// Whatever the database's default: the insert's look at the member and the day sees a delete that committed while
    /// the writer waited for the references' lock only with a snapshot taken after it (an older one would keep the
    /// member).
    /// </summary>
    const string ReadCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED";

    /// <summary>What a batch writes besides its rows: the liaison leaders' check-ins, the audit entries of the rows it
    /// inserted, and the rollups' attendance counts of those rows.</summary>
    sealed record BatchWrites(LiaisonWrites Liaisons, Func<List<(int, int, int)>, string?, List<AuditEntry>> Audit,
        Func<List<(int Id, int Day, int Member)>, IEnumerable<(string Sql, object?[] Args)>> Rollups);

    /// <summary>
    /// The new rows' counts added to their branch's month in the batch's transaction, one statement per branch, month
    /// and status (a morning's batch holds a few branches): the dashboards read the rollups, never the rows
    /// (Features/Dashboard/Rollups, whose check recomputes them from the rows).
    /// </summary>
    static IEnumerable<(string Sql, object?[] Args)> RollupAdds(IEnumerable<Pending> inserted) =>
        inserted.GroupBy(p => (p.Day.DistrictId, p.Day.OrgId, p.Day.Month, p.Status))
            .Select(g => (RollupAdd[g.Key.Status],
                new object?[] { g.Key.DistrictId, g.Key.OrgId, g.Key.Month, g.Count() }));

    static readonly Dictionary<AttendanceStatus, string> RollupAdd = Enum.GetValues<AttendanceStatus>()
        .ToDictionary(s => s, s =>
        {
            var column = MonthRollup.ColumnOf(s);
            var values = string.Join(", ", MonthRollup.CountNames.Select(c => c == column ? "$4" : "0"));
            var columns = string.Join(", ", MonthRollup.CountNames);
            return $"INSERT INTO month_rollups (district_id, org_id, month, {columns}) "
                   + $"VALUES ($1, $2, $3, {values}) ON CONFLICT (district_id, org_id, month) "
                   + $"DO UPDATE SET {column} = month_rollups.{column} + excluded.{column}";
        });

    static (int Id, int Day, int Member) Inserted(DbDataReader r) => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));

    /// <summary>
    /// Two round trips however large the batch: the locks (the chain's first, as every audited write takes it: a
    /// closing that writes the same rows waits there, not in a deadlock), the rows and the chain's head in one; the
    /// rows of the scans that found their member already checked in, the audit entries and the commit in the other.
    /// When the machine is busy a round trip waits for a core, and five of them were most of a batch's time. The
    /// transaction is the server's own (BEGIN ... COMMIT in the batches); a failure drops the connection, which rolls
    /// it back. Returns the rows the repeats found.
    /// </summary>
    async Task<List<Attendance>> WritePostgresAsync(NpgsqlConnection connection, List<object?[]> values,
        BatchWrites writes, CancellationToken ct)
    {
        var (liaisons, audit, rollups) = writes;
        var ids = new List<(int Id, int Day, int Member)>();
        string? head;
        var reads = liaisons.Reads().ToList();
        await using (var first =
            new NpgsqlBatch(connection)
            {
                BatchCommands =
            { new(ReadCommitted), new(PostgresYihaoDb.CheckInWriterBegins), attendances.Postgres(values),
                new(YihaoDb.AuditHead) }
            })
        {
            foreach (var (sql, args, _) in reads) first.BatchCommands.Add(Command(sql, args));
            await first.PrepareAsync(ct); // parsed and planned once per connection; later batches only bind and execute
            await using var r = await first.ExecuteReaderAsync(ct);
            await r.NextResultAsync(ct); // past the locks
            while (await r.ReadAsync(ct)) ids.Add(Inserted(r));
            await r.NextResultAsync(ct);
            head = await r.ReadAsync(ct) ? r.GetString(0) : null;
            foreach (var (_, _, read) in reads)
            {
                await r.NextResultAsync(ct);
                await read(r);
            }
        }
        var inserted = ids.Select(i => (i.Day, i.Member)).ToHashSet();
        var repeats = values.Select(v => ((int)v[1]!, (int)v[2]!)).Where(k => !inserted.Contains(k)).ToList();
        await using var second = new NpgsqlBatch(connection);
        if (repeats.Count > 0)
            second.BatchCommands.Add(new(Existing)
            {
                Parameters =
                    { new() { Value = repeats.Select(k => k.Item1).ToArray() },
                    new() { Value = repeats.Select(k => k.Item2).ToArray() } },
            });
        foreach (var (sql, args) in liaisons.Writes().Concat(rollups(ids)))
            second.BatchCommands.Add(Command(sql, args));
        if (audit(ids, head) is { Count: > 0 } entries) second.BatchCommands.Add(
            this.audit.Postgres([.. entries.Select(Auditing.Row)]));
        second.BatchCommands.Add(new("COMMIT"));
        await second.PrepareAsync(ct);
        var found = new List<Attendance>();
        await using (var r = await second.ExecuteReaderAsync(ct))
            if (repeats.Count > 0)
                while (await r.ReadAsync(ct)) found.Add(Row(r));
        return found;
    }

    /// <summary>
    /// The rows of the repeats, by their days and members paired in two arrays: one prepared statement for any number
    /// of them. Each pair is looked up by the unique key on its own (a lateral subquery with a limit is not turned into
    /// a join): the writer keeps its plans generic, and a semi-join planned while the table was small scanned all of it
    /// for every repeat thereafter (2.5 ms a batch in the bench's repeat phase). A plan made while the table was all
    /// but empty still scans it per pair, until autovacuum's analyze of the growing table has it planned again.
    /// </summary>
    const string Existing = "SELECT a.* FROM unnest($1::integer[], $2::integer[]) AS k(day, member) " +
                            "CROSS JOIN LATERAL (" + ReadBack
                                + "WHERE activity_day_id = k.day AND member_id = k.member LIMIT 1) AS a";

    static NpgsqlBatchCommand Command(string sql, object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    async Task WriteSqliteAsync(DbConnection connection, List<object?[]> values, BatchWrites writes,
        CancellationToken ct)
    {
        var (liaisons, audit, rollups) = writes;
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ids = await attendances.RunSqliteAsync(tx, values, Inserted, ct);
        foreach (var (sql, args, read) in liaisons.Reads())
        {
            await using var r = await SqliteStatement(tx, sql, args).ExecuteReaderAsync(ct);
            await read(r);
        }
        foreach (var (sql, args) in liaisons.Writes().Concat(rollups(ids)))
            await SqliteStatement(tx, sql, args).ExecuteNonQueryAsync(ct);
        if (audit(ids,
            await SqliteStatement(tx, YihaoDb.AuditHead, [])
            .ExecuteScalarAsync(ct) as string) is { Count: > 0 } entries)
            await this.audit.RunSqliteAsync(tx, [.. entries.Select(Auditing.Row)], _ => 0, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// SQLite's statements of a batch besides its inserts (the chain's head, the liaison leaders'), each prepared once
    /// on the writer's connection and kept until it is dropped: made anew, a morning's batch spent a tenth of its time
    /// parsing them.
    /// </summary>
    readonly Dictionary<string, DbCommand> sqliteStatements = [];

    DbCommand SqliteStatement(DbTransaction tx, string sql, object?[] args)
    {
        if (!sqliteStatements.TryGetValue(sql, out var cmd))
        {
            cmd = tx.Connection!.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = System.Text.RegularExpressions.Regex.Replace(sql, @"\$(\d+)", "@p$1");
            for (var i = 0; i < args.Length; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = $"@p{i + 1}";
                cmd.Parameters.Add(p);
            }
            cmd.Prepare();
            sqliteStatements[sql] = cmd;
        }
        cmd.Transaction = tx;
        for (var i = 0; i < args.Length; i++) cmd.Parameters[i].Value = BulkCopy.Sqlite(args[i]);
        return cmd;
    }

    /// <summary>The rows of scans that found their member already checked in (SQLite; PostgreSQL reads them in the
    /// batch's second round trip).</summary>
    static async Task<List<Attendance>> ExistingAsync(DbConnection connection, List<Pending> repeats,
        CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        string In(IEnumerable<int> ids, string prefix) => string.Join(", ", ids.Distinct().Select((id, i) =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@{prefix}{i}";
            p.Value = id;
            cmd.Parameters.Add(p);
            return p.ParameterName;
        }));
        cmd.CommandText = ReadBack +
                          $"WHERE activity_day_id IN ({In(repeats.Select(p => p.Day.Id), "d")}) AND member_id IN " +
                              $"({In(repeats.Select(p => p.MemberId), "m")})";
        var found = new List<Attendance>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found.Add(Row(r));
        return found;
    }

    /// <summary>The columns <see cref="Row"/> reads, in its order.</summary>
    const string ReadBack =
        "SELECT id, district_id, activity_day_id, member_id, status, method, reason, at, recorded_by, device "
        + "FROM attendances ";

    static Attendance Row(DbDataReader r) => new()
    {
        Id = r.GetInt32(0),
        DistrictId = r.GetInt32(1),
        ActivityDayId = r.GetInt32(2),
        MemberId = r.GetInt32(3),
        Status = Enum.Parse<AttendanceStatus>(r.GetString(4)),
        Method = Enum.Parse<CheckInMethod>(r.GetString(5)),
        Reason = r.IsDBNull(6) ? null : r.GetString(6),
        At = DateTime.SpecifyKind(r.GetDateTime(7), DateTimeKind.Utc),
        RecordedBy = r.IsDBNull(8) ? null : r.GetString(8),
        Device = r.IsDBNull(9) ? null : r.GetString(9),
    };
}
