using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// Group commit for check-ins. At the start of a meeting a whole branch scans within seconds and, across the district, thousands
/// at once; one transaction per scan would queue them all behind the database's single commit. Scans that arrive together are
/// written together: one transaction, one audit chain extension, then each scan is acknowledged — never before its row is committed.
/// </summary>
public sealed class CheckInWriter(IServiceScopeFactory scopes, TimeProvider clock, BranchChanges changes, ILogger<CheckInWriter> log) : BackgroundService
{
    const int MaxBatch = 500;
    const string Stopped = "The check-in writer has stopped.";

    sealed record Pending(ActivityDay Day, int MemberId, AttendanceStatus Status, CheckInMethod Method, string? Reason, string? By, DateTime At, TaskCompletionSource<Attendance> Done);

    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// What a scan needs to know about its meeting. During a burst every scan of a branch asks the same, so it is held until a
    /// save changes a day, a member, a transfer or a node (<see cref="BranchChanges.Rosters"/>), and at most a minute, for
    /// writes that bypass the change tracker. A scan that slips in after a closing finds the closing's row and changes nothing.
    /// </summary>
    public sealed record DayFacts(ActivityDay Day, HashSet<int> Expected);

    /// <summary>A load of a day's facts and the <see cref="BranchChanges.Rosters"/> it started under (a day not found is held too).</summary>
    sealed record Held(long Rosters, Task<DayFacts?> Facts);

    readonly MemoryCache facts = new(new MemoryCacheOptions { SizeLimit = 5000 });

    /// <summary>The day and who is expected at it; a branch's scans share one load instead of each making its own.</summary>
    public Task<DayFacts?> FactsAsync(int dayId)
    {
        var rosters = changes.Rosters;
        var held = facts.Get<Held>(dayId);
        if (held is null || held.Rosters != rosters || held.Facts.IsFaulted || held.Facts.IsCanceled) // a failed load is not remembered
        {
            held = new Held(rosters, LoadFactsAsync(dayId));
            facts.Set(dayId, held, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        }
        return held.Facts;
    }

    async Task<DayFacts?> LoadFactsAsync(int dayId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        var day = await db.ActivityDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId);
        if (day is null) return null;
        return new DayFacts(day, await Expected.IdsAsync(db, day.OrgId, Expected.DateOf(day), CancellationToken.None));
    }

    public override void Dispose()
    {
        facts.Dispose();
        base.Dispose();
    }

    /// <summary>Queues one check-in and waits until it is committed (or was already there).</summary>
    public Task<Attendance> WriteAsync(ActivityDay day, int memberId, AttendanceStatus status, CheckInMethod method, string? reason, string? by, DateTime at, CancellationToken ct)
    {
        var done = new TaskCompletionSource<Attendance>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Pending(day, memberId, status, method, reason, by, at, done)))
            done.SetException(new InvalidOperationException(Stopped));
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            await WriteAllAsync(batch, stoppingToken);
        }
        finally
        {
            // Stopping: no scan waits for an answer that will not come (a scan waits without a token of its own).
            queue.Writer.TryComplete();
            var stopping = new InvalidOperationException(Stopped);
            foreach (var p in batch) p.Done.TrySetException(stopping);
            while (queue.Reader.TryRead(out var p)) p.Done.TrySetException(stopping);
        }
    }

    async Task WriteAllAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await WriteBatchAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad row must not fail its neighbours: write them one by one, each with its own answer.
                log.LogWarning(e, "A batch of {Count} check-ins failed; writing them one at a time", batch.Count);
                foreach (var p in batch.Where(p => !p.Done.Task.IsCompleted))
                {
                    try { await WriteBatchAsync([p], stoppingToken); }
                    catch (Exception single) when (single is not OperationCanceledException) { p.Done.TrySetException(single); }
                }
            }
        }
    }

    /// <summary>The batch's two statements, prepared on the writer's connection once and reused until it is dropped.</summary>
    readonly PreparedInsert attendances = new("attendances",
        [("district_id", "integer"), ("activity_day_id", "integer"), ("member_id", "integer"), ("status", "text"), ("method", "text"), ("reason", "text"), ("at", "timestamptz"), ("recorded_by", "text")],
        "ON CONFLICT (activity_day_id, member_id) DO NOTHING RETURNING id, activity_day_id, member_id");

    readonly PreparedInsert audit = new("audit_entries", [.. Auditing.Columns.Select(c => (c, c is "district_id" or "user_id" ? "integer" : c == "at" ? "timestamptz" : "text"))], "");

    static readonly AuditActor Actor = new() { UserName = "check-in" };

    /// <summary>The writer's own connection, opened once: a batch costs its statements, not a context and a pool round.</summary>
    AsyncServiceScope? connectionScope;
    DbConnection? connection;

    async Task<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        if (connection is { State: ConnectionState.Open }) return connection;
        await DropConnectionAsync();
        connectionScope = scopes.CreateAsyncScope();
        connection = connectionScope.Value.ServiceProvider.GetRequiredService<YihaoDb>().Database.GetDbConnection();
        await connection.OpenAsync(ct);
        if (connection is NpgsqlConnection npgsql)
        {
            // The batch's statements take arrays of any length: one plan fits them all, and planning each batch anew cost a
            // tenth of the server's time on them.
            await using var set = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", npgsql);
            await set.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    async Task DropConnectionAsync()
    {
        await attendances.DisposeAsync();
        await audit.DisposeAsync();
        if (connectionScope is { } scope) await scope.DisposeAsync();
        (connectionScope, connection) = (null, null);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DropConnectionAsync();
    }

    /// <summary>
    /// One transaction on plain SQL: the batch's new rows in one statement (a member already checked in is skipped by the unique
    /// key, so a repeat or a race adds nothing), their audit entries chained under the chain's lock, then every scan is answered
    /// with its row.
    /// </summary>
    async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        var rows = new Dictionary<(int Day, int Member), Attendance>();
        try
        {
            var connection = await ConnectionAsync(ct);
            var fresh = batch.DistinctBy(p => (p.Day.Id, p.MemberId)).ToList();
            var values = fresh.Select(p => new object?[] { p.Day.DistrictId, p.Day.Id, p.MemberId, p.Status.ToString(), p.Method.ToString(), p.Reason, p.At, p.By }).ToList();
            var byKey = fresh.ToDictionary(p => (p.Day.Id, p.MemberId));
            List<AuditEntry> Audit(List<(int Id, int Day, int Member)> ids, string? head)
            {
                foreach (var (id, dayId, memberId) in ids)
                {
                    var p = byKey[(dayId, memberId)];
                    rows[(dayId, memberId)] = new Attendance { Id = id, DistrictId = p.Day.DistrictId, ActivityDayId = dayId, MemberId = memberId, Status = p.Status, Method = p.Method, Reason = p.Reason, RecordedBy = p.By, At = p.At };
                }
                return Auditing.Chain(head ?? AuditEntry.Genesis, clock.GetUtcNow().UtcDateTime, Actor, rows.Values.Select(a => Auditing.Created(a.DistrictId, a.Id, a)));
            }
            if (connection is NpgsqlConnection npgsql)
                foreach (var a in await WritePostgresAsync(npgsql, values, Audit, ct)) rows.TryAdd((a.ActivityDayId, a.MemberId), a);
            else
            {
                await WriteSqliteAsync(connection, values, Audit, ct);
                var repeats = batch.Where(p => !rows.ContainsKey((p.Day.Id, p.MemberId))).ToList();
                if (repeats.Count > 0)
                    foreach (var a in await ExistingAsync(connection, repeats, ct)) rows.TryAdd((a.ActivityDayId, a.MemberId), a);
            }
        }
        catch
        {
            await DropConnectionAsync(); // a broken connection is not reused; the next batch opens a fresh one
            throw;
        }
        foreach (var p in batch) p.Done.TrySetResult(rows[(p.Day.Id, p.MemberId)]);
        foreach (var branch in batch.Select(p => p.Day.OrgId).Distinct()) changes.Changed(branch);
    }

    const string Head = "SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1";

    static (int Id, int Day, int Member) Inserted(DbDataReader r) => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));

    /// <summary>
    /// Two round trips however large the batch: the chain's lock (first, as every audited write takes it: a closing that writes
    /// the same rows waits there, not in a deadlock), the rows and the chain's head in one; the rows of the scans that found their
    /// member already checked in, the audit entries and the commit in the other. When the machine is busy a round trip waits for
    /// a core, and five of them were most of a batch's time. The transaction is the server's own (BEGIN ... COMMIT in the
    /// batches); a failure drops the connection, which rolls it back. Returns the rows the repeats found.
    /// </summary>
    async Task<List<Attendance>> WritePostgresAsync(NpgsqlConnection connection, List<object?[]> values, Func<List<(int, int, int)>, string?, List<AuditEntry>> audit, CancellationToken ct)
    {
        var ids = new List<(int Id, int Day, int Member)>();
        string? head;
        await using (var first = new NpgsqlBatch(connection) { BatchCommands = { new("BEGIN"), new(PostgresYihaoDb.AuditChainLock), attendances.Postgres(values), new(Head) } })
        {
            await first.PrepareAsync(ct); // parsed and planned once per connection; later batches only bind and execute
            await using var r = await first.ExecuteReaderAsync(ct);
            await r.NextResultAsync(ct); // past the lock
            while (await r.ReadAsync(ct)) ids.Add(Inserted(r));
            await r.NextResultAsync(ct);
            head = await r.ReadAsync(ct) ? r.GetString(0) : null;
        }
        var inserted = ids.Select(i => (i.Day, i.Member)).ToHashSet();
        var repeats = values.Select(v => ((int)v[1]!, (int)v[2]!)).Where(k => !inserted.Contains(k)).ToList();
        await using var second = new NpgsqlBatch(connection);
        if (repeats.Count > 0)
            second.BatchCommands.Add(new(Existing)
            {
                Parameters = { new() { Value = repeats.Select(k => k.Item1).ToArray() }, new() { Value = repeats.Select(k => k.Item2).ToArray() } },
            });
        if (ids.Count > 0) second.BatchCommands.Add(this.audit.Postgres([.. audit(ids, head).Select(Auditing.Row)]));
        second.BatchCommands.Add(new("COMMIT"));
        await second.PrepareAsync(ct);
        var found = new List<Attendance>();
        await using (var r = await second.ExecuteReaderAsync(ct))
            if (repeats.Count > 0)
                while (await r.ReadAsync(ct)) found.Add(Row(r));
        return found;
    }

    /// <summary>The rows of the repeats, by their days and members paired in two arrays: one prepared statement for any number of them.</summary>
    const string Existing = ReadBack +
                            "WHERE (activity_day_id, member_id) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))";

    async Task WriteSqliteAsync(DbConnection connection, List<object?[]> values, Func<List<(int, int, int)>, string?, List<AuditEntry>> audit, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ids = await attendances.RunSqliteAsync(tx, values, Inserted, ct);
        if (ids.Count > 0) await this.audit.RunSqliteAsync(tx, [.. audit(ids, await ScalarAsync(tx, Head, ct) as string).Select(Auditing.Row)], _ => 0, ct);
        await tx.CommitAsync(ct);
    }

    static async Task<object?> ScalarAsync(DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>The rows of scans that found their member already checked in (SQLite; PostgreSQL reads them in the batch's second round trip).</summary>
    static async Task<List<Attendance>> ExistingAsync(DbConnection connection, List<Pending> repeats, CancellationToken ct)
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
                          $"WHERE activity_day_id IN ({In(repeats.Select(p => p.Day.Id), "d")}) AND member_id IN ({In(repeats.Select(p => p.MemberId), "m")})";
        var found = new List<Attendance>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found.Add(Row(r));
        return found;
    }

    /// <summary>The columns <see cref="Row"/> reads, in its order.</summary>
    const string ReadBack = "SELECT id, district_id, activity_day_id, member_id, status, method, reason, at, recorded_by FROM attendances ";

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
    };
}
