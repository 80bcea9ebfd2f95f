using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// What the member warnings remember of the months before: for each branch's member, how many months in a row (up to the month
/// before the one evaluated) they were absent without leave, had a blue star, and had not paid dues (<see cref="Runs"/>).
/// A month the branch confirmed is read from its board: its stars as confirmed (a secretary's override included, the same star
/// everyone saw posted), with the absences and dues as recorded now, so a late payment still ends a run. Only the months no
/// board was confirmed for are gathered from the records and rated again. Reading counts instead of six months of every record
/// is what lets a province's month be evaluated in seconds; the rules themselves are unchanged (<see cref="StarRules.MemberWarnings(StarPolicy, MemberMonth, Runs)"/>).
/// </summary>
public static class StarHistory
{
    /// <summary>
    /// The runs of the members asked for (<paramref name="wanted"/>: the month's members, by branch). Walked back from the last
    /// month: a run is the months in a row, counted back until the first month it was not so, so a member none of whose three
    /// runs goes on past the last month needs no earlier month at all. One read of the last month for everyone, one of the
    /// months before for the few whose runs go on: most members are present, not blue and paid up.
    /// </summary>
    public static async Task<Dictionary<(int Branch, int Member), Runs>> LoadAsync(YihaoDb db, StarPolicy policy, int districtId, IReadOnlyCollection<int>? branchIds,
        IReadOnlyCollection<(int Branch, int Member)> wanted, DateOnly first, DateOnly last, DateOnly today, CancellationToken ct = default)
    {
        var runs = new Dictionary<(int, int), Runs>();
        if (first > last || wanted.Count == 0) return runs;
        var boards = db.StarBoards.Where(b => b.DistrictId == districtId && b.Month >= first && b.Month <= last && b.State != BoardState.Proposed
                                              && (branchIds == null || branchIds.Contains(b.OrgId)));
        var boardOf = (await boards.Select(b => new { b.OrgId, b.Month }).ToListAsync(ct)).Select(b => (b.OrgId, b.Month)).ToHashSet();
        var months = new List<DateOnly>();
        for (var month = first; month <= last; month = month.AddMonths(1)) months.Add(month);
        var branches = await StarFacts.Branches(db, districtId, branchIds).ToListAsync(ct);

        // The months no board was confirmed for (a day not held, a board never confirmed) are rated from their records, as the
        // month's own board would have been: one load for all of them, usually a few branches.
        var unconfirmed = new HashSet<(int Branch, DateOnly Month)>();
        foreach (var month in months)
            foreach (var b in branches.Where(b => !boardOf.Contains((b, month)))) unconfirmed.Add((b, month));
        var facts = unconfirmed.Count == 0 ? [] : await StarFacts.LoadAsync(db, districtId, [.. unconfirmed.Select(u => u.Branch).Distinct()], first, last, today, ct);
        var rated = facts.Where(f => unconfirmed.Contains(f.Key) && f.Value.Recorded) // before the branch used the system: neither for nor against anyone
            .SelectMany(f => f.Value.Members.Select(m => (Key: (f.Key.Branch, m.MemberId, f.Key.Month), m)))
            .ToDictionary(x => x.Key, x => (Absent: StarRules.AbsentUnexcused(x.m), Blue: StarRules.Rate(policy, x.m).Star == StarColor.Blue, Unpaid: !x.m.DuesPaid));

        var walks = wanted.Distinct().ToDictionary(k => k, _ => new Walk());
        void Step(int k, Dictionary<(int, int), MonthBits> bits, int bit)
        {
            var month = months[k];
            foreach (var ((branch, member), walk) in walks.Where(w => w.Value.Going))
                if (boardOf.Contains((branch, month)))
                {
                    if (bits.TryGetValue((branch, member), out var b) && (b.Listed & bit) != 0)
                        walk.Step((b.Absent & bit) != 0, (b.Blue & bit) != 0, (b.Paid & bit) != 0);
                }
                else if (rated.TryGetValue((branch, member, month), out var r)) walk.Step(r.Absent, r.Blue, !r.Unpaid);
        }
        Step(months.Count - 1, await ListedAsync(db, districtId, branchIds, null, months[^1..], ct), 1);
        var going = walks.Where(w => w.Value.Going).Select(w => w.Key.Member).Distinct().ToList();
        if (months.Count > 1 && going.Count > 0)
        {
            var earlier = await ListedAsync(db, districtId, branchIds, going, months[..^1], ct);
            for (var k = months.Count - 2; k >= 0; k--) Step(k, earlier, 1 << k);
        }
        foreach (var (key, walk) in walks) runs[key] = new Runs(walk.Unexcused, walk.Blue, walk.Unpaid);
        return runs;
    }

    /// <summary>
    /// A member's runs counted back from the last month; a month they were not listed in (not yet a member there, say) is passed
    /// over, as the rules' forward count passes it over. Dues are as recorded now: the latest month paid ends the unpaid run,
    /// however late it was paid.
    /// </summary>
    sealed class Walk
    {
        public int Unexcused, Blue, Unpaid;
        bool unexcusedEnded, blueEnded, unpaidEnded;

        public bool Going => !(unexcusedEnded && blueEnded && unpaidEnded);

        public void Step(bool absent, bool blue, bool paid)
        {
            Count(absent, ref Unexcused, ref unexcusedEnded);
            Count(blue, ref Blue, ref blueEnded);
            Count(!paid, ref Unpaid, ref unpaidEnded);
        }

        static void Count(bool so, ref int run, ref bool ended)
        {
            if (ended) return;
            if (so) run++;
            else ended = true;
        }
    }

    /// <summary>A member's confirmed months, one bit each (the window's first month is bit 0): listed on the board, absent without leave at the day, blue, dues paid.</summary>
    sealed class MonthBits
    {
        public int OrgId { get; init; }
        public int MemberId { get; init; }
        public int Listed { get; init; }
        public int Absent { get; init; }
        public int Blue { get; init; }
        public int Paid { get; init; }
    }

    /// <summary>
    /// Every member of the confirmed boards in the window as one row of month bits, summed by the database from their stars,
    /// their absences at the month's closed day and their dues: a province's six months are its members' count of narrow rows,
    /// not six times as many. The same SQL on both databases; months and the district are parameters, the bits and the branch
    /// and member ids (integers) written in. The window's bounds are repeated on every table so that each is read for those
    /// months only, not for its whole history.
    /// </summary>
    static async Task<Dictionary<(int, int), MonthBits>> ListedAsync(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds, IReadOnlyCollection<int>? memberIds, List<DateOnly> months, CancellationToken ct)
    {
        static string Ids(IEnumerable<int> ids) => string.Join(", ", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var args = new List<object> { districtId, months[0], months[^1] };
        var bit = "CASE b.month " + string.Join(" ", months.Select((m, k) =>
        {
            args.Add(m);
            return $"WHEN {{{args.Count - 1}}} THEN {1 << k}";
        })) + " ELSE 0 END";
        var only = (branchIds is null ? "" : branchIds.Count == 0 ? " AND 1 = 0" : $" AND b.org_id IN ({Ids(branchIds)})")
                   + (memberIds is null ? "" : $" AND s.member_id IN ({Ids(memberIds)})");
        var sql = $$"""
            SELECT b.org_id AS org_id, s.member_id AS member_id, CAST(SUM({{bit}}) AS INTEGER) AS listed,
                   CAST(SUM(CASE WHEN a.member_id IS NOT NULL THEN {{bit}} ELSE 0 END) AS INTEGER) AS absent,
                   CAST(SUM(CASE WHEN COALESCE(s.override, s.proposed) = 'Blue' THEN {{bit}} ELSE 0 END) AS INTEGER) AS blue,
                   CAST(SUM(CASE WHEN r.member_id IS NOT NULL THEN {{bit}} ELSE 0 END) AS INTEGER) AS paid
            FROM star_boards b
            JOIN member_stars s ON s.board_id = b.id
            LEFT JOIN activity_days d ON d.org_id = b.org_id AND d.month = b.month AND d.state = 'Closed' AND d.district_id = {0} AND d.month >= {1} AND d.month <= {2}
            LEFT JOIN attendances a ON a.activity_day_id = d.id AND a.member_id = s.member_id AND a.status = 'Unexcused'
            LEFT JOIN member_months r ON r.member_id = s.member_id AND r.month = b.month AND r.dues_paid AND r.month >= {1} AND r.month <= {2}
            WHERE b.district_id = {0} AND b.month >= {1} AND b.month <= {2} AND b.state <> 'Proposed'{{only}}
            GROUP BY b.org_id, s.member_id
            """;
        return await db.Database.SqlQueryRaw<MonthBits>(sql, args.ToArray()).ToDictionaryAsync(b => (b.OrgId, b.MemberId), ct);
    }
}
