using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yihao.Web.Domain;

namespace Yihao.Web.Data;

/// <summary>
/// Which branches' records just changed, for whoever watches them live (the star board's screen). Every audited save
/// reports the branches it touched, and so does the check-in writer; a watcher waits for its branch's next change.
/// In-process only: a second server would need a shared channel (PostgreSQL's LISTEN/NOTIFY) in its place.
/// </summary>
public sealed class BranchChanges
{
    readonly ConcurrentDictionary<int, TaskCompletionSource> next = new();
    int watchers;
    long sequence;
    long everyone;
    readonly ConcurrentDictionary<int, long> days = new();

    /// <summary>
    /// Where the count of saves that change what a scan is checked against stands now. A cache of a day's facts filled
    /// after reading this is good while <see cref="Unchanged"/> says so.
    /// </summary>
    public long Rosters => Interlocked.Read(ref sequence);

    /// <summary>
    /// Whether nothing a scan of this day is checked against has changed since <paramref name="since"/>: not the day
    /// itself, and no member, transfer, node or liaison assignment anywhere (who is expected at a day follows each of
    /// its members' whole history, so those count for every day; assignments change a few times a year). A save of
    /// another day (the liaison leader's check-in, a closing, next month's plan) leaves this day's facts alone: on the
    /// 1st a thousand branches' days change through the morning, and each of those saves used to send every branch back
    /// to the database for its facts.
    /// </summary>
    public bool Unchanged(int dayId, long since) =>
        Interlocked.Read(ref everyone) <= since && (!days.TryGetValue(dayId, out var at) || at <= since);

    /// <summary>Said after a commit: these days changed, and with <paramref name="all"/> a member, a transfer, a node
    /// or an assignment too.</summary>
    internal void RostersChanged(bool all, IEnumerable<int> changedDays)
    {
        var at = Interlocked.Increment(ref sequence);
        if (all)
            for (var seen = Interlocked.Read(ref everyone); seen < at; seen = Interlocked.Read(ref everyone))
                if (Interlocked.CompareExchange(ref everyone, at, seen) == seen) break;
        foreach (var day in changedDays) days.AddOrUpdate(day, at, (_, seen) => Math.Max(seen, at));
        // a day's mark older than the change of all is said by it already: the map holds only days changed since
        if (all)
            foreach (var mark in days.Where(d => d.Value <= Interlocked.Read(ref everyone)))
                days.TryRemove(mark);
    }

    /// <summary>Said after a commit that changed these accounts' security stamps or deleted them (see
    /// AccountStamps).</summary>
    public event Action<IEnumerable<int>>? AccountsChanged;

    internal void AccountsSaved(IEnumerable<int> userIds) => AccountsChanged?.Invoke(userIds);

    /// <summary>Whether a saved entity is one every day's facts may be made of (a day's own row counts for that day
    /// only).</summary>
    internal static bool ChangesRosters(object entity) => entity is Member or Transfer or Org or LiaisonAssignment;

    public bool Watched => Volatile.Read(ref watchers) > 0;

    public void Changed(int branchId)
    {
        if (next.TryRemove(branchId, out var waiting)) waiting.TrySetResult();
    }

    /// <summary>Completes at the branch's next change (or when the token ends).</summary>
    public async Task NextAsync(int branchId, CancellationToken ct)
    {
        Interlocked.Increment(ref watchers);
        try
        {
            var signal =
                next.GetOrAdd(branchId,
                _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await signal.Task.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref watchers);
        }
    }

    /// <summary>The branches a save touched: rows that name their branch, their day, their board or their
    /// member.</summary>
    internal static async Task<HashSet<int>> TouchedAsync(YihaoDb db, IEnumerable<EntityEntry> entries,
        CancellationToken ct)
    {
        var branches = new HashSet<int>();
        var days = new HashSet<int>();
        var boards = new HashSet<int>();
        var members = new HashSet<int>();
        foreach (var e in entries)
            switch (e.Entity)
            {
                case ActivityDay d: branches.Add(d.OrgId); break;
                case StarBoard b: branches.Add(b.OrgId); break;
                case IMemberDayRow r: days.Add(r.ActivityDayId); break;
                case SixMusts s: days.Add(s.ActivityDayId); break;
                case MemberStar s: boards.Add(s.BoardId); break;
                case MemberMonthRecord m: members.Add(m.MemberId); break;
                case DuesMonth m: members.Add(m.MemberId); break;
                case ServiceEntry s: branches.Add(s.OrgId); break;
                case Commitment c: branches.Add(c.OrgId); break;
            }
        if (days.Count > 0) branches.UnionWith(await db.ActivityDays.Where(d => days.Contains(d.Id))
            .Select(d => d.OrgId).ToListAsync(ct));
        if (boards.Count > 0) branches.UnionWith(await db.StarBoards.Where(b => boards.Contains(b.Id))
            .Select(b => b.OrgId).ToListAsync(ct));
        if (members.Count > 0) branches.UnionWith(await db.Members.Where(m => members.Contains(m.Id))
            .Select(m => m.OrgId).ToListAsync(ct));
        return branches;
    }
}
