using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// A branch's month as gathered from the records: the branch facts and each rated member's facts. A month with neither a
/// planned day nor anything recorded of its members (before the branch used the system) is not recorded: the rules do not
/// count it as a month of absence and unpaid dues.
/// </summary>
public sealed record BranchFacts(BranchMonth Branch, List<MemberMonth> Members, bool Recorded);

/// <summary>
/// Gathers what the rules read, set-based: one query per kind of record for all branches and months asked, never one per member.
/// The members rated are the day's attendance list when the day was closed (it names everyone expected, even those who left
/// since), otherwise the branch's members now.
/// </summary>
public static class StarFacts
{
    public static async Task<Dictionary<(int Branch, DateOnly Month), BranchFacts>> LoadAsync(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct = default)
    {
        var branches = await db.Orgs.AsNoTracking()
            .Where(o => o.DistrictId == districtId && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch) && o.ClosedOn == null && (branchIds == null || branchIds.Contains(o.Id)))
            .Select(o => o.Id).ToListAsync(ct);
        var days = await db.ActivityDays.AsNoTracking()
            .Where(d => d.DistrictId == districtId && d.Month >= from && d.Month <= to && (branchIds == null || branchIds.Contains(d.OrgId)))
            .Select(d => new { d.Id, d.OrgId, d.Month, d.State, d.Late, d.StartsAt }).ToListAsync(ct);
        // The closed days as a subquery, not a list of ids: SQLite binds a list as one parameter per id (slow past a few
        // thousand, refused past 32,766), while a subquery costs the same at any size.
        var closed = db.ActivityDays.Where(d => d.DistrictId == districtId && d.Month >= from && d.Month <= to && d.State == ActivityState.Closed
            && (branchIds == null || branchIds.Contains(d.OrgId))).Select(d => d.Id);
        var attendance = await db.Attendances.AsNoTracking().Where(a => a.DistrictId == districtId && closed.Contains(a.ActivityDayId))
            .Select(a => new { a.ActivityDayId, a.MemberId, a.Status }).ToListAsync(ct);
        var makeUps = await db.MakeUps.AsNoTracking().Where(m => m.DistrictId == districtId && closed.Contains(m.ActivityDayId))
            .Select(m => new { m.ActivityDayId, m.MemberId, m.DueOn, m.DoneOn }).ToListAsync(ct);
        var notes = (await db.StudyNotes.AsNoTracking().Where(n => n.DistrictId == districtId && closed.Contains(n.ActivityDayId))
            .Select(n => new { n.ActivityDayId, n.MemberId }).ToListAsync(ct)).Select(n => (n.ActivityDayId, n.MemberId)).ToHashSet();
        var records = await db.MemberMonths.AsNoTracking().Where(r => r.DistrictId == districtId && r.Month >= from && r.Month <= to)
            .Select(r => new { r.MemberId, r.Month, r.DuesPaid, r.Service }).ToDictionaryAsync(r => (r.MemberId, r.Month), ct);
        var current = (await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId && (branchIds == null || branchIds.Contains(m.OrgId)))
            .Select(m => new { m.Id, m.OrgId, m.JoinedOn }).ToListAsync(ct)).ToLookup(m => m.OrgId);

        var rowsByDay = attendance.ToLookup(a => a.ActivityDayId);
        var makeUpOf = makeUps.ToDictionary(m => (m.ActivityDayId, m.MemberId));
        var dayOf = days.ToDictionary(d => (d.OrgId, d.Month));
        var result = new Dictionary<(int, DateOnly), BranchFacts>();
        foreach (var branch in branches)
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                dayOf.TryGetValue((branch, month), out var day);
                var held = day is { State: ActivityState.Closed };
                var date = day is null ? (DateOnly?)null : DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
                var members = new List<MemberMonth>();
                var rated = held ? rowsByDay[day!.Id].Select(a => (a.MemberId, (AttendanceStatus?)a.Status, true))
                                 : current[branch].Where(m => m.JoinedOn < month.AddMonths(1)).Select(m => (m.Id, (AttendanceStatus?)null, false));
                var recorded = day is not null;
                foreach (var (memberId, status, expected) in rated)
                {
                    recorded |= records.TryGetValue((memberId, month), out var record);
                    var makeUp = MakeUpState.None;
                    if (held && makeUpOf.TryGetValue((day!.Id, memberId), out var m))
                        makeUp = m.DoneOn is { } done ? (done <= m.DueOn ? MakeUpState.DoneInTime : MakeUpState.DoneLate) : (today > m.DueOn ? MakeUpState.Overdue : MakeUpState.Pending);
                    members.Add(new MemberMonth(memberId, month, held, expected, status, date, makeUp,
                        held && notes.Contains((day!.Id, memberId)), record?.DuesPaid ?? false, !string.IsNullOrWhiteSpace(record?.Service)));
                }
                var tookPart = members.Count(m => StarRules.TookPart(m.Status));
                result[(branch, month)] = new BranchFacts(new BranchMonth(branch, month, held, held ? members.Count : 0, tookPart, day?.Late ?? false), members, recorded);
            }
        return result;
    }
}
