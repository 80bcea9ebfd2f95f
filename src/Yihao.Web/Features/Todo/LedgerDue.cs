using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Dues;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Todo;

/// <summary>
/// The supervision, service and dues items of a to-do list, read from their own records: for a branch secretary the
/// problem items to answer, the service entries and commitments to confirm, the members who owe dues and those with no
/// dues standard yet; for an inspector the answers to verify; for a town admin its branches' overdue problem items and
/// the members who owe dues (counted, without the amount: a town's arrears in yuan are the dues page's). Each item
/// names what it counts and, where one record leads, that record.
/// </summary>
public static class LedgerDue
{
    public static async Task<List<DueItem>> ForAsync(Scope scope, YihaoDb db, TimeProvider clock,
        CancellationToken ct = default)
    {
        var today = DistrictTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var orgs = scope.Orgs(db);
        var items = db.ProblemItems.AsNoTracking()
            .Where(i => i.DistrictId == scope.DistrictId && orgs.Any(o => o.Id == i.OrgId));
        var due = new List<DueItem>();

        async Task Problems(string kind, IQueryable<ProblemItem> q)
        {
            var g = await q.GroupBy(i => 1).Select(g => new
            {
                Count = g.Count(),
                Overdue = g.Count(i => i.DueOn < today),
                First = g.Min(i => i.DueOn),
                Lists = g.Select(i => i.ListId).Distinct().Count(),
            }).FirstOrDefaultAsync(ct);
            if (g is not { Count: > 0 })
                return;
            var first = await q.OrderBy(i => i.DueOn).ThenBy(i => i.Id).Select(i => i.ListId).FirstAsync(ct);
            due.Add(new(kind, thisMonth, null, DistrictTime.Utc(g.First.ToDateTime(new TimeOnly(23, 59))),
                g.Overdue > 0, g.Count, g.Overdue, TargetId: g.Lists == 1 ? first : null));
        }

        switch (scope.Role)
        {
            case Roles.BranchSecretary:
                await Problems("problemsToAnswer",
                    items.Where(i => i.State == ProblemItemState.Open || i.State == ProblemItemState.Reopened));
                var entries = await db.ServiceEntries.CountAsync(e => e.DistrictId == scope.DistrictId
                    && e.OrgId == scope.OrgId && e.State == ServiceState.Pending, ct);
                var members = scope.Members(db);
                var pledges = await db.Commitments.CountAsync(c => c.DistrictId == scope.DistrictId
                    && c.State == CommitmentState.Reported && members.Any(m => m.Id == c.MemberId), ct);
                if (entries + pledges > 0)
                    due.Add(new("toConfirm", thisMonth, Count: entries + pledges, Overdue: pledges));
                await OwedInBranch(scope.OrgId);
                var unset = await DuesLedger.Unset(db, members, thisMonth).OrderBy(m => m.Id).Select(m => m.Id)
                    .ToListAsync(ct);
                if (unset.Count > 0)
                    due.Add(new("standardsUnset", thisMonth, Count: unset.Count,
                        TargetId: unset.Count == 1 ? unset[0] : null));
                break;
            case Roles.Inspector:
                await Problems("answersToVerify", items.Where(i => i.State == ProblemItemState.Answered));
                break;
            case Roles.TownAdmin:
                await Problems("problemsOverdue", items.Where(i => i.State != ProblemItemState.Accepted
                    && i.DueOn < today));
                await OwedInTown(scope.OrgId);
                break;
        }
        return due;

        // Members who owe dues for any of the twelve months before this one (this month is still to be paid): in a
        // branch with what they owe in yuan (the dues ledger's arrears, a branch's members read), in a town counted by
        // one aggregate query, as the dashboard counts them.
        async Task OwedInBranch(int orgId)
        {
            var (from, to) = (thisMonth.AddMonths(-12), thisMonth.AddMonths(-1));
            var arrears = await DuesLedger.ArrearsAsync(scope, db, clock, orgId, $"{from:yyyy-MM}", $"{to:yyyy-MM}",
                ct);
            if (arrears.Value is { Owing: > 0 } a)
                due.Add(new("duesOwed", to, Count: a.Owing, Overdue: a.Months.Sum(m => m.Owing),
                    Amount: a.AmountOwed, TargetId: orgId));
        }

        async Task OwedInTown(int orgId)
        {
            var (from, to) = (thisMonth.AddMonths(-12), thisMonth.AddMonths(-1));
            if (await orgs.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } town)
                return;
            var (months, members) = await LedgerFigures.DuesOwedAsync(db, town, from, to, ct);
            if (members > 0)
                due.Add(new("duesOwed", to, Count: members, Overdue: months, TargetId: orgId));
        }
    }
}
