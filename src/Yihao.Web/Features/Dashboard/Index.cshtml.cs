using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>
/// What a node looks like for a month or a year: its figures, each a link to the records behind it, its children's,
/// the charts and the rankings. The district admin's first page.
/// </summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)]
    public int? OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }
    public DashboardView View { get; private set; } = null!;
    public Org Node { get; private set; } = null!;
    public List<Org> Ancestors { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The charts, each as SVG: over the period for a year, over the twelve months up to it for a
    /// month.</summary>
    public List<(string Title, string Svg)> Charts { get; } = [];

    /// <summary>The query that names this view's period, for links to the same period elsewhere.</summary>
    public string PeriodQuery => Year is { Length: > 0 } ? $"year={View.Period}" : $"month={View.Period}";

    public bool IsYear => Year is { Length: > 0 };

    public async Task<IActionResult> OnGetAsync()
    {
        var id = OrgId ?? Me.OrgId;
        var org = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (org is null)
            return NotFound();
        Node = org;
        var today = DistrictTime.Today(clock);
        var period = DashboardFigures.Period(Month is { Length: > 0 } ? Month : null, IsYear ? Year : null, today);
        if (!period.IsOk)
        {
            Problem = string.Join(" ", period.Messages().Select(m => m.Message));
            period = DashboardFigures.Period(null, null, today);
            (Month, Year) = (null, null);
        }
        var (from, to, label) = period.Value;
        View = await DashboardFigures.ForAsync(
            Db,
            org,
            from,
            to,
            label,
            today,
            Me.IsMember,
            HttpContext.RequestAborted
        );
        if (!Me.IsMember)
            View = View with
            {
                Ledgers = await LedgerFigures.ForAsync(Db, org, from, to, today, HttpContext.RequestAborted),
            };
        var ids = org
            .Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .Where(i => i != org.Id)
            .ToList();
        var span = IsYear
            ? View
            : await DashboardFigures.ForAsync(
                Db,
                org,
                from.AddMonths(-11),
                to,
                label,
                today,
                Me.IsMember,
                HttpContext.RequestAborted
            );
        Charts.Add((L.T("Attendance rate by month"), Dashboard.Charts.AttendanceTrend(span.Trend)));
        Charts.Add((L.T("Stars by month"), Dashboard.Charts.StarDistribution(span.Trend)));
        if (!org.IsBranch)
            Charts.Add((L.T("Attendance by branch and month"), Dashboard.Charts.HeatMap(span.Branches, span.Trend)));
        AddRankings(org);
        Ancestors = await Me.Orgs(Db).AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Depth).ToListAsync();
        return Page();
    }

    /// <summary>Rankings over the period: towns (under the district) and branches, best and worst ten, by attendance
    /// and by days held on the 1st.</summary>
    void AddRankings(Org org)
    {
        if (org.IsBranch)
            return;
        var months = View.Trend.Count;
        if (org.Kind == OrgKind.District)
        {
            var towns = View
                .Children.Where(c => c.Figures.Attendance.Expected > 0)
                .Select(c => new Ranked(c.OrgId, c.Name, c.Figures.Attendance.Rate));
            var (best, worst) = Dashboard.Charts.BestAndWorst(towns);
            Charts.Add(
                (
                    L.T("Towns with the highest attendance"),
                    Dashboard.Charts.Ranking(L.T("Towns with the highest attendance"), best)
                )
            );
            Charts.Add(
                (
                    L.T("Towns with the lowest attendance"),
                    Dashboard.Charts.Ranking(L.T("Towns with the lowest attendance"), worst)
                )
            );
        }
        var rated = View
            .Branches.Where(b => b.Rate is not null)
            .Select(b => new Ranked(b.OrgId, b.Name, b.Rate!.Value));
        var (top, bottom) = Dashboard.Charts.BestAndWorst(rated);
        Charts.Add(
            (
                L.T("Branches with the highest attendance"),
                Dashboard.Charts.Ranking(L.T("Branches with the highest attendance"), top)
            )
        );
        Charts.Add(
            (
                L.T("Branches with the lowest attendance"),
                Dashboard.Charts.Ranking(L.T("Branches with the lowest attendance"), bottom)
            )
        );
        var onTime = View.Branches.Select(b => new Ranked(b.OrgId, b.Name, (double)b.HeldOnTime / Math.Max(months, 1)));
        var (early, late) = Dashboard.Charts.BestAndWorst(onTime);
        Charts.Add(
            (L.T("Branches most often on time"), Dashboard.Charts.Ranking(L.T("Branches most often on time"), early))
        );
        Charts.Add(
            (L.T("Branches least often on time"), Dashboard.Charts.Ranking(L.T("Branches least often on time"), late))
        );
    }

    /// <summary>A rate as a percentage, or a dash where nobody was expected.</summary>
    public static string Percent(double rate, int expected) =>
        expected == 0 ? "—" : (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Where the records behind a figure are listed, in the viewer's scope, for the period: a branch's star
    /// board for a month's stars, the warnings with their filter, otherwise the branch-months the figure counts
    /// (<see cref="RecordsModel"/>).</summary>
    public string Records(string figure, string? filter = null)
    {
        var month = IsYear ? "" : View.Period;
        if (figure.StartsWith("stars", StringComparison.Ordinal) && Node.IsBranch && month.Length > 0)
            return $"/Stars/{Node.Id}?month={month}";
        if (figure == "warnings")
            return $"/Warnings?orgId={Node.Id}"
                + (filter is null ? "" : $"&{filter}")
                + (month.Length > 0 ? $"&month={month}" : "");
        return $"/Dashboard/Records?orgId={Node.Id}&figure={figure}&{PeriodQuery}";
    }
}
