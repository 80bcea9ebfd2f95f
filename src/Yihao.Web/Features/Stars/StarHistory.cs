using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// What the member warnings remember of the months before: for each branch's member, how many months in a row (up to the month
/// before the one evaluated) they were absent without leave, had a blue star, and had not paid dues (<see cref="Runs"/>).
/// A month the branch confirmed is read from its board: its stars as confirmed (a secretary's override included, the same star
/// everyone saw posted), with the absences and dues as recorded now, so a late payment still ends a run. Only the months no
/// board was confirmed for are gathered from the records and rated again. Reading counts instead of six months of every record
/// is what lets a province's month be evaluated in seconds; the rules themselves are unchanged (<see cref="StarRules.MemberWarnings(StarPolicy, MemberMonth, Runs)"/>).
/// </summary>
public static class StarHistory
{
    public static async Task<Dictionary<(int Branch, int Member), Runs>> LoadAsync(YihaoDb db, StarPolicy policy, int districtId, IReadOnlyCollection<int>? branchIds, DateOnly first, DateOnly last, DateOnly today, CancellationToken ct = default)
    {
        var runs = new Dictionary<(int, int), Runs>();
        if (first > last) return runs;
        var boards = db.StarBoards.Where(b => b.DistrictId == districtId && b.Month >= first && b.Month <= last && b.State != BoardState.Proposed
                                              && (branchIds == null || branchIds.Contains(b.OrgId)));
        var confirmed = (await boards.Select(b => new { b.Id, b.OrgId, b.Month }).ToListAsync(ct)).ToDictionary(b => b.Id);
        var boardOf = confirmed.Values.ToDictionary(b => (b.OrgId, b.Month), b => b.Id);
        var stars = (await db.MemberStars.AsNoTracking().Where(s => s.DistrictId == districtId && boards.Any(b => b.Id == s.BoardId))
            .Select(s => new { s.BoardId, s.MemberId, Blue = (s.Override ?? s.Proposed) == StarColor.Blue }).ToListAsync(ct)).ToLookup(s => s.BoardId);
        // The absences as recorded now, at the confirmed months' days.
        var closedDays = StarFacts.Days(db, districtId, branchIds, first, last).Where(d => d.State == ActivityState.Closed);
        var dayOf = await closedDays.Select(d => new { d.Id, d.OrgId, d.Month }).ToDictionaryAsync(d => d.Id, ct);
        var absent = (await db.Attendances.AsNoTracking().Where(a => a.Status == AttendanceStatus.Unexcused && closedDays.Any(d => d.Id == a.ActivityDayId))
            .Select(a => new { a.ActivityDayId, a.MemberId }).ToListAsync(ct)).Select(a => (dayOf[a.ActivityDayId].OrgId, dayOf[a.ActivityDayId].Month, a.MemberId)).ToHashSet();
        // Dues as recorded now: of the confirmed months, the latest each member paid (a run of unpaid months ends there).
        var lastPaid = await (from s in db.MemberStars
                              join b in boards on s.BoardId equals b.Id
                              join r in db.MemberMonths on new { s.MemberId, b.Month } equals new { r.MemberId, r.Month }
                              where r.DuesPaid
                              group b.Month by new { b.OrgId, s.MemberId } into g
                              select new { g.Key.OrgId, g.Key.MemberId, Month = g.Max() }).ToDictionaryAsync(p => (p.OrgId, p.MemberId), p => p.Month, ct);
        var branches = await StarFacts.Branches(db, districtId, branchIds).ToListAsync(ct);

        // The months no board was confirmed for (a day not held, a board never confirmed) are rated from their records, as the
        // month's own board would have been: one load for all of them, usually a few branches.
        var unconfirmed = new HashSet<(int Branch, DateOnly Month)>();
        for (var month = first; month <= last; month = month.AddMonths(1))
            foreach (var b in branches.Where(b => !boardOf.ContainsKey((b, month)))) unconfirmed.Add((b, month));
        var facts = unconfirmed.Count == 0 ? [] : await StarFacts.LoadAsync(db, districtId, [.. unconfirmed.Select(u => u.Branch).Distinct()], first, last, today, ct);

        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            foreach (var board in confirmed.Values.Where(b => b.Month == month))
                foreach (var s in stars[board.Id])
                {
                    var key = (board.OrgId, s.MemberId);
                    var unpaid = !lastPaid.TryGetValue(key, out var paid) || paid < month;
                    runs[key] = runs.GetValueOrDefault(key).Then(absent.Contains((board.OrgId, month, s.MemberId)), s.Blue, unpaid);
                }
            foreach (var ((branch, _), f) in facts.Where(f => f.Key.Month == month && unconfirmed.Contains(f.Key)))
            {
                if (!f.Recorded) continue; // before the branch used the system: neither for nor against anyone
                foreach (var m in f.Members)
                    runs[(branch, m.MemberId)] = runs.GetValueOrDefault((branch, m.MemberId)).Then(m, StarRules.Rate(policy, m).Star);
            }
        }
        return runs;
    }
}
