using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// A branch's month as gathered from the records: the branch facts and each rated member's facts. A month with neither
/// a planned day nor anything recorded of its members (before the branch used the system) is not recorded: the rules do
/// not count it as a month of absence and unpaid dues.
/// </summary>
public sealed record BranchFacts(BranchMonth Branch, List<MemberMonth> Members, bool Recorded);

/// <summary>
/// Gathers what the rules read, set-based: one query per kind of record for all branches and months asked, never one
/// per member. The members rated are the day's attendance list when the day was closed (it names everyone expected,
/// even those who left since), otherwise the branch's members now.
/// </summary>
public static class StarFacts
{
    /// <summary>The branches rated: open ones, of the district or of those asked for.</summary>
    public static IQueryable<int> Branches(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds) =>
        db.Orgs.Where(o => o.DistrictId == districtId && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch)
            && o.ClosedOn == null
                           && (branchIds == null || branchIds.Contains(o.Id))).Select(o => o.Id);

    /// <summary>Their activity days in the months asked for.</summary>
    public static IQueryable<ActivityDay> Days(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds,
        DateOnly from, DateOnly to) =>
        db.ActivityDays.Where(d => d.DistrictId == districtId && d.Month >= from && d.Month <= to
            && (branchIds == null || branchIds.Contains(d.OrgId)));

    public static async Task<Dictionary<(int Branch, DateOnly Month),
        BranchFacts>> LoadAsync(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds, DateOnly from,
        DateOnly to, DateOnly today, CancellationToken ct = default)
    {
        var branches = await Branches(db, districtId, branchIds).ToListAsync(ct);
        var days = await Days(db, districtId, branchIds, from, to).AsNoTracking()
            .Select(d => new { d.Id, d.OrgId, d.Month, d.State, d.Late, d.StartsAt }).ToListAsync(ct);
        // A held day's list and what the rules read of its members (their make-up, study note, dues and service), each
        // kind in one read restricted to the closed days (a subquery, not a list of ids: it costs the same at any size)
        // and joined here: letting the database look each one up row by row cost 1.2–1.7 times these plain reads, more
        // the larger the district. The reads run side by side: while the database finds one kind, this process takes in
        // another.
        IQueryable<ActivityDay> Closed(YihaoDb on) => Days(on, districtId, branchIds, from, to)
            .Where(d => d.State == ActivityState.Closed);
        IQueryable<MemberMonthRecord> Months(YihaoDb on) => on.MemberMonths.AsNoTracking()
            .Where(r => r.DistrictId == districtId && r.Month >= from && r.Month <= to);
        List<Listed> listed = [];
        Dictionary<(int, int), Owed> makeUps = [];
        HashSet<(int, int)> notes = [];
        Dictionary<(int, DateOnly), MonthRecord> monthOf = [];
        IQueryable<DuesMonth> Paid(YihaoDb on) => on.DuesMonths.AsNoTracking()
            .Where(r => r.DistrictId == districtId && r.Month >= from && r.Month <= to);
        // The months the secretary recorded something of beside the months the dues ledger holds as paid.
        async Task<Dictionary<(int, DateOnly),
            MonthRecord>> MonthsAsync(IQueryable<MemberMonthRecord> months, IQueryable<DuesMonth> paid)
        {
            var noted = await months.Select(r => new { r.MemberId, r.Month }).ToListAsync(ct);
            var dues = await paid.Select(r => new { r.MemberId, r.Month }).ToListAsync(ct);
            var result = noted.ToDictionary(r => (r.MemberId, r.Month),
                r => new MonthRecord(r.MemberId, r.Month, false));
            foreach (var d in dues) result[(d.MemberId, d.Month)] = new MonthRecord(d.MemberId, d.Month, true);
            return result;
        }
        var reads = new List<Func<YihaoDb, Task>>
        {
            async on =>
            {
                var closed = Closed(on);
                listed = await on.Attendances.AsNoTracking().Where(a => closed.Any(d => d.Id == a.ActivityDayId))
                    .Select(a => new Listed(a.ActivityDayId, a.MemberId, a.Status)).ToListAsync(ct);
            },
            async on =>
            {
                var closed = Closed(on);
                makeUps = await on.MakeUps.AsNoTracking().Where(m => closed.Any(d => d.Id == m.ActivityDayId))
                    .Select(m => new Owed(m.ActivityDayId, m.MemberId, m.DueOn, m.DoneOn))
                        .ToDictionaryAsync(m => (m.DayId, m.MemberId), ct);
            },
            async on =>
            {
                var closed = Closed(on);
                notes = (await on.StudyNotes.AsNoTracking().Where(n => closed.Any(d => d.Id == n.ActivityDayId))
                    .Select(n => new { n.ActivityDayId, n.MemberId }).ToListAsync(ct))
                        .Select(n => (n.ActivityDayId, n.MemberId)).ToHashSet();
            },
        };
        if (branchIds is null) reads.Add(async on => monthOf = await MonthsAsync(Months(on), Paid(on)));
        await db.ReadSideBySideAsync([.. reads]);
        // some branches: only their listed members' months, by member (not through the district's index)
        if (branchIds is not null)
        {
            var ids = listed.Select(a => a.MemberId).Distinct().ToList();
            monthOf =
                await MonthsAsync(db.MemberMonths.AsNoTracking()
                .Where(r => ids.Contains(r.MemberId) && r.Month >= from && r.Month <= to),
                Paid(db).Where(r => ids.Contains(r.MemberId)));
        }
        // Months without a held day rate the branch's members now, with what is recorded of them.
        var heldAt = days.Where(d => d.State == ActivityState.Closed).Select(d => (d.OrgId, d.Month)).ToHashSet();
        var monthCount = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        var notHeld =
            branches.Where(b => Enumerable.Range(0, monthCount).Any(k => !heldAt.Contains((b, from.AddMonths(k)))))
            .ToList();
        var now = await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId && notHeld.Contains(m.OrgId))
            .Select(m => new { m.Id, m.OrgId, m.JoinedOn }).ToListAsync(ct);
        var current = now.ToLookup(m => m.OrgId);
        var memberIds = now.Select(m => m.Id).ToList();
        var records =
            await MonthsAsync(db.MemberMonths.AsNoTracking()
            .Where(r => memberIds.Contains(r.MemberId) && r.Month >= from && r.Month <= to),
            Paid(db).Where(r => memberIds.Contains(r.MemberId)));

        // A service entry confirmed in the ledger (Features/Service) or a commitment confirmed fulfilled
        // (Features/Commitments) in the month counts as a service.
        var kept = await Commitments.CommitmentBook.FulfilledMonthsAsync(db, districtId, null, from, to, ct);
        kept.UnionWith(await ServedMonthsAsync(db, districtId, from, to, ct));

        // Problem-list items not accepted, by deadline: overdue in a month once its deadline passed before the month's
        // end (or today); accepting them clears every month's warning.
        var late = (await db.ProblemItems.AsNoTracking()
            .Where(i => i.DistrictId == districtId && i.State != ProblemItemState.Accepted && i.DueOn < today
                && (branchIds == null || branchIds.Contains(i.OrgId)))
            .Select(i => new { i.OrgId, i.DueOn }).ToListAsync(ct)).ToLookup(i => i.OrgId, i => i.DueOn);
        static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
        var rowsByDay = listed.ToLookup(a => a.DayId);
        var dayOf = days.ToDictionary(d => (d.OrgId, d.Month));
        var result = new Dictionary<(int, DateOnly), BranchFacts>();
        foreach (var branch in branches)
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                dayOf.TryGetValue((branch, month), out var day);
                var held = day is { State: ActivityState.Closed };
                var date = day is null ? (DateOnly?)null : DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
                var members = new List<MemberMonth>();
                var recorded = day is not null;
                if (held)
                    foreach (var a in rowsByDay[day!.Id])
                    {
                        recorded |= monthOf.TryGetValue((a.MemberId, month), out var r)
                            | kept.Contains((a.MemberId, month));
                        var makeUp = !makeUps.TryGetValue((a.DayId, a.MemberId), out var m) ? MakeUpState.None
                            : m.DoneOn is { } done ? (done <= m.DueOn ? MakeUpState.DoneInTime : MakeUpState.DoneLate)
                                : (today > m.DueOn ? MakeUpState.Overdue : MakeUpState.Pending);
                        members.Add(
                            new MemberMonth(a.MemberId, month, true, true, a.Status, date, makeUp,
                            notes.Contains((a.DayId, a.MemberId)), r.DuesPaid,
                            kept.Contains((a.MemberId, month))));
                    }
                else
                    foreach (var m in current[branch].Where(m => m.JoinedOn < month.AddMonths(1)))
                    {
                        recorded |= records.TryGetValue((m.Id, month), out var record)
                            | kept.Contains((m.Id, month));
                        members.Add(
                            new MemberMonth(m.Id, month, false, false, null, date, MakeUpState.None, false,
                            record.DuesPaid, kept.Contains((m.Id, month))));
                    }
                var tookPart = members.Count(m => StarRules.TookPart(m.Status));
                var overdue = late[branch].Count(due => due < Min(today, month.AddMonths(1)));
                result[(branch, month)] =
                    new BranchFacts(
                    new BranchMonth(branch, month, held, held ? members.Count : 0, tookPart,
                        day?.Late ?? false)
                    { OverdueProblems = overdue }, members, recorded);
            }
        return result;
    }

    readonly record struct Listed(int DayId, int MemberId, AttendanceStatus Status);

    readonly record struct Owed(int DayId, int MemberId, DateOnly DueOn, DateOnly? DoneOn);

    readonly record struct MonthRecord(int MemberId, DateOnly Month, bool DuesPaid);

    /// <summary>The months each member took part in a confirmed entry of the service ledger, by the day it was
    /// done.</summary>
    public static async Task<HashSet<(int MemberId, DateOnly Month)>> ServedMonthsAsync(
        YihaoDb db, int districtId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var end = to.AddMonths(1);
        var rows = await db.ServiceEntryMembers.AsNoTracking().Where(m => m.DistrictId == districtId)
            .Join(db.ServiceEntries.Where(e => e.DistrictId == districtId && e.State == ServiceState.Confirmed
                    && e.DoneOn >= from && e.DoneOn < end),
                m => new { m.DistrictId, Id = m.EntryId }, e => new { e.DistrictId, e.Id },
                (m, e) => new { m.MemberId, e.DoneOn })
            .Distinct().ToListAsync(ct);
        return rows.Select(r => (r.MemberId, new DateOnly(r.DoneOn.Year, r.DoneOn.Month, 1))).ToHashSet();
    }
}
