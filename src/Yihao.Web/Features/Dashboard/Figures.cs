using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>到会率: (present + online + at door) / expected; an open day expects the branch's members now.</summary>
public sealed record AttendanceFigures(
    int Expected,
    int Present,
    int Excused,
    int Unexcused,
    int Online,
    int AtDoor,
    double Rate
);

/// <summary>Activity days: branches that hold them, held (closed), held on the 1st, not held in a month that is over,
/// still to be held in the current one.</summary>
public sealed record DayFigures(int Branches, int Held, int HeldOnTime, int NotHeld, int Pending);

/// <summary>Plans submitted (by the policy's deadline), reviewed (before their month began).</summary>
public sealed record PlanFigures(int Submitted, int SubmittedOnTime, int Reviewed, int ReviewedOnTime);

/// <summary>Make-ups owed by the month's absences: done in time, done late, open, and of the open ones
/// overdue.</summary>
public sealed record MakeUpFigures(int Owed, int DoneInTime, int DoneLate, int Open, int Overdue);

public sealed record StarFigures(int Red, int Yellow, int Blue);

/// <summary>Warnings raised for the month, by level, and where they stand now.</summary>
public sealed record WarningFigures(int Yellow, int Red, int Open, int FollowedUp, int Resolved);

/// <summary>
/// A node's figures for a month or a span of months, one group per area. More groups join as their areas come
/// (supervision, service, dues): each is a property that is left out of the JSON while it is null. A member sees only
/// the branch's public groups (attendance, days, stars).
/// </summary>
public sealed record Figures(AttendanceFigures Attendance, DayFigures Days, StarFigures Stars)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanFigures? Plans { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MakeUpFigures? MakeUps { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WarningFigures? Warnings { get; init; }
}

public sealed record NodeFigures(int OrgId, string Name, string Kind, Figures Figures);

public sealed record MonthFigures(string Month, Figures Figures);

/// <summary>A node's dashboard: its figures over the period, its children's, and month by month (the trend); for a
/// span, each branch's attendance month by month (the heat map).</summary>
public sealed record DashboardView(
    int OrgId,
    string Name,
    string Kind,
    string Period,
    string From,
    string To,
    bool HasRecords,
    Figures Figures,
    IReadOnlyList<NodeFigures> Children,
    IReadOnlyList<MonthFigures> Trend
)
{
    [JsonIgnore]
    public IReadOnlyList<BranchMonths> Branches { get; init; } = [];

    /// <summary>The ledgers' figures of the node over the period (not for members).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LedgerFigures? Ledgers { get; init; }
}

/// <summary>One branch's rate per month of the period (null where it had no day) and over it, for rankings and the
/// heat map.</summary>
public sealed record BranchMonths(
    int OrgId,
    string Name,
    string Path,
    double?[] Rates,
    double? Rate,
    int Held,
    int HeldOnTime
);

/// <summary>The dashboard's figures, added up the tree from the rollups (never from the raw rows).</summary>
public static partial class DashboardFigures
{
    /// <summary>The months a request asks for: <c>month=2026-12</c>, or <c>year=2026</c> (its twelve months; the
    /// current year's twelve months up to this one, a rolling year).</summary>
    public static Outcome<(DateOnly From, DateOnly To, string Period)> Period(
        string? month,
        string? year,
        DateOnly today
    )
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (month is not null && year is not null)
            return Fail.Invalid("month", "Ask for a month or a year, not both.");
        if (year is not null)
        {
            if (
                !int.TryParse(
                    year,
                    System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var y
                )
                || y < 2000
                || y > 2100
            )
                return Fail.Invalid("year", "Write the year as 2026.");
            var to = y == today.Year ? thisMonth : new DateOnly(y, 12, 1);
            return (to.AddMonths(-11), to, $"{y}");
        }
        if (month is null)
            return (thisMonth, thisMonth, $"{thisMonth:yyyy-MM}");
        if (ActivityDays.Plans.ParseMonth(month) is not { } m || m.Year < 2000 || m.Year > 2100)
            return Fail.Invalid("month", "Write the month as 2026-12.");
        return (m, m, $"{m:yyyy-MM}");
    }

    sealed record Node(
        int Id,
        int? ParentId,
        string Path,
        string Name,
        OrgKind Kind,
        DateOnly? StartsOn,
        DateOnly? EndsOn,
        DateOnly? ClosedOn,
        DateTime CreatedAt
    )
    {
        public DateOnly Made { get; } = DateOnly.FromDateTime(DistrictTime.Local(CreatedAt));
    }

    public static async Task<Outcome<DashboardView>> ForAsync(
        Scope scope,
        YihaoDb db,
        TimeProvider clock,
        int orgId,
        string? month,
        string? year,
        CancellationToken ct = default
    )
    {
        var node = await NodeAsync(scope, db, clock, orgId, today => Period(month, year, today), ct);
        if (!node.IsOk)
            return new Fail(node.Kind, node.Problems);
        var (org, today, from, to, label) = node.Value;
        var view = await ForAsync(db, org, from, to, label, today, scope.IsMember, ct);
        return scope.IsMember
            ? view
            : view with { Ledgers = await LedgerFigures.ForAsync(db, org, from, to, today, ct) };
    }

    public static async Task<DashboardView> ForAsync(
        YihaoDb db,
        Org org,
        DateOnly from,
        DateOnly to,
        string label,
        DateOnly today,
        bool publicOnly,
        CancellationToken ct = default
    )
    {
        var (tree, rollups) = await TreeAndRollupsAsync(db, org, from, to, ct);
        var byKey = rollups.ToDictionary(r => (r.OrgId, r.Month));
        var months = new List<DateOnly>();
        for (var m = from; m <= to; m = m.AddMonths(1))
            months.Add(m);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var branches = tree.Where(n => n.Kind.IsBranch()).ToList();

        Figures Sum(IEnumerable<Node> nodes, IReadOnlyList<DateOnly> span)
        {
            var t = new MonthRollup();
            int expected = 0,
                counted = 0,
                notHeld = 0,
                pending = 0,
                overdue = 0;
            foreach (var b in nodes)
                foreach (var m in span)
                {
                    var exists = Exists(b, m);
                    if (byKey.TryGetValue((b.Id, m), out var r))
                    {
                        var rows = r.Present + r.Excused + r.Unexcused + r.Online + r.AtDoor;
                        expected += r.Held > 0 ? rows : Math.Max(r.Members, rows);
                        t.Present += r.Present;
                        t.Excused += r.Excused;
                        t.Unexcused += r.Unexcused;
                        t.Online += r.Online;
                        t.AtDoor += r.AtDoor;
                        t.Held += r.Held;
                        t.HeldOnTime += r.HeldOnTime;
                        t.PlansSubmitted += r.PlansSubmitted;
                        t.PlansOnTime += r.PlansOnTime;
                        t.PlansReviewed += r.PlansReviewed;
                        t.PlansReviewedOnTime += r.PlansReviewedOnTime;
                        t.MakeUps += r.MakeUps;
                        t.MakeUpsInTime += r.MakeUpsInTime;
                        t.MakeUpsLate += r.MakeUpsLate;
                        t.MakeUpsOpen += r.MakeUpsOpen;
                        if (r.MakeUpsOpenDue is { } due && today > due)
                            overdue += r.MakeUpsOpen;
                        t.StarsRed += r.StarsRed;
                        t.StarsYellow += r.StarsYellow;
                        t.StarsBlue += r.StarsBlue;
                        t.WarningsYellow += r.WarningsYellow;
                        t.WarningsRed += r.WarningsRed;
                        t.WarningsOpen += r.WarningsOpen;
                        t.WarningsFollowedUp += r.WarningsFollowedUp;
                        t.WarningsResolved += r.WarningsResolved;
                        if (!exists && r.Days > 0)
                            exists = true; // a day held by a branch since closed still counts
                    }
                    if (!exists)
                        continue;
                    counted++;
                    var held = r?.Held ?? 0;
                    if (held == 0 && m < thisMonth)
                        notHeld++;
                    else if (held == 0 && m == thisMonth)
                        pending++;
                }
            var took = t.Present + t.Online + t.AtDoor;
            var rate = expected == 0 ? 0 : Math.Round((double)took / expected, 4);
            var figures = new Figures(
                new AttendanceFigures(expected, t.Present, t.Excused, t.Unexcused, t.Online, t.AtDoor, rate),
                new DayFigures(counted, t.Held, t.HeldOnTime, notHeld, pending),
                new StarFigures(t.StarsRed, t.StarsYellow, t.StarsBlue)
            );
            return publicOnly
                ? figures
                : figures with
                {
                    Plans = new PlanFigures(t.PlansSubmitted, t.PlansOnTime, t.PlansReviewed, t.PlansReviewedOnTime),
                    MakeUps = new MakeUpFigures(t.MakeUps, t.MakeUpsInTime, t.MakeUpsLate, t.MakeUpsOpen, overdue),
                    Warnings = new WarningFigures(
                        t.WarningsYellow,
                        t.WarningsRed,
                        t.WarningsOpen,
                        t.WarningsFollowedUp,
                        t.WarningsResolved
                    ),
                };
        }
        IEnumerable<Node> Under(string path) => branches.Where(b => b.Path.StartsWith(path, StringComparison.Ordinal));

        var children = tree.Where(n => n.ParentId == org.Id)
            .OrderBy(n => n.Id)
            .Select(n => new NodeFigures(n.Id, n.Name, Words.Camel(n.Kind), Sum(Under(n.Path), months)))
            .ToList();
        var trend = months.Select(m => new MonthFigures($"{m:yyyy-MM}", Sum(Under(org.Path), [m]))).ToList();
        var perBranch = Under(org.Path)
            .Select(b =>
            {
                var rates = months.Select(m => byKey.TryGetValue((b.Id, m), out var r) ? RateOf(r) : null).ToArray();
                var all = months.Select(m => byKey.GetValueOrDefault((b.Id, m))).OfType<MonthRollup>().ToList();
                var sum = Sum([b], months);
                return new BranchMonths(
                    b.Id,
                    b.Name,
                    b.Path,
                    rates,
                    sum.Attendance.Expected == 0 ? null : sum.Attendance.Rate,
                    all.Sum(r => r.Held),
                    all.Sum(r => r.HeldOnTime)
                );
            })
            .ToList();
        return new DashboardView(
            org.Id,
            org.Name,
            Words.Camel(org.Kind),
            label,
            $"{from:yyyy-MM}",
            $"{to:yyyy-MM}",
            rollups.Count > 0,
            Sum(Under(org.Path), months),
            children,
            trend
        )
        {
            Branches = perBranch,
        };
    }

    /// <summary>The node's subtree, and the rollups of its branches for the months.</summary>
    static async Task<(List<Node> Tree, List<MonthRollup> Rollups)> TreeAndRollupsAsync(
        YihaoDb db,
        Org org,
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    )
    {
        var tree = await db
            .Orgs.AsNoTracking()
            .Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(org.Path))
            .Select(o => new Node(
                o.Id,
                o.ParentId,
                o.Path,
                o.Name,
                o.Kind,
                o.StartsOn,
                o.EndsOn,
                o.ClosedOn,
                o.CreatedAt
            ))
            .ToListAsync(ct);
        var rollups = await db.Set<MonthRollup>()
            .AsNoTracking()
            .Where(r =>
                r.DistrictId == org.DistrictId
                && r.Month >= from
                && r.Month <= to
                && db.Orgs.Any(o => o.Id == r.OrgId && o.Path.StartsWith(org.Path))
            )
            .ToListAsync(ct);
        return (tree, rollups);
    }

    // A branch counts in a month it existed in: made by its end, not closed before it, a temporary one within its
    // life; and in any month it has a day of.
    static bool Exists(Node b, DateOnly m) =>
        b.Made < m.AddMonths(1)
        && (b.ClosedOn is not { } closed || closed >= m)
        && (b.StartsOn is not { } starts || starts < m.AddMonths(1))
        && (b.EndsOn is not { } ends || ends >= m);

    static double? RateOf(MonthRollup r)
    {
        var rows = r.Present + r.Excused + r.Unexcused + r.Online + r.AtDoor;
        var expected = r.Held > 0 ? rows : Math.Max(r.Members, rows);
        return expected == 0 ? null : Math.Round((double)(r.Present + r.Online + r.AtDoor) / expected, 4);
    }
}
