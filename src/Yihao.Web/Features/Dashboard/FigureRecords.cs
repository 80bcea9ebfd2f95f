using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>One branch's month that a figure counts: how much it adds to the figure, and its day where it has one
/// (for the attendance rate, the attended and expected members behind the value).</summary>
public sealed record FigureRecord(
    int OrgId,
    string Branch,
    string Month,
    int Value,
    int? DayId,
    int Attended,
    int Expected
);

/// <summary>The records behind one of the dashboard's figures over a period: the branch-months it counts, the figure
/// as the dashboard shows it (the sum of their values; for the rate, attended over expected) and one page of
/// them.</summary>
public sealed record FigureRecordsView(
    int OrgId,
    string Name,
    string Figure,
    string Period,
    string From,
    string To,
    int Total,
    int Count,
    int Page,
    int Pages,
    IReadOnlyList<FigureRecord> Records
)
{
    /// <summary>The figure as the dashboard writes it: a count, or the rate in percent.</summary>
    public string Shown =>
        Figure == "rate"
            ? IndexModel.Percent(Expected == 0 ? 0 : Math.Round((double)Attended / Expected, 4), Expected)
            : Total.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Attended { get; init; }
    public int Expected { get; init; }
}

public static partial class DashboardFigures
{
    /// <summary>How many records a page of them lists.</summary>
    public const int RecordsPageSize = 100;

    /// <summary>The figures whose records are branch-months, and whether a member may see them (the branch's public
    /// figures: attendance, days, stars).</summary>
    public static readonly IReadOnlyDictionary<string, bool> RecordFigures = new Dictionary<string, bool>
    {
        ["rate"] = true,
        ["expected"] = true,
        ["present"] = true,
        ["onlineOrAtDoor"] = true,
        ["excused"] = true,
        ["unexcused"] = true,
        ["branchMonths"] = true,
        ["held"] = true,
        ["heldOnTime"] = true,
        ["notHeld"] = true,
        ["pending"] = true,
        ["starsRed"] = true,
        ["starsYellow"] = true,
        ["starsBlue"] = true,
        ["plansSubmitted"] = false,
        ["plansOnTime"] = false,
        ["plansReviewed"] = false,
        ["plansReviewedOnTime"] = false,
        ["makeUpsOwed"] = false,
        ["makeUpsInTime"] = false,
        ["makeUpsLate"] = false,
        ["makeUpsOverdue"] = false,
    };

    /// <summary>What one branch-month adds to a figure, by the rules <see cref="ForAsync(YihaoDb, Org, DateOnly,
    /// DateOnly, string, DateOnly, bool, CancellationToken)"/> adds them up by: a branch-month counts where the branch
    /// existed or held a day; a month over without a held day is not held, the current one still to be held.</summary>
    static int ValueOf(string figure, MonthRollup? r, bool counted, DateOnly month, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var held = r?.Held ?? 0;
        if (figure is "branchMonths" or "notHeld" or "pending")
            return !counted ? 0
                : figure == "branchMonths" ? 1
                : held > 0 ? 0
                : figure == "notHeld" ? (month < thisMonth ? 1 : 0)
                : month == thisMonth ? 1 : 0;
        if (r is null)
            return 0;
        return figure switch
        {
            "rate" or "expected" => ExpectedOf(r),
            "present" => r.Present,
            "onlineOrAtDoor" => r.Online + r.AtDoor,
            "excused" => r.Excused,
            "unexcused" => r.Unexcused,
            "held" => r.Held,
            "heldOnTime" => r.HeldOnTime,
            "starsRed" => r.StarsRed,
            "starsYellow" => r.StarsYellow,
            "starsBlue" => r.StarsBlue,
            "plansSubmitted" => r.PlansSubmitted,
            "plansOnTime" => r.PlansOnTime,
            "plansReviewed" => r.PlansReviewed,
            "plansReviewedOnTime" => r.PlansReviewedOnTime,
            "makeUpsOwed" => r.MakeUps,
            "makeUpsInTime" => r.MakeUpsInTime,
            "makeUpsLate" => r.MakeUpsLate,
            _ => r.MakeUpsOpenDue is { } due && today > due ? r.MakeUpsOpen : 0,
        };
    }

    static int ExpectedOf(MonthRollup r)
    {
        var rows = r.Present + r.Excused + r.Unexcused + r.Online + r.AtDoor;
        return r.Held > 0 ? rows : Math.Max(r.Members, rows);
    }

    /// <summary>
    /// The branch-months behind a figure of a node's dashboard for a month or a year, in the viewer's scope (an org
    /// outside it is not found, as a figure a member may not see), from the same rollups as the figure, newest month
    /// first; a page of <see cref="RecordsPageSize"/>.
    /// </summary>
    public static async Task<Outcome<FigureRecordsView>> RecordsAsync(
        Scope scope,
        YihaoDb db,
        TimeProvider clock,
        int orgId,
        string? figure,
        string? month,
        string? year,
        int page = 1,
        CancellationToken ct = default
    )
    {
        var node = await NodeAsync(scope, db, clock, orgId, today => Period(month, year, today), ct);
        if (!node.IsOk)
            return new Fail(node.Kind, node.Problems);
        if (figure is null || !RecordFigures.TryGetValue(figure, out var isPublic))
            return Fail.Invalid("figure", "Choose one of the dashboard's figures.");
        if (scope.IsMember && !isPublic)
            return Fail.NotFound;
        var (org, today, from, to, label) = node.Value;
        var (tree, rollups) = await TreeAndRollupsAsync(db, org, from, to, ct);
        var byKey = rollups.ToDictionary(r => (r.OrgId, r.Month));
        var rows = new List<(Node Branch, DateOnly Month, int Value, MonthRollup? Rollup)>();
        foreach (var b in tree.Where(n => n.Kind.IsBranch()))
            for (var m = to; m >= from; m = m.AddMonths(-1))
            {
                var r = byKey.GetValueOrDefault((b.Id, m));
                var value = ValueOf(figure, r, Exists(b, m) || r?.Days > 0, m, today);
                if (value > 0)
                    rows.Add((b, m, value, r));
            }
        rows = [.. rows.OrderByDescending(x => x.Month).ThenBy(x => x.Branch.Path, StringComparer.Ordinal)];
        var pages = Math.Max(1, (rows.Count + RecordsPageSize - 1) / RecordsPageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = rows.Skip((page - 1) * RecordsPageSize).Take(RecordsPageSize).ToList();
        var ids = shown.Select(x => x.Branch.Id).Distinct().ToList();
        var days = await db
            .ActivityDays.AsNoTracking()
            .Where(d => d.DistrictId == org.DistrictId && ids.Contains(d.OrgId) && d.Month >= from && d.Month <= to)
            .Select(d => new { d.Id, d.OrgId, d.Month })
            .ToListAsync(ct);
        var dayOf = days.GroupBy(d => (d.OrgId, d.Month)).ToDictionary(g => g.Key, g => g.Max(d => d.Id));
        static int AttendedOf(MonthRollup? r) => r is null ? 0 : r.Present + r.Online + r.AtDoor;
        return new FigureRecordsView(
            org.Id,
            org.Name,
            figure,
            label,
            $"{from:yyyy-MM}",
            $"{to:yyyy-MM}",
            rows.Sum(x => x.Value),
            rows.Count,
            page,
            pages,
            [
                .. shown.Select(x => new FigureRecord(
                    x.Branch.Id,
                    x.Branch.Name,
                    $"{x.Month:yyyy-MM}",
                    x.Value,
                    dayOf.TryGetValue((x.Branch.Id, x.Month), out var day) ? day : null,
                    AttendedOf(x.Rollup),
                    x.Rollup is null ? 0 : ExpectedOf(x.Rollup)
                )),
            ]
        )
        {
            Attended = rows.Sum(x => AttendedOf(x.Rollup)),
            Expected = rows.Sum(x => x.Rollup is null ? 0 : ExpectedOf(x.Rollup)),
        };
    }
}
