using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>A branch with red warnings raised for the month: how many, and how many still open.</summary>
public sealed record RedWarningBranch(int OrgId, string Name, int Red, int Open);

/// <summary>A problem list with items past their due date and not accepted: its branch, when it was issued, its
/// overdue items and the earliest due date among them.</summary>
public sealed record OverdueList(int ListId, int OrgId, string Branch, DateTime IssuedAt, int Overdue,
    DateOnly FirstDue);

/// <summary>The monthly report (月报) of a town or the district: the month's figures, the best and worst ten branches
/// by attendance, the branches with red warnings and the problem lists overdue as of today (or the month's last day
/// for a month that is over: an item overdue then and still not accepted).</summary>
public sealed record MonthReportView(
    DashboardView View,
    DashboardView Year,
    IReadOnlyList<Ranked> Best,
    IReadOnlyList<Ranked> Worst,
    IReadOnlyList<RedWarningBranch> RedWarnings,
    IReadOnlyList<OverdueList> Overdue,
    DateOnly AsOf);

public static class MonthReport
{
    public static async Task<Outcome<MonthReportView>> ForAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int orgId, string? month, CancellationToken ct = default)
    {
        var report = await DashboardFigures.ReportAsync(scope, db, clock, orgId,
            today => DashboardFigures.Period(month is { Length: > 0 } ? month : null, null, today), ct);
        if (!report.IsOk)
            return new Fail(report.Kind, report.Problems);
        var (org, today, from, _, view) = report.Value!;
        var label = view.Period;
        var year = await DashboardFigures.ForAsync(db, org, from.AddMonths(-11), from, label, today, false, ct);
        var (best, worst) = Charts.BestAndWorst(view.Branches.Where(b => b.Rate is not null)
            .Select(b => new Ranked(b.OrgId, b.Name, b.Rate!.Value)));

        var under = db.Orgs.Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(org.Path));
        var red = await db.Warnings.AsNoTracking()
            .Where(w => w.DistrictId == org.DistrictId && w.Month == from && w.Level == WarningLevel.Red
                && under.Any(o => o.Id == w.OrgId))
            .GroupBy(w => w.OrgId)
            .Select(g => new
            {
                OrgId = g.Key,
                Red = g.Count(),
                Open = g.Count(w => w.Status != WarningStatus.Resolved),
            })
            .ToListAsync(ct);
        var asOf = from.AddMonths(1) <= today ? from.AddMonths(1).AddDays(-1) : today;
        var overdue = await db.ProblemItems.AsNoTracking()
            .Where(i => i.DistrictId == org.DistrictId && i.State != ProblemItemState.Accepted && i.DueOn < asOf
                && under.Any(o => o.Id == i.OrgId))
            .GroupBy(i => new { i.ListId, i.OrgId })
            .Select(g => new { g.Key.ListId, g.Key.OrgId, Count = g.Count(), First = g.Min(i => i.DueOn) })
            .ToListAsync(ct);
        var listIds = overdue.Select(o => o.ListId).ToList();
        var issued = await db.ProblemLists.AsNoTracking().Where(l => listIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.IssuedAt, ct);
        var ids = red.Select(r => r.OrgId).Concat(overdue.Select(o => o.OrgId)).Distinct().ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new MonthReportView(view, year, best, worst,
            [.. red.Select(r => new RedWarningBranch(r.OrgId, names.GetValueOrDefault(r.OrgId, ""), r.Red, r.Open))
                .OrderByDescending(r => r.Red).ThenBy(r => r.Name, StringComparer.Ordinal)],
            [.. overdue.Select(o => new OverdueList(o.ListId, o.OrgId, names.GetValueOrDefault(o.OrgId, ""),
                    issued.GetValueOrDefault(o.ListId), o.Count, o.First))
                .OrderBy(o => o.FirstDue).ThenBy(o => o.ListId)],
            asOf);
    }
}
