using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>The printable monthly report (打印月报) of a town or the district, on A4 in Chinese: the month's figures,
/// the charts, the best and worst ten branches, the branches with red warnings and the overdue problem lists. Printed
/// by the browser (Chromium's print to PDF makes its PDF).</summary>
public sealed class ReportModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)]
    public int OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public MonthReportView Report { get; private set; } = null!;
    public List<(string Title, string Svg)> Charts { get; } = [];
    public string? Problem { get; private set; }

    /// <summary>The month as the report's title says it: 2026年12月.</summary>
    public string MonthTitle
    {
        get
        {
            var m = Report.View.From;
            return L.IsChinese ? $"{m[..4]}年{int.Parse(m[5..], System.Globalization.CultureInfo.InvariantCulture)}月"
                : m;
        }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var report = await MonthReport.ForAsync(Me, Db, clock, OrgId, Month, HttpContext.RequestAborted);
        if (report.Kind == OutcomeKind.Invalid)
        {
            Problem = string.Join(" ", report.Messages().Select(m => m.Message));
            report = await MonthReport.ForAsync(Me, Db, clock, OrgId, null, HttpContext.RequestAborted);
        }
        if (!report.IsOk)
            return report.Kind == OutcomeKind.Forbidden ? Forbid() : NotFound();
        Report = report.Value!;
        Charts.Add((L.T("Attendance rate by month"), Dashboard.Charts.AttendanceTrend(Report.Year.Trend)));
        Charts.Add((L.T("Stars by month"), Dashboard.Charts.StarDistribution(Report.Year.Trend)));
        if (Report.View.Kind == "district")
        {
            var towns = Report.View.Children.Where(c => c.Figures.Attendance.Expected > 0)
                .Select(c => new Ranked(c.OrgId, c.Name, c.Figures.Attendance.Rate));
            var (best, worst) = Dashboard.Charts.BestAndWorst(towns);
            Charts.Add((L.T("Towns with the highest attendance"),
                Dashboard.Charts.Ranking(L.T("Towns with the highest attendance"), best)));
            Charts.Add((L.T("Towns with the lowest attendance"),
                Dashboard.Charts.Ranking(L.T("Towns with the lowest attendance"), worst)));
        }
        Charts.Add((L.T("Branches with the highest attendance"),
            Dashboard.Charts.Ranking(L.T("Branches with the highest attendance"), Report.Best)));
        Charts.Add((L.T("Branches with the lowest attendance"),
            Dashboard.Charts.Ranking(L.T("Branches with the lowest attendance"), Report.Worst)));
        return Page();
    }
}
