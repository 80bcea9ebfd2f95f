using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yihao.Web.Domain;

namespace Yihao.Web.Data;

/// <summary>
/// Which branches' records just changed, for whoever watches them live (the star board's screen). Every audited save reports
/// the branches it touched, and so does the check-in writer; a watcher waits for its branch's next change. In-process only:
/// a second server would need a shared channel (PostgreSQL's LISTEN/NOTIFY) in its place.
/// </summary>
public sealed class BranchChanges
{
    readonly ConcurrentDictionary<int, TaskCompletionSource> next = new();
    int watchers;
    long rosters;

    /// <summary>
    /// Goes up whenever a save changes a day, a member, a transfer or a node: what a scan is checked against (the day, who is
    /// expected at it). A cache of those facts is good while this stays where it was when the cache was filled.
    /// </summary>
    public long Rosters => Interlocked.Read(ref rosters);

    internal void RostersChanged() => Interlocked.Increment(ref rosters);

    /// <summary>Whether a saved entity is one the scan's facts are made of.</summary>
    internal static bool ChangesRosters(object entity) => entity is ActivityDay or Member or Transfer or Org;

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
            var signal = next.GetOrAdd(branchId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await signal.Task.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref watchers);
        }
    }

    /// <summary>The branches a save touched: rows that name their branch, their day, their board or their member.</summary>
    internal static async Task<HashSet<int>> TouchedAsync(YihaoDb db, IEnumerable<EntityEntry> entries, CancellationToken ct)
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
            }
        if (days.Count > 0) branches.UnionWith(await db.ActivityDays.Where(d => days.Contains(d.Id)).Select(d => d.OrgId).ToListAsync(ct));
        if (boards.Count > 0) branches.UnionWith(await db.StarBoards.Where(b => boards.Contains(b.Id)).Select(b => b.OrgId).ToListAsync(ct));
        if (members.Count > 0) branches.UnionWith(await db.Members.Where(m => members.Contains(m.Id)).Select(m => m.OrgId).ToListAsync(ct));
        return branches;
    }
}
