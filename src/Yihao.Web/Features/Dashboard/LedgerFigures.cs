using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>The ledgers' figures of a node over a period, from indexed aggregate queries (never rows): inspections
/// recorded; problem items issued in the period and, as they stand now, open, overdue (past due, not accepted) and
/// accepted; commitments made and confirmed fulfilled; confirmed service entries — disputes resolved, things done —
/// the members who volunteered and their hours; dues collected (paid in the period) and owed (the arrears of the
/// period's months: each member's months from the one they joined in that no payment covers, as on the dues page).
/// </summary>
public sealed record LedgerFigures(
    int InspectionsDone, int ProblemsIssued, int ProblemsOpen, int ProblemsOverdue, int ProblemsClosed,
    int CommitmentsMade, int CommitmentsFulfilled, int DisputesResolved, int ThingsDone, int Volunteers,
    decimal VolunteerHours, decimal DuesCollected, int DuesMonthsOwed, int DuesMembersOwing)
{
    public static async Task<LedgerFigures> ForAsync(YihaoDb db, Org org, DateOnly from, DateOnly to,
        DateOnly today, CancellationToken ct = default)
    {
        var d = org.DistrictId;
        var under = db.Orgs.Where(o => o.DistrictId == d && o.Path.StartsWith(org.Path)).Select(o => o.Id);
        var next = to.AddMonths(1);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue), next.ToDateTime(TimeOnly.MinValue));
        var (startUtc, endUtc) = (DistrictTime.Utc(start), DistrictTime.Utc(end));
        var inspections = await db.Inspections.CountAsync(i => i.DistrictId == d && under.Contains(i.OrgId)
            && i.State == InspectionState.Recorded && i.RecordedAt >= startUtc && i.RecordedAt < endUtc, ct);
        var items = db.ProblemItems.Where(i => i.DistrictId == d && under.Contains(i.OrgId)
            && db.ProblemLists.Any(l => l.Id == i.ListId && l.IssuedAt >= startUtc && l.IssuedAt < endUtc));
        var problems = await items.GroupBy(i => 1).Select(g => new
        {
            Issued = g.Count(),
            Closed = g.Count(i => i.State == ProblemItemState.Accepted),
            Overdue = g.Count(i => i.State != ProblemItemState.Accepted && i.DueOn < today),
        }).FirstOrDefaultAsync(ct);
        // The ledgers' counts from the month rollups the writes keep; the distinct volunteers and the dues owed from
        // the rows of months per member (MemberYears).
        var rollups = db.Set<MonthRollup>().AsNoTracking()
            .Where(r => r.DistrictId == d && r.Month >= from && r.Month <= to);
        if (org.Kind != OrgKind.District) // the whole district needs no filter by org (see VolunteersAsync)
            rollups = rollups.Where(r => under.Contains(r.OrgId));
        var sums = await rollups
            .GroupBy(r => 1)
            .Select(g => new
            {
                Made = g.Sum(r => r.CommitmentsMade),
                Fulfilled = g.Sum(r => r.CommitmentsFulfilled),
                Disputes = g.Sum(r => r.DisputesResolved),
                Things = g.Sum(r => r.ThingsDone),
                Tenths = g.Sum(r => (long)r.VolunteerTenths),
                Fen = g.Sum(r => (long)r.DuesCollectedFen),
            })
            .FirstOrDefaultAsync(ct);
        var volunteers = await VolunteersAsync(db, org, from, to, ct);
        var (hours, dues) = ((sums?.Tenths ?? 0) / 10m, (sums?.Fen ?? 0) / 100m);
        var owed = await DuesOwedAsync(db, org, from, to, ct);
        var issued = problems?.Issued ?? 0;
        var closed = problems?.Closed ?? 0;
        return new LedgerFigures(inspections, issued, issued - closed, problems?.Overdue ?? 0, closed,
            sums?.Made ?? 0, sums?.Fulfilled ?? 0, sums?.Disputes ?? 0, sums?.Things ?? 0, volunteers, hours, dues,
            owed.Months, owed.Members);
    }

    /// <summary>
    /// The dues arrears of the node's members over the months (first days, both included), as the dues ledger defines
    /// them (<c>DuesLedger.ArrearsAsync</c>): a member owes each month of the window from the month they joined in that
    /// no payment covers. Members who joined before the window owe all its months less the bits of their paid years
    /// (<see cref="DuesPaidYear"/>), which the database counts by year and bits from an index alone; the few who joined
    /// in it or later are counted one by one, and their own bits taken back out of those counts.
    /// </summary>
    public static async Task<(int Months, int Members)> DuesOwedAsync(YihaoDb db, Org org, DateOnly from,
        DateOnly to, CancellationToken ct = default)
    {
        var d = org.DistrictId;
        var root = org.Kind == OrgKind.District;
        var members = db.Members.Where(m => m.DistrictId == d);
        if (!root) // the whole district's queries take no filter: they are then read from an index alone
            members = members.Where(m => db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(org.Path)));
        var window = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        var before = await members.CountAsync(m => m.JoinedOn < from, ct);
        var late = await members.Where(m => m.JoinedOn >= from).Select(m => new { m.Id, m.JoinedOn })
            .ToListAsync(ct);
        var lateIds = late.Select(m => m.Id).ToList();
        var (y1, y2) = (from.Year, to.Year);
        var (m1, m2) = (DuesPaidYear.Mask(y1, from, to), DuesPaidYear.Mask(y2, from, to));
        int Window(int year) => year == y1 ? m1 : year == y2 ? m2 : 0xFFF;
        var years = db.Set<DuesPaidYear>().Where(y => y.DistrictId == d && y.Year >= y1 && y.Year <= y2);
        if (!root)
            years = years.Where(y => members.Any(m => m.Id == y.MemberId));
        // Rows grouped by year and bits (most members share a few patterns), then the window's bits set counted here.
        var patterns = await years.GroupBy(y => new { y.Year, y.Paid })
            .Select(g => new { g.Key.Year, g.Key.Paid, Count = g.Count() }).ToListAsync(ct);
        var lateBits = lateIds.Count == 0 ? []
            : await years.Where(y => lateIds.Contains(y.MemberId)).AsNoTracking().ToListAsync(ct);
        var paid = patterns.Sum(p => p.Count * BitOperations.PopCount((uint)(p.Paid & Window(p.Year))))
            - lateBits.Sum(y => BitOperations.PopCount((uint)(y.Paid & Window(y.Year))));
        // Settled: every month of the window paid, in each of its years.
        var settled = y1 == y2
            ? patterns.Where(p => (p.Paid & m1) == m1).Sum(p => p.Count)
            : await SettledAsync(years, y1, y2, Window, ct);
        settled -= lateBits.GroupBy(y => y.MemberId)
            .Count(g => Enumerable.Range(y1, y2 - y1 + 1)
                .All(y => g.FirstOrDefault(r => r.Year == y) is { } r && (r.Paid & Window(y)) == Window(y)));
        var (months, owing) = (before * window - paid, before - settled);
        var bitsOf = lateBits.ToDictionary(y => (y.MemberId, y.Year), y => y.Paid);
        foreach (var m in late)
        {
            var joined = DuesRules.MonthOf(m.JoinedOn);
            var unpaid = DuesRules.Months(from, to)
                .Count(x => x >= joined && (bitsOf.GetValueOrDefault((m.Id, x.Year)) >> (x.Month - 1) & 1) == 0);
            months += unpaid;
            if (unpaid > 0) owing++;
        }
        return (months, owing);
    }

    /// <summary>The members with every month of a window across years paid: a row of the first year that has the
    /// window's bits, and one of each later year that has them too (each a look-up by the key).</summary>
    static Task<int> SettledAsync(IQueryable<DuesPaidYear> years, int y1, int y2, Func<int, int> window,
        CancellationToken ct)
    {
        var m1 = window(y1);
        var full = years.Where(y => y.Year == y1 && (y.Paid & m1) == m1);
        for (var y = y1 + 1; y <= y2; y++)
        {
            var (year, mask) = (y, window(y));
            full = full.Where(a =>
                years.Any(b => b.Year == year && b.MemberId == a.MemberId && (b.Paid & mask) == mask));
        }
        return full.CountAsync(ct);
    }

    /// <summary>The distinct members of the node's confirmed volunteering entries done in the months, from the rows
    /// of months per member and branch the writes keep (<see cref="VolunteerYear"/>). The whole district takes no
    /// filter by org: its count comes from an index alone.</summary>
    public static Task<int> VolunteersAsync(YihaoDb db, Org org, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        var d = org.DistrictId;
        var rows = MemberYears.VolunteersIn(db, d, from, to);
        if (org.Kind != OrgKind.District)
            rows = rows.Where(v =>
                db.Orgs.Any(o => o.Id == v.OrgId && o.DistrictId == d && o.Path.StartsWith(org.Path)));
        return rows.Select(v => v.MemberId).Distinct().CountAsync(ct);
    }
}
