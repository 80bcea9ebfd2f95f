using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>The ledgers' figures of a node over a period, from indexed aggregate queries (never rows): inspections
/// recorded; problem items issued in the period and, as they stand now, open, overdue (past due, not accepted) and
/// accepted; commitments made and confirmed fulfilled; confirmed service entries — disputes resolved, things done —
/// the members who volunteered and their hours; dues collected (paid in the period).</summary>
public sealed record LedgerFigures(
    int InspectionsDone, int ProblemsIssued, int ProblemsOpen, int ProblemsOverdue, int ProblemsClosed,
    int CommitmentsMade, int CommitmentsFulfilled, int DisputesResolved, int ThingsDone, int Volunteers,
    decimal VolunteerHours, decimal DuesCollected)
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
        var issued = problems?.Issued ?? 0;
        var closed = problems?.Closed ?? 0;
        return new LedgerFigures(inspections, issued, issued - closed, problems?.Overdue ?? 0, closed, made,
            fulfilled, disputes, things, volunteers, hours, dues);
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
