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
        var commitments = db.Commitments.Where(c => c.DistrictId == d && under.Contains(c.OrgId));
        var made = await commitments.CountAsync(c => c.MadeOn >= from && c.MadeOn < next, ct);
        var fulfilled = await commitments.CountAsync(c => c.ConfirmedOn >= from && c.ConfirmedOn < next, ct);
        var service = db.ServiceEntries.Where(e => e.DistrictId == d && under.Contains(e.OrgId)
            && e.State == ServiceState.Confirmed && e.DoneOn >= from && e.DoneOn < next);
        var disputes = await service.CountAsync(e => e.Kind == ServiceKind.Dispute
            && e.DisputeOutcome == DisputeOutcome.Resolved, ct);
        var things = await service.CountAsync(e => e.Kind == ServiceKind.ThingDone, ct);
        var volunteering = service.Where(e => e.Kind == ServiceKind.Volunteering);
        var volunteers = await db.ServiceEntryMembers.Where(m => m.DistrictId == d
            && volunteering.Any(e => e.Id == m.EntryId)).Select(m => m.MemberId).Distinct().CountAsync(ct);
        // Summed by the database as whole tenths of an hour and whole fen (EF cannot sum decimals on SQLite): one
        // aggregate row however many entries the period holds.
        var tenths = await db.ServiceEntryMembers.Where(m => m.DistrictId == d)
            .Join(volunteering, m => m.EntryId, e => e.Id, (m, e) => e.Hours)
            .SumAsync(h => (long)Math.Round((double)(h ?? 0) * 10), ct);
        var fen = await db.DuesPayments.Where(p => p.DistrictId == d && under.Contains(p.OrgId)
            && p.PaidOn >= from && p.PaidOn < next).SumAsync(p => (long)Math.Round((double)p.Amount * 100), ct);
        var (hours, dues) = (tenths / 10m, fen / 100m);
        var owed = await DuesOwedAsync(db, org, from, to, ct);
        var issued = problems?.Issued ?? 0;
        var closed = problems?.Closed ?? 0;
        return new LedgerFigures(inspections, issued, issued - closed, problems?.Overdue ?? 0, closed, made,
            fulfilled, disputes, things, volunteers, hours, dues, owed.Months, owed.Members);
    }

    /// <summary>
    /// The dues arrears of the node's members over the months, as one aggregate row: the definition of the dues ledger
    /// (<c>DuesLedger.ArrearsAsync</c>): a member owes each month of the window from the month they joined in that no
    /// payment covers — counted by the database: the months due minus the months paid, per member.
    /// </summary>
    public static async Task<(int Months, int Members)> DuesOwedAsync(YihaoDb db, Org org, DateOnly from,
        DateOnly to, CancellationToken ct = default)
    {
        var d = org.DistrictId;
        // Months as one number (year × 12 + month), so that "from the month they joined" is a comparison in SQL.
        var (first, last) = (from.Year * 12 + from.Month, to.Year * 12 + to.Month);
        var members = db.Members.Where(m => m.DistrictId == d
            && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(org.Path)));
        var owing = await members
            .Select(m => new { Id = m.Id, Joined = m.JoinedOn.Year * 12 + m.JoinedOn.Month })
            .Where(m => m.Joined <= last)
            .Select(m => new
            {
                Due = last - (m.Joined > first ? m.Joined : first) + 1,
                Paid = db.DuesMonths.Count(x => x.DistrictId == d && x.MemberId == m.Id && x.Month >= from
                    && x.Month <= to && x.Month.Year * 12 + x.Month.Month >= m.Joined),
            })
            .GroupBy(m => 1)
            .Select(g => new { Months = g.Sum(m => m.Due - m.Paid), Members = g.Count(m => m.Due > m.Paid) })
            .FirstOrDefaultAsync(ct);
        return (owing?.Months ?? 0, owing?.Members ?? 0);
    }

    /// <summary>The distinct members of the node's confirmed volunteering entries done in the months.</summary>
    public static Task<int> VolunteersAsync(YihaoDb db, Org org, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        var d = org.DistrictId;
        var next = to.AddMonths(1);
        var volunteering = db.ServiceEntries.Where(e => e.DistrictId == d
            && db.Orgs.Any(o => o.Id == e.OrgId && o.DistrictId == d && o.Path.StartsWith(org.Path))
            && e.State == ServiceState.Confirmed && e.Kind == ServiceKind.Volunteering
            && e.DoneOn >= from && e.DoneOn < next);
        return db.ServiceEntryMembers.Where(m => m.DistrictId == d && volunteering.Any(e => e.Id == m.EntryId))
            .Select(m => m.MemberId).Distinct().CountAsync(ct);
    }
}
