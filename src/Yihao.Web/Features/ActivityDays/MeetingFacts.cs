using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// What a scan is checked against: its meeting, who is expected at it and which liaison leaders are assigned to its
/// branch. During a burst every scan of a branch asks the same, so it is held until a save changes the day, or any
/// member, transfer, node or liaison assignment (<see cref="BranchChanges.Unchanged"/>), and at most a minute, for
/// writes that bypass the change tracker. A scan that slips in after a closing finds the closing's row and changes
/// nothing.
/// <para>
/// On the 1st a thousand branches' first scans come within a minute, most of them in its first seconds. Each load was
/// two queries on a context and a pooled connection of its own, reset after each use and planned afresh on each of a
/// hundred connections: PostgreSQL spent more on those loads than on writing the check-ins. Loads wanted together are
/// now read together, by one reader on a connection it keeps: three queries for any number of days.
/// </para>
/// <para>
/// The days whose check-in window is open or about to open are read before their scans come and read again every half
/// minute (<see cref="WarmOnceAsync"/>), each scan using the facts held until the new read is in: otherwise each
/// branch's first scan waited for the read, and on the 1st those were nine in ten of the morning's slowest hundredth.
/// </para>
/// </summary>
public sealed class MeetingFacts(IServiceScopeFactory scopes, BranchChanges changes, TimeProvider clock,
    IOptions<ActivityPolicy> policy, IConfiguration config, ILogger<MeetingFacts> log) : BackgroundService
{
    /// <summary>How far ahead of a day's check-in window its facts are read.</summary>
    static readonly TimeSpan WarmLead = TimeSpan.FromMinutes(2);

    const int WarmChunk = 100;

    const int MaxBatch = 500;
    const string Stopped = "The meeting facts reader has stopped.";

    public sealed record DayFacts(ActivityDay Day, HashSet<int> Expected, HashSet<int> Liaisons)
    {
        /// <summary>The codes of the last steps asked for, by step parity (a scan is checked against this step's or the
        /// last).</summary>
        readonly StepCode?[] codes = new StepCode?[2];

        sealed record StepCode(long Step, string Code);

        /// <summary>
        /// Whether a scanned code is the day's for this step or the one before (<see cref="CheckInCode.Check(string?,
        /// long, Func{long, string})"/>). Each step's code is computed for the branch's scans together, not once per
        /// scan (scans racing at a step's start may each compute it: the same code).
        /// </summary>
        public bool CodeValid(string? token, long currentStep) => CheckInCode.Check(token, currentStep, step =>
        {
            ref var slot = ref codes[step & 1];
            if (Volatile.Read(ref slot) is { } held && held.Step == step) return held.Code;
            var code = CheckInCode.For(Day.CodeKey, Day.Id, step);
            Volatile.Write(ref slot, new StepCode(step, code));
            return code;
        });
    }

    /// <summary>A load of a day's facts and the <see cref="BranchChanges.Rosters"/> it started under (a day not found
    /// is held too).</summary>
    sealed record Held(long Rosters, Task<DayFacts?> Facts);

    sealed record Wanted(int DayId, TaskCompletionSource<DayFacts?> Done);

    /// <summary>Room for every day open at once in a large deployment, each a branch's member ids (a few KB).</summary>
    readonly MemoryCache held = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    readonly Channel<Wanted> wanted =
        Channel.CreateUnbounded<Wanted>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The day's facts; a branch's scans share one load, and loads asked for together are read
    /// together.</summary>
    public Task<DayFacts?> ForAsync(int dayId)
    {
        var h = held.Get<Held>(dayId);
        // a failed load is not remembered
        if (h is null || !changes.Unchanged(dayId, h.Rosters) || h.Facts.IsFaulted || h.Facts.IsCanceled)
        {
            // read before the load: a change committed after this is newer than what it reads
            var rosters = changes.Rosters;
            h = new Held(rosters, Load(dayId));
            Hold(dayId, h);
        }
        return h.Facts;
    }

    /// <summary>Asks the reader for the day's facts, read with whatever else is asked for meanwhile.</summary>
    Task<DayFacts?> Load(int dayId)
    {
        var done = new TaskCompletionSource<DayFacts?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!wanted.Writer.TryWrite(new Wanted(dayId, done))) done.SetException(new InvalidOperationException(Stopped));
        return done.Task;
    }

    void Hold(int dayId, Held h) =>
        held.Set(dayId, h,
        new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

    /// <summary>Whether the day's facts are held, read and valid: its next scan does not wait for the
    /// database.</summary>
    internal bool IsHeld(int dayId) => held.Get<Held>(dayId) is { Facts.IsCompletedSuccessfully: true } h
        && changes.Unchanged(dayId, h.Rosters);

    /// <summary>
    /// Reads again the facts of every approved day whose check-in window is open or opens within <see
    /// cref="WarmLead"/>, in loads of a hundred days, and holds each once read: until then a scan uses what is held, if
    /// anything. Returns how many.
    /// </summary>
    public async Task<int> WarmOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (opensBy, closesAfter) =
            (now.AddMinutes(policy.Value.CheckInOpensMinutesBefore) + WarmLead,
            now.AddMinutes(-policy.Value.CheckInClosesMinutesAfter));
        int[] days;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
            days = await db.ActivityDays.AsNoTracking()
                .Where(d => d.State == ActivityState.Approved && d.StartsAt <= opensBy && d.EndsAt >= closesAfter)
                .Select(d => d.Id).ToArrayAsync(ct);
        }
        var failed = 0;
        // A hundred days at a time: a scan whose day must be read meanwhile waits behind one such load, not the whole
        // turn's.
        foreach (var some in days.Chunk(WarmChunk))
        {
            var rosters = changes.Rosters; // as in ForAsync: read before the load
            var loads = some.Select(id => (Id: id, Load: Load(id))).ToList();
            foreach (var (id, load) in loads)
            {
                try
                {
                    // Not over a newer read (a scan's, after a change during this load), nor when a change came since
                    // it began.
                    if (await load is not null && changes.Unchanged(id, rosters)
                        && (held.Get<Held>(id) is not { } current || current.Rosters <= rosters))
                        Hold(id, new Held(rosters, load));
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    failed++; // the reader has logged it; the day's first scan reads it
                }
            }
        }
        if (failed > 0) log.LogWarning(
            "The facts of {Failed} of {Count} meetings about to start could not be read ahead", failed, days.Length);
        return days.Length;
    }

    async Task WarmAllAsync(CancellationToken ct)
    {
        var setting = config["CheckIn:WarmSeconds"];
        var seconds = 30;
        if (setting is not null
            && !int.TryParse(setting, System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out seconds))
        {
            log.LogWarning(
                "CheckIn:WarmSeconds is not a number of seconds ({Setting}); reading the meetings' facts ahead every " +
                    "30 s",
                setting);
            seconds = 30;
        }
        var every = TimeSpan.FromSeconds(seconds);
        if (every <= TimeSpan.Zero) return; // switched off (the tests warm when they mean to)
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await WarmOnceAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e,
                    "Reading the facts of the meetings about to start failed; their first scans read them");
            }
            await Task.Delay(every, clock, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Wanted>(MaxBatch);
        using var warmingStops = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var warming = WarmAllAsync(warmingStops.Token);
        try
        {
            while (await wanted.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && wanted.Reader.TryRead(out var w)) batch.Add(w);
                try
                {
                    var facts = await LoadAsync([.. batch.Select(w => w.DayId).Distinct()], stoppingToken);
                    foreach (var w in batch) w.Done.TrySetResult(facts.GetValueOrDefault(w.DayId));
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested) // only stopping ends the reader
                {
                    log.LogWarning(e, "Reading the facts of {Count} meetings failed", batch.Count);
                    await DropAsync(); // the next batch starts on a fresh connection
                    foreach (var w in batch) w.Done.TrySetException(e);
                }
            }
        }
        finally
        {
            wanted.Writer.TryComplete();
            var stopping = new InvalidOperationException(Stopped);
            foreach (var w in batch) w.Done.TrySetException(stopping);
            while (wanted.Reader.TryRead(out var w)) w.Done.TrySetException(stopping);
            await DropAsync();
            await warmingStops.CancelAsync(); // also when the reader ended otherwise: the warm-up waits on it
            try { await warming; }
            catch (Exception) when (warmingStops.IsCancellationRequested) { } // its loads failed with the stopping
        }
    }

    /// <summary>The reader's own context on a connection it keeps open: a load costs its queries, not a context and a
    /// pool round.</summary>
    AsyncServiceScope? scope;
    YihaoDb? db;

    async Task DropAsync()
    {
        if (scope is { } s) await s.DisposeAsync();
        (scope, db) = (null, null);
    }

    /// <summary>Once more on a fresh connection when the kept one fails (the database restarted, a network blip); then
    /// the loads fail.</summary>
    async Task<Dictionary<int, DayFacts>> LoadAsync(int[] dayIds, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (db is null)
                {
                    scope = scopes.CreateAsyncScope();
                    var fresh = scope.Value.ServiceProvider.GetRequiredService<YihaoDb>();
                    await fresh.Database.OpenConnectionAsync(ct);
                    await fresh.PlanOnceAsync(ct);
                    // kept only once open: a context whose open failed is dropped, not used on the pool's terms
                    db = fresh;
                }
                return await ReadAsync(db, dayIds, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt == 1)
            {
                log.LogInformation(e, "The meeting facts reader's connection failed; reading again on a fresh one");
                await DropAsync();
            }
        }
    }

    /// <summary>The days, who is expected at each (one read per date among them: on the 1st, one), and each branch's
    /// liaison leaders.</summary>
    public static async Task<Dictionary<int, DayFacts>> ReadAsync(YihaoDb db, int[] dayIds, CancellationToken ct)
    {
        var days = new List<ActivityDay>();
        await foreach (var d in DaysById.For(db)(db, dayIds).WithCancellation(ct)) days.Add(d);
        var branches = days.Select(d => d.OrgId).Distinct().ToArray();
        var liaisons = branches.ToDictionary(b => b, _ => new HashSet<int>());
        await foreach (var a in LiaisonsOf.For(db)(db, branches).WithCancellation(ct)) liaisons[a.OrgId].Add(a.UserId);
        var facts = new Dictionary<int, DayFacts>();
        foreach (var onDate in days.GroupBy(Expected.DateOf))
        {
            var expected = await Expected.IdsAsync(db, [.. onDate.Select(d => d.OrgId).Distinct()], onDate.Key, ct);
            foreach (var d in onDate) facts[d.Id] = new DayFacts(d, expected[d.OrgId], liaisons[d.OrgId]);
        }
        return facts;
    }

    sealed record Assigned(int OrgId, int UserId);

    static readonly PerModel<Func<YihaoDb, int[],
        IAsyncEnumerable<ActivityDay>>> DaysById = new(() => EF.CompileAsyncQuery((YihaoDb db, int[] ids) =>
        db.ActivityDays.AsNoTracking().Where(d => ids.Contains(d.Id))));

    static readonly PerModel<Func<YihaoDb, int[],
        IAsyncEnumerable<Assigned>>> LiaisonsOf = new(() => EF.CompileAsyncQuery((YihaoDb db, int[] branches) =>
        db.LiaisonAssignments.AsNoTracking().Where(a => branches.Contains(a.OrgId))
            .Select(a => new Assigned(a.OrgId, a.UserId))));

    public override void Dispose()
    {
        held.Dispose();
        base.Dispose();
    }
}
