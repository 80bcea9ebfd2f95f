using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>One of the source's results beside Yihao's own: what the 2017 report said (its figure) and what the
/// records of the year say. Attendance adds its months with a day and those at or above 90%; volunteers, the town that
/// raised the most (the source's were one town's) and the node's whole number.</summary>
public sealed record YearResult(string Figure, double Source, double Value)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Months { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MonthsAtTarget { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Total { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? UnitId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; init; }
}

/// <summary>一年成效: a node's year (January to December, up to this month in the current year) against the source's
/// headline figures, each computed from the records (docs/figures.md).</summary>
public sealed record YearResultsView(
    int OrgId, string Name, string Kind, int Year, string From, string To, bool HasRecords,
    IReadOnlyList<YearResult> Results);

public static class YearResults
{
    /// <summary>The source's figures for 2016 (source-article.txt): attendance at or above 90%, 830+ disputes
    /// resolved, 16,000+ things done, 30,000+ commitments fulfilled, 200+ volunteers in one town after a
    /// hailstorm.</summary>
    public static readonly (string Figure, double Source)[] Source =
    [
        ("attendanceRate", 0.9), ("disputesResolved", 830), ("thingsDone", 16_000),
        ("commitmentsFulfilled", 30_000), ("volunteers", 200),
    ];

    /// <summary>The year's months: January to December, up to this month in the current year (the current year
    /// when none is asked for).</summary>
    static Outcome<(DateOnly From, DateOnly To, string Period)> Year(string? year, DateOnly today)
    {
        var y = today.Year;
        if (year is { Length: > 0 } && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y)
            || y < 2000 || y > 2100))
            return Fail.Invalid("year", "Write the year as 2026.");
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        return (new DateOnly(y, 1, 1), y == today.Year ? thisMonth : new DateOnly(y, 12, 1), $"{y}");
    }

    public static async Task<Outcome<YearResultsView>> ForAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int orgId, string? year, CancellationToken ct = default)
    {
        var report = await DashboardFigures.ReportAsync(scope, db, clock, orgId, today => Year(year, today), ct);
        if (!report.IsOk)
            return new Fail(report.Kind, report.Problems);
        var (org, today, from, to, view) = report.Value!;
        var y = from.Year;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var ledgers = await LedgerFigures.ForAsync(db, org, from, to, today, ct);
        var a = view.Figures.Attendance;
        var months = view.Trend.Where(m => m.Figures.Attendance.Expected > 0).ToList();
        var high = months.Count(m => m.Figures.Attendance.Rate >= 0.9);

        // The source's 200 volunteers were one town's: the district's answer is its town that raised the most.
        var units = org.Kind == OrgKind.District
            ? await db.Orgs.AsNoTracking().Where(o => o.DistrictId == org.DistrictId && o.ParentId == org.Id
                && o.Kind == OrgKind.Town).OrderBy(o => o.Id).ToListAsync(ct)
            : [org];
        var (most, town) = (0, (Org?)null);
        foreach (var u in units)
        {
            var n = await LedgerFigures.VolunteersAsync(db, u, from, to, ct);
            if (n > most)
                (most, town) = (n, u);
        }
        double Src(string f) => Source.First(s => s.Figure == f).Source;
        return new YearResultsView(org.Id, org.Name, Words.Camel(org.Kind), y, $"{from:yyyy-MM}", $"{to:yyyy-MM}",
            from <= thisMonth && (view.HasRecords || ledgers.InspectionsDone + ledgers.CommitmentsMade
                + ledgers.DisputesResolved + ledgers.ThingsDone + ledgers.Volunteers > 0),
            [
                new("attendanceRate", Src("attendanceRate"), a.Expected == 0 ? 0 : a.Rate)
                {
                    Months = months.Count, MonthsAtTarget = high,
                },
                new("disputesResolved", Src("disputesResolved"), ledgers.DisputesResolved),
                new("thingsDone", Src("thingsDone"), ledgers.ThingsDone),
                new("commitmentsFulfilled", Src("commitmentsFulfilled"), ledgers.CommitmentsFulfilled),
                new("volunteers", Src("volunteers"), most)
                {
                    Total = ledgers.Volunteers, UnitId = town?.Id, Unit = town?.Name,
                },
            ]);
    }
}
