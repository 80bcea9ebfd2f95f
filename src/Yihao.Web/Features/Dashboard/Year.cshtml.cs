using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>一年成效: the source's figures beside the year's own, each with how it was computed and a link to the
/// records behind it. The handler is the API's.</summary>
public sealed class YearModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)]
    public int OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public YearResultsView View { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var outcome = await YearResults.ForAsync(Me, Db, clock, OrgId, Year, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
            outcome = await YearResults.ForAsync(Me, Db, clock, OrgId, null, ct);
        }
        if (!outcome.IsOk)
            return outcome.Kind == OutcomeKind.Forbidden ? Forbid() : NotFound();
        View = outcome.Value!;
        return Page();
    }

    /// <summary>The figure as the page shows it: a rate in percent, a count as it is.</summary>
    public static string Show(YearResult r) => r.Figure == "attendanceRate"
        ? (r.Value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%"
        : r.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    public string Name(YearResult r) => L.T(r.Figure switch
    {
        "attendanceRate" => "Attendance rate",
        "disputesResolved" => "Disputes resolved",
        "thingsDone" => "Things done",
        "commitmentsFulfilled" => "Commitments fulfilled",
        _ => "Volunteers",
    });

    /// <summary>The source's words for its figure (2016, source-article.txt).</summary>
    public static string Said(YearResult r) => L.T(r.Figure switch
    {
        "attendanceRate" => "Attendance mostly at or above 90%",
        "disputesResolved" => "More than 830 disputes resolved",
        "thingsDone" => "More than 16,000 things done for the people",
        "commitmentsFulfilled" => "More than 30,000 commitments fulfilled",
        _ => "More than 200 volunteers in one town after a hailstorm",
    });

    /// <summary>How the figure was computed, the sentence of docs/figures.md.</summary>
    public string How(YearResult r) => r.Figure switch
    {
        "attendanceRate" => L.T(
            "Attended ÷ expected over the year's branches and months; {0} of {1} months with a day reached 90%.",
            r.MonthsAtTarget ?? 0, r.Months ?? 0),
        "disputesResolved" => L.T("Confirmed ledger entries of disputes resolved, done in the year."),
        "thingsDone" => L.T("Confirmed ledger entries of things done for the people, done in the year."),
        "commitmentsFulfilled" => L.T("Commitments whose fulfilment was confirmed in the year."),
        _ => r.Unit is { } unit
            ? L.T("Distinct members on confirmed volunteering done in the year, in {0} (the most); {1} in all.",
                unit, r.Total ?? 0)
            : L.T("No confirmed volunteering entries in the year."),
    };

    /// <summary>Where the records behind the figure are listed, in the viewer's scope.</summary>
    public string Records(YearResult r)
    {
        var (id, y) = (View.OrgId, View.Year);
        return r.Figure switch
        {
            "attendanceRate" => $"/Dashboard?orgId={id}&year={y}",
            "disputesResolved" => $"/Service/Ledger?orgId={id}&period={y}&metric=disputesResolved",
            "thingsDone" => $"/Service/Ledger?orgId={id}&period={y}&metric=thingsDone",
            "commitmentsFulfilled" => $"/Commitments/Board/{id}?year={y}",
            _ => $"/Service/Ledger?orgId={r.UnitId ?? id}&period={y}&metric=volunteering",
        };
    }
}
