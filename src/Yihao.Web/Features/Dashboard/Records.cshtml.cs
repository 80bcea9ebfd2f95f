using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>The records behind one of the dashboard's figures (attendance, days, plans, make-ups, stars): the
/// branch-months it counts over the dashboard's period, in the viewer's scope, each leading to its day or its star
/// board. The figure at the top is the dashboard's own, added up from the rows listed.</summary>
public sealed class RecordsModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)]
    public int? OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Figure { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public FigureRecordsView View { get; private set; } = null!;
    public string? Problem { get; private set; }

    /// <summary>The query that names this view's period, for the links back and to the next page.</summary>
    public string PeriodQuery => Year is { Length: > 0 } ? $"year={View.Period}" : $"month={View.Period}";

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = OrgId ?? Me.OrgId;
        var (month, year) = (Month is { Length: > 0 } ? Month : null, Year is { Length: > 0 } ? Year : null);
        var figure = Figure is { Length: > 0 } ? Figure : "held";
        var outcome = await DashboardFigures.RecordsAsync(Me, Db, clock, id, figure, month, year, PageNumber, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
            (Month, Year) = (null, null);
            outcome = await DashboardFigures.RecordsAsync(Me, Db, clock, id, "held", null, null, 1, ct);
        }
        if (!outcome.IsOk)
            return NotFound();
        View = outcome.Value!;
        return Page();
    }

    /// <summary>The figure's name, as the dashboard labels it.</summary>
    public string Label => L.T(View.Figure switch
    {
        "rate" => "Attendance rate",
        "expected" => "Expected",
        "present" => "Present",
        "onlineOrAtDoor" => "Online or at the door",
        "excused" => "Excused",
        "unexcused" => "Unexcused",
        "branchMonths" => "Branch-months",
        "heldOnTime" => "Held on time",
        "notHeld" => "Not held",
        "pending" => "Still to be held",
        "starsRed" => "Red (excellent)",
        "starsYellow" => "Yellow (qualified)",
        "starsBlue" => "Blue (unqualified)",
        "plansSubmitted" => "Submitted",
        "plansOnTime" => "Submitted on time",
        "plansReviewed" => "Reviewed",
        "plansReviewedOnTime" => "Reviewed on time",
        "makeUpsOwed" => "Owed",
        "makeUpsInTime" => "Done in time",
        "makeUpsLate" => "Done late",
        "makeUpsOverdue" => "Overdue",
        _ => "Held",
    });

    /// <summary>Where a row leads: the month's star board for the stars, otherwise the month's activity day, or the
    /// branch's days where it has none that month. A member's rows lead nowhere.</summary>
    public string? Link(FigureRecord r) =>
        Me.IsMember ? null
        : View.Figure.StartsWith("stars", StringComparison.Ordinal) ? $"/Stars/{r.OrgId}?month={r.Month}"
        : r.DayId is { } day ? $"/ActivityDays/{day}"
        : $"/ActivityDays?orgId={r.OrgId}";

    /// <summary>A row's part of the figure: attended of expected for the rate, else the count.</summary>
    public string Value(FigureRecord r) =>
        View.Figure == "rate"
            ? $"{r.Attended} / {r.Expected} "
                + $"({IndexModel.Percent(Math.Round((double)r.Attended / r.Expected, 4), r.Expected)})"
            : r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PageLink(int page) =>
        $"/Dashboard/Records?orgId={View.OrgId}&figure={View.Figure}&{PeriodQuery}&page={page}";
}
