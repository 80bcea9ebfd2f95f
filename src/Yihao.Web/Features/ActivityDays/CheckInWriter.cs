using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// Group commit for check-ins. At the start of a meeting a whole branch scans within seconds and, across the district, thousands
/// at once; one transaction per scan would queue them all behind the database's single commit. Scans that arrive together are
/// written together: one transaction, one audit chain extension, then each scan is acknowledged — never before its row is committed.
/// </summary>
public sealed class CheckInWriter(IServiceScopeFactory scopes, ILogger<CheckInWriter> log) : BackgroundService
{
    const int MaxBatch = 500;

    sealed record Pending(ActivityDay Day, int MemberId, AttendanceStatus Status, CheckInMethod Method, string? Reason, string? By, DateTime At, TaskCompletionSource<Attendance> Done);

    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// What a scan needs to know about its meeting, held for a few seconds: during a burst every scan of a branch asks the same.
    /// A closed or re-planned day is seen within the lifetime; a scan that slips in finds the closing's row and changes nothing.
    /// </summary>
    public sealed record DayFacts(ActivityDay Day, HashSet<int> Expected);

    readonly MemoryCache facts = new(new MemoryCacheOptions { SizeLimit = 5000 });

    public async Task<DayFacts?> FactsAsync(YihaoDb db, int dayId, CancellationToken ct)
    {
        if (facts.TryGetValue(dayId, out DayFacts? known)) return known;
        var day = await db.ActivityDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId, ct);
        if (day is null) return null;
        var expected = (await Expected.At(db, day.OrgId, Expected.DateOf(day)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var fresh = new DayFacts(day, expected);
        facts.Set(dayId, fresh, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(5) });
        return fresh;
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
            done.SetException(new InvalidOperationException("The check-in writer has stopped."));
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
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

    async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        db.Actor.UserName = "check-in";
        var dayIds = batch.Select(p => p.Day.Id).Distinct().ToList();
        var memberIds = batch.Select(p => p.MemberId).Distinct().ToList();
        var existing = await db.Attendances.AsNoTracking()
            .Where(a => dayIds.Contains(a.ActivityDayId) && memberIds.Contains(a.MemberId)).ToListAsync(ct);
        var rows = existing.ToDictionary(a => (a.ActivityDayId, a.MemberId));
        var added = new List<Attendance>();
        foreach (var p in batch)
        {
            if (rows.ContainsKey((p.Day.Id, p.MemberId))) continue;
            var row = new Attendance { DistrictId = p.Day.DistrictId, ActivityDayId = p.Day.Id, MemberId = p.MemberId, Status = p.Status, Method = p.Method, Reason = p.Reason, RecordedBy = p.By, At = p.At };
            rows[(p.Day.Id, p.MemberId)] = row;
            added.Add(row);
        }
        if (added.Count > 0)
        {
            db.Attendances.AddRange(added);
            await db.SaveChangesAsync(ct);
        }
        foreach (var p in batch) p.Done.TrySetResult(rows[(p.Day.Id, p.MemberId)]);
    }
}
