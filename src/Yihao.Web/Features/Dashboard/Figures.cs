using System.Linq.Expressions;
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

    /// <summary>
    /// The node's figures over the months, its children's, month by month and each branch's, added up by the
    /// database: for a span, the rollups' sums by branch and by month, and of each branch-month only what the days'
    /// counts and the heat map need (<see cref="Cell"/>); for one month its rollups, which are both.
    /// </summary>
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
        var tree = await TreeAsync(db, org, ct);
        var rows = RowsOf(RollupsOf(db, org, from, to), today);
        var sums = from == to
            ? [.. (await rows.ToListAsync(ct)).Select(r => new Keyed<int>(r.OrgId, r))]
            : await SumsAsync(rows, r => r.OrgId, ct);
        var cells = from == to ? [.. sums.Select(s => s.Sums.Cell)] : await CellsAsync(rows, ct);
        var months = new List<DateOnly>();
        for (var m = from; m <= to; m = m.AddMonths(1))
            months.Add(m);
        var tally = new Tally(tree.Where(n => n.Kind.IsBranch()).ToList(), months, sums, cells, today, publicOnly);
        var figures = tally.Over(org.Path);
        var trend = from == to
            ? [new MonthFigures($"{from:yyyy-MM}", figures)]
            : tally.Trend(await SumsAsync(rows, r => r.Month, ct));
        var under = tally.ByChild(org.Path);
        var children = tree.Where(n => n.ParentId == org.Id)
            .OrderBy(n => n.Id)
            .Select(n => new NodeFigures(n.Id, n.Name, Words.Camel(n.Kind), tally.Over(under[n.Path])))
            .ToList();
        return new DashboardView(
            org.Id,
            org.Name,
            Words.Camel(org.Kind),
            label,
            $"{from:yyyy-MM}",
            $"{to:yyyy-MM}",
            sums.Count > 0,
            figures,
            children,
            trend
        )
        {
            Branches = tally.Branches(org.Path),
        };
    }

    /// <summary>The node's subtree, and the rollups of its branches for the months.</summary>
    static async Task<(List<Node> Tree, List<MonthRollup> Rollups)> TreeAndRollupsAsync(
        YihaoDb db,
        Org org,
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    ) => (await TreeAsync(db, org, ct), await RollupsOf(db, org, from, to).ToListAsync(ct));

    static Task<List<Node>> TreeAsync(YihaoDb db, Org org, CancellationToken ct) =>
        db
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

    /// <summary>The rollups of the node's subtree for the months. Every rollup of a district is under its root, so the
    /// whole district needs no filter by org, which would keep SQLite's planner from the month's index.</summary>
    static IQueryable<MonthRollup> RollupsOf(YihaoDb db, Org org, DateOnly from, DateOnly to)
    {
        var rollups = db.Set<MonthRollup>()
            .AsNoTracking()
            .Where(r => r.DistrictId == org.DistrictId && r.Month >= from && r.Month <= to);
        return org.Kind == OrgKind.District
            ? rollups
            : rollups.Where(r => db.Orgs.Any(o => o.Id == r.OrgId && o.Path.StartsWith(org.Path)));
    }

    /// <summary>A rollup's counts, or rollups' added up by branch or by month (then without the branch and month).
    /// Expected and overdue are worked out row by row: an open day (nothing held) expects the branch's members, or
    /// the rows if more; the open make-ups are overdue where their due date has passed.</summary>
    sealed class Sums
    {
        public int OrgId { get; init; }
        public DateOnly Month { get; init; }
        public int Days { get; init; }
        public int Held { get; init; }
        public int HeldOnTime { get; init; }
        public int Expected { get; init; }
        public int Present { get; init; }
        public int Excused { get; init; }
        public int Unexcused { get; init; }
        public int Online { get; init; }
        public int AtDoor { get; init; }
        public int PlansSubmitted { get; init; }
        public int PlansOnTime { get; init; }
        public int PlansReviewed { get; init; }
        public int PlansReviewedOnTime { get; init; }
        public int MakeUps { get; init; }
        public int MakeUpsInTime { get; init; }
        public int MakeUpsLate { get; init; }
        public int MakeUpsOpen { get; init; }
        public int MakeUpsOverdue { get; init; }
        public int StarsRed { get; init; }
        public int StarsYellow { get; init; }
        public int StarsBlue { get; init; }
        public int WarningsYellow { get; init; }
        public int WarningsRed { get; init; }
        public int WarningsOpen { get; init; }
        public int WarningsFollowedUp { get; init; }
        public int WarningsResolved { get; init; }

        public int Took => Present + Online + AtDoor;

        public static Sums operator +(Sums a, Sums b) =>
            new()
            {
                Days = a.Days + b.Days,
                Held = a.Held + b.Held,
                HeldOnTime = a.HeldOnTime + b.HeldOnTime,
                Expected = a.Expected + b.Expected,
                Present = a.Present + b.Present,
                Excused = a.Excused + b.Excused,
                Unexcused = a.Unexcused + b.Unexcused,
                Online = a.Online + b.Online,
                AtDoor = a.AtDoor + b.AtDoor,
                PlansSubmitted = a.PlansSubmitted + b.PlansSubmitted,
                PlansOnTime = a.PlansOnTime + b.PlansOnTime,
                PlansReviewed = a.PlansReviewed + b.PlansReviewed,
                PlansReviewedOnTime = a.PlansReviewedOnTime + b.PlansReviewedOnTime,
                MakeUps = a.MakeUps + b.MakeUps,
                MakeUpsInTime = a.MakeUpsInTime + b.MakeUpsInTime,
                MakeUpsLate = a.MakeUpsLate + b.MakeUpsLate,
                MakeUpsOpen = a.MakeUpsOpen + b.MakeUpsOpen,
                MakeUpsOverdue = a.MakeUpsOverdue + b.MakeUpsOverdue,
                StarsRed = a.StarsRed + b.StarsRed,
                StarsYellow = a.StarsYellow + b.StarsYellow,
                StarsBlue = a.StarsBlue + b.StarsBlue,
                WarningsYellow = a.WarningsYellow + b.WarningsYellow,
                WarningsRed = a.WarningsRed + b.WarningsRed,
                WarningsOpen = a.WarningsOpen + b.WarningsOpen,
                WarningsFollowedUp = a.WarningsFollowedUp + b.WarningsFollowedUp,
                WarningsResolved = a.WarningsResolved + b.WarningsResolved,
            };

        /// <summary>The branch-month these are, when they are one rollup's.</summary>
        public Cell Cell => new(OrgId, Month, Days, Held, Took, Expected);
    }

    sealed record Keyed<TKey>(TKey Key, Sums Sums);

    /// <summary>What the days' counts and the heat map need of one branch-month: its days, held days, the members who
    /// took part and those expected.</summary>
    readonly record struct Cell(int OrgId, DateOnly Month, int Days, int Held, int Took, int Expected);

    static IQueryable<Sums> RowsOf(IQueryable<MonthRollup> rollups, DateOnly today) =>
        rollups.Select(r => new Sums
        {
            OrgId = r.OrgId,
            Month = r.Month,
            Days = r.Days,
            Held = r.Held,
            HeldOnTime = r.HeldOnTime,
            Expected = Math.Max(r.Held > 0 ? 0 : r.Members, r.Present + r.Excused + r.Unexcused + r.Online + r.AtDoor),
            Present = r.Present,
            Excused = r.Excused,
            Unexcused = r.Unexcused,
            Online = r.Online,
            AtDoor = r.AtDoor,
            PlansSubmitted = r.PlansSubmitted,
            PlansOnTime = r.PlansOnTime,
            PlansReviewed = r.PlansReviewed,
            PlansReviewedOnTime = r.PlansReviewedOnTime,
            MakeUps = r.MakeUps,
            MakeUpsInTime = r.MakeUpsInTime,
            MakeUpsLate = r.MakeUpsLate,
            MakeUpsOpen = r.MakeUpsOpen,
            MakeUpsOverdue = r.MakeUpsOpenDue < today ? r.MakeUpsOpen : 0,
            StarsRed = r.StarsRed,
            StarsYellow = r.StarsYellow,
            StarsBlue = r.StarsBlue,
            WarningsYellow = r.WarningsYellow,
            WarningsRed = r.WarningsRed,
            WarningsOpen = r.WarningsOpen,
            WarningsFollowedUp = r.WarningsFollowedUp,
            WarningsResolved = r.WarningsResolved,
        });

    static Task<List<Keyed<TKey>>> SumsAsync<TKey>(
        IQueryable<Sums> rows,
        Expression<Func<Sums, TKey>> by,
        CancellationToken ct
    ) =>
        rows.GroupBy(by)
            .Select(g => new Keyed<TKey>(
                g.Key,
                new Sums
                {
                    Days = g.Sum(r => r.Days),
                    Held = g.Sum(r => r.Held),
                    HeldOnTime = g.Sum(r => r.HeldOnTime),
                    Expected = g.Sum(r => r.Expected),
                    Present = g.Sum(r => r.Present),
                    Excused = g.Sum(r => r.Excused),
                    Unexcused = g.Sum(r => r.Unexcused),
                    Online = g.Sum(r => r.Online),
                    AtDoor = g.Sum(r => r.AtDoor),
                    PlansSubmitted = g.Sum(r => r.PlansSubmitted),
                    PlansOnTime = g.Sum(r => r.PlansOnTime),
                    PlansReviewed = g.Sum(r => r.PlansReviewed),
                    PlansReviewedOnTime = g.Sum(r => r.PlansReviewedOnTime),
                    MakeUps = g.Sum(r => r.MakeUps),
                    MakeUpsInTime = g.Sum(r => r.MakeUpsInTime),
                    MakeUpsLate = g.Sum(r => r.MakeUpsLate),
                    MakeUpsOpen = g.Sum(r => r.MakeUpsOpen),
                    MakeUpsOverdue = g.Sum(r => r.MakeUpsOverdue),
                    StarsRed = g.Sum(r => r.StarsRed),
                    StarsYellow = g.Sum(r => r.StarsYellow),
                    StarsBlue = g.Sum(r => r.StarsBlue),
                    WarningsYellow = g.Sum(r => r.WarningsYellow),
                    WarningsRed = g.Sum(r => r.WarningsRed),
                    WarningsOpen = g.Sum(r => r.WarningsOpen),
                    WarningsFollowedUp = g.Sum(r => r.WarningsFollowedUp),
                    WarningsResolved = g.Sum(r => r.WarningsResolved),
                }
            ))
            .ToListAsync(ct);

    static Task<List<Cell>> CellsAsync(IQueryable<Sums> rows, CancellationToken ct) =>
        rows.Select(r => new Cell(r.OrgId, r.Month, r.Days, r.Held, r.Present + r.Online + r.AtDoor, r.Expected))
            .ToListAsync(ct);

    /// <summary>A set of branch-months: those counted, not held (in a month that is over), still to be held (in the
    /// current one).</summary>
    readonly record struct DayCount(int Counted, int NotHeld, int Pending)
    {
        public static DayCount operator +(DayCount a, DayCount b) =>
            new(a.Counted + b.Counted, a.NotHeld + b.NotHeld, a.Pending + b.Pending);
    }

    /// <summary>The period's sums and cells of a node's branches, turned into the figures of any part of the
    /// subtree, of each month and of each branch.</summary>
    sealed class Tally
    {
        readonly List<Node> branches;
        readonly List<DateOnly> months;
        readonly Dictionary<int, Sums> sums;
        readonly Dictionary<(int, DateOnly), Cell> cells;
        readonly Dictionary<int, DayCount> byBranch = [];
        readonly Dictionary<DateOnly, DayCount> byMonth;
        readonly bool publicOnly;

        public Tally(
            List<Node> branches,
            List<DateOnly> months,
            List<Keyed<int>> sums,
            List<Cell> cells,
            DateOnly today,
            bool publicOnly
        )
        {
            (this.branches, this.months, this.publicOnly) = (branches, months, publicOnly);
            this.sums = sums.ToDictionary(s => s.Key, s => s.Sums);
            this.cells = cells.ToDictionary(c => (c.OrgId, c.Month));
            byMonth = months.ToDictionary(m => m, _ => default(DayCount));
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            foreach (var b in branches)
            {
                var days = default(DayCount);
                foreach (var m in months)
                {
                    var count = CountOf(b, m, this.cells.GetValueOrDefault((b.Id, m)), thisMonth);
                    days += count;
                    byMonth[m] += count;
                }
                byBranch[b.Id] = days;
            }
        }

        // A branch-month counts where the branch existed, or has a day (held by a branch since closed, it still
        // counts); without a held day it is not held once the month is over, and still to be held in the current one.
        static DayCount CountOf(Node b, DateOnly m, Cell c, DateOnly thisMonth) =>
            !Exists(b, m) && c.Days == 0 ? default
            : c.Held > 0 ? new(1, 0, 0)
            : new(1, m < thisMonth ? 1 : 0, m == thisMonth ? 1 : 0);

        IEnumerable<Node> Under(string path) =>
            branches.Where(b => b.Path.StartsWith(path, StringComparison.Ordinal));

        /// <summary>The branches under the path by the child of its node they are under, found in one pass (a
        /// ten-times district has 200 towns over 10,000 branches).</summary>
        public ILookup<string, Node> ByChild(string path) =>
            Under(path).Where(b => b.Path.Length > path.Length)
                .ToLookup(b => b.Path[..(b.Path.IndexOf('/', path.Length) + 1)], StringComparer.Ordinal);

        /// <summary>The figures of the branches under the path over the period.</summary>
        public Figures Over(string path) => Over(Under(path));

        /// <summary>The figures of these branches over the period.</summary>
        public Figures Over(IEnumerable<Node> nodes)
        {
            var (total, days) = (new Sums(), default(DayCount));
            foreach (var b in nodes)
                (total, days) = (sums.TryGetValue(b.Id, out var s) ? total + s : total, days + byBranch[b.Id]);
            return FiguresOf(total, days);
        }

        /// <summary>The figures of each month, from the sums by month.</summary>
        public List<MonthFigures> Trend(List<Keyed<DateOnly>> byMonthSums)
        {
            var of = byMonthSums.ToDictionary(s => s.Key, s => s.Sums);
            return
            [
                .. months.Select(m => new MonthFigures(
                    $"{m:yyyy-MM}",
                    FiguresOf(of.GetValueOrDefault(m) ?? new Sums(), byMonth[m])
                )),
            ];
        }

        /// <summary>Each branch under the path: its rate month by month and over the period, its held days.</summary>
        public List<BranchMonths> Branches(string path) =>
            [
                .. Under(path)
                    .Select(b =>
                    {
                        var s = sums.GetValueOrDefault(b.Id) ?? new Sums();
                        var rates = months.Select(m =>
                            cells.TryGetValue((b.Id, m), out var c) ? RateOf(c.Took, c.Expected) : null
                        );
                        return new BranchMonths(
                            b.Id,
                            b.Name,
                            b.Path,
                            [.. rates],
                            RateOf(s.Took, s.Expected),
                            s.Held,
                            s.HeldOnTime
                        );
                    }),
            ];

        Figures FiguresOf(Sums s, DayCount days)
        {
            var figures = new Figures(
                new AttendanceFigures(
                    s.Expected,
                    s.Present,
                    s.Excused,
                    s.Unexcused,
                    s.Online,
                    s.AtDoor,
                    RateOf(s.Took, s.Expected) ?? 0
                ),
                new DayFigures(days.Counted, s.Held, s.HeldOnTime, days.NotHeld, days.Pending),
                new StarFigures(s.StarsRed, s.StarsYellow, s.StarsBlue)
            );
            return publicOnly
                ? figures
                : figures with
                {
                    Plans = new PlanFigures(s.PlansSubmitted, s.PlansOnTime, s.PlansReviewed, s.PlansReviewedOnTime),
                    MakeUps = new MakeUpFigures(
                        s.MakeUps,
                        s.MakeUpsInTime,
                        s.MakeUpsLate,
                        s.MakeUpsOpen,
                        s.MakeUpsOverdue
                    ),
                    Warnings = new WarningFigures(
                        s.WarningsYellow,
                        s.WarningsRed,
                        s.WarningsOpen,
                        s.WarningsFollowedUp,
                        s.WarningsResolved
                    ),
                };
        }
    }

    // A branch counts in a month it existed in: made by its end, not closed before it, a temporary one within its
    // life; and in any month it has a day of.
    static bool Exists(Node b, DateOnly m) =>
        b.Made < m.AddMonths(1)
        && (b.ClosedOn is not { } closed || closed >= m)
        && (b.StartsOn is not { } starts || starts < m.AddMonths(1))
        && (b.EndsOn is not { } ends || ends >= m);

    /// <summary>The attendance rate to four places; none where nobody was expected.</summary>
    static double? RateOf(int took, int expected) => expected == 0 ? null : Math.Round((double)took / expected, 4);
}
