using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// What the member warnings remember of the months before: for each branch's member, how many months in a row (up to
/// the month before the one evaluated) they were absent without leave, had a blue star, and had not paid dues (<see
/// cref="Runs"/>). A month the branch confirmed is read from its board: its stars as confirmed (a secretary's override
/// included, the same star everyone saw posted), with the absences and dues as recorded now, so a late payment still
/// ends a run. Only the months no board was confirmed for are gathered from the records and rated again. Reading counts
/// instead of six months of every record is what lets a province's month be evaluated in seconds; the rules themselves
/// are unchanged (<see cref="StarRules.MemberWarnings(StarPolicy, MemberMonth, Runs)"/>).
/// </summary>
public static class StarHistory
{
    /// <summary>
    /// The runs of the members asked for (<paramref name="wanted"/>: by branch; the caller asks only for those whose
    /// month carries a run on, see <see cref="Carries"/>). Walked back from the last month: a run is the months in a
    /// row, counted back until the first month it was not so, so a member none of whose three runs goes on past the
    /// last month needs no earlier month at all. One read of the last month for everyone asked, one of the months
    /// before for the few whose runs go on.
    /// </summary>
    public static async Task<Dictionary<(int Branch, int Member),
        Runs>> LoadAsync(YihaoDb db, StarPolicy policy, int districtId, IReadOnlyCollection<int>? branchIds,
        IReadOnlyCollection<(int Branch, int Member)> wanted, DateOnly first, DateOnly last, DateOnly today,
            CancellationToken ct = default)
    {
        var runs = new Dictionary<(int, int), Runs>();
        if (first > last || wanted.Count == 0) return runs;
        var boardOf =
            (await Confirmed(db, districtId, branchIds, first, last).Select(b => new { b.OrgId, b.Month })
            .ToListAsync(ct)).Select(b => (b.OrgId, b.Month)).ToHashSet();
        var months = new List<DateOnly>();
        for (var month = first; month <= last; month = month.AddMonths(1)) months.Add(month);
        var asked = wanted.Select(w => w.Branch).ToHashSet();
        var branches = (await StarFacts.Branches(db, districtId, branchIds).ToListAsync(ct)).Where(asked.Contains)
            .ToList();

        // The months no board was confirmed for (a day not held, a board never confirmed) are rated from their records,
        // as the month's own board would have been: one load for all of them, usually a few branches.
        var unconfirmed = new HashSet<(int Branch, DateOnly Month)>();
        foreach (var month in months)
            foreach (var b in branches.Where(b => !boardOf.Contains((b, month)))) unconfirmed.Add((b, month));
        var facts = unconfirmed.Count == 0 ? []
            : await StarFacts.LoadAsync(db, districtId, [.. unconfirmed.Select(u => u.Branch).Distinct()], first, last,
            today, ct);
        // before the branch used the system: neither for nor against anyone
        var rated = facts.Where(f => unconfirmed.Contains(f.Key) && f.Value.Recorded)
            .SelectMany(f => f.Value.Members.Select(m => (Key: (f.Key.Branch, m.MemberId, f.Key.Month), m)))
            .ToDictionary(x => x.Key,
                x => (Absent: StarRules.AbsentUnexcused(x.m), Blue: StarRules.Star(policy, x.m) == StarColor.Blue,
                Unpaid: !x.m.DuesPaid));

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
        Step(months.Count - 1,
            await ListedAsync(db, districtId, branchIds, [.. walks.Keys.Select(w => w.Member).Distinct()], months[^1..],
            ct), 1);
        var going = walks.Where(w => w.Value.Going).Select(w => w.Key.Member).Distinct().ToList();
        if (months.Count > 1 && going.Count > 0)
        {
            var earlier = await ListedAsync(db, districtId, branchIds, going, months[..^1], ct);
            for (var k = months.Count - 2; k >= 0; k--) Step(k, earlier, 1 << k);
        }
        foreach (var (key, walk) in walks) runs[key] = new Runs(walk.Unexcused, walk.Blue, walk.Unpaid);
        return runs;
    }

    /// <summary>The boards the branches confirmed (or published) in the window: what counts as the month's
    /// stars.</summary>
    static IQueryable<StarBoard> Confirmed(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds,
        DateOnly first, DateOnly last) =>
        db.StarBoards.Where(b => b.DistrictId == districtId && b.Month >= first && b.Month <= last
            && b.State != BoardState.Proposed
                                 && (branchIds == null || branchIds.Contains(b.OrgId)));

    /// <summary>
    /// Whether a member's month carries their runs on: absent without leave, blue, or dues unpaid. A month that is none
    /// of them starts all three runs again at zero (<see cref="Runs.Then(bool, bool, bool)"/>), whatever came before,
    /// so only these members' months before need reading: a few in a hundred.
    /// </summary>
    public static bool Carries(MemberMonth m, StarColor star) => StarRules.AbsentUnexcused(m) || star == StarColor.Blue
        || !m.DuesPaid;

    /// <summary>
    /// A member's runs counted back from the last month; a month they were not listed in (not yet a member there, say)
    /// is passed over, as the rules' forward count passes it over. Dues are as recorded now: the latest month paid ends
    /// the unpaid run, however late it was paid.
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

    /// <summary>A member's confirmed months, one bit each (the window's first month is bit 0): listed on the board,
    /// absent without leave at the day, blue, dues paid.</summary>
    sealed class MonthBits
    {
        public int Listed, Absent, Blue, Paid;
    }

    /// <summary>
    /// The members' rows on the confirmed boards in the window as month bits, from three plain reads by member, side by
    /// side, each answered from an index alone on PostgreSQL: their stars, their absences without leave at the branch's
    /// closed day, and the months their dues are paid. A member's absence or payment counts only in a month they are
    /// listed on the branch's board.
    /// </summary>
    static async Task<Dictionary<(int, int),
        MonthBits>> ListedAsync(YihaoDb db, int districtId, IReadOnlyCollection<int>? branchIds, List<int> memberIds,
        List<DateOnly> months, CancellationToken ct)
    {
        var (first, last) = (months[0], months[^1]);
        int Bit(DateOnly month) => 1 << months.IndexOf(month);
        List<Listed> stars = [];
        List<(int OrgId, DateOnly Month, int MemberId)> absent = [];
        HashSet<(int, DateOnly)> paid = [];
        await db.ReadSideBySideAsync(
            async on => stars = await on.MemberStars.Where(s => memberIds.Contains(s.MemberId))
                .Join(Confirmed(on, districtId, branchIds, first, last), s => s.BoardId, b => b.Id,
                    (s, b) => new Listed(b.OrgId, b.Month, s.MemberId, s.Override ?? s.Proposed)).ToListAsync(ct),
            async on => absent =
                (await on.Attendances.Where(a => memberIds.Contains(a.MemberId)
                && a.Status == AttendanceStatus.Unexcused)
                .Join(StarFacts.Days(on, districtId, branchIds, first, last)
                    .Where(d => d.State == ActivityState.Closed), a => a.ActivityDayId, d => d.Id,
                    (a, d) => new { d.OrgId, d.Month, a.MemberId })
                .ToListAsync(ct)).Select(a => (a.OrgId, a.Month, a.MemberId)).ToList(),
            // The months paid, from the dues ledger's key alone (district, member, month): no row is visited.
            async on => paid = (await on.DuesMonths
                .Where(r => r.DistrictId == districtId && memberIds.Contains(r.MemberId) && r.Month >= first
                    && r.Month <= last)
                .Select(r => new { r.MemberId, r.Month }).ToListAsync(ct)).Select(r => (r.MemberId, r.Month))
                    .ToHashSet());

        var bits = new Dictionary<(int, int), MonthBits>();
        foreach (var s in stars)
        {
            if (!bits.TryGetValue((s.OrgId, s.MemberId), out var b)) bits[(s.OrgId, s.MemberId)] = b = new MonthBits();
            var bit = Bit(s.Month);
            b.Listed |= bit;
            if (s.Star == StarColor.Blue) b.Blue |= bit;
            if (paid.Contains((s.MemberId, s.Month))) b.Paid |= bit;
        }
        foreach (var a in absent)
            if (bits.TryGetValue((a.OrgId, a.MemberId), out var b)) b.Absent |= Bit(a.Month) & b.Listed;
        return bits;
    }

    readonly record struct Listed(int OrgId, DateOnly Month, int MemberId, StarColor Star);
}
