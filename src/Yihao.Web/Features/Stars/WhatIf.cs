using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

public sealed record WhatIfRequest(string? Document, int? OrgId);

/// <summary>One side of a month's comparison: how many stars of each colour, and how many warnings of each kind and
/// level.</summary>
public sealed record Tally(int Red, int Yellow, int Blue, int MemberYellow, int MemberRed, int BranchYellow,
    int BranchRed);

public sealed record WhatIfMonth(string Month, Tally Now, Tally Proposed, int Changed);

public sealed record WhatIfResult(IReadOnlyList<WhatIfMonth> Months, Tally Now, Tally Proposed, int Changed);

/// <summary>
/// "What if" (假如): last year's months rated again under a proposed policy, side by side with the versions that were in
/// force, before the new one takes effect. Nothing is stored; every figure comes from the same rules the boards use.
/// </summary>
public static class WhatIf
{
    const int Year = 12;

    /// <summary>The policies' longest look-back, for the facts before the first month compared.</summary>
    static int Lookback(StarPolicy proposed, IEnumerable<StarPolicy> inForce) => inForce.Append(proposed)
        .Max(p => p.HistoryMonths);

    public static async Task<Outcome<WhatIfResult>> CompareAsync(Scope scope, YihaoDb db, TimeProvider clock,
        WhatIfRequest r, CancellationToken ct = default)
    {
        if (!scope.IsDistrictAdmin) return Fail.Forbidden;
        var (proposed, problems) = StarPolicy.Parse(r.Document);
        if (proposed is null) return Fail.Invalid(problems.Select(p => (Policies.Field(p.Field), p.Problem)).ToList());
        IReadOnlyCollection<int>? branches = null;
        if (r.OrgId is { } orgId)
        {
            var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == orgId, ct);
            if (org is null) return Fail.NotFound;
            branches = await scope.Orgs(db)
                .Where(o => o.Path.StartsWith(org.Path)
                && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch)).Select(o => o.Id).ToListAsync(ct);
        }
        var today = DistrictTime.Today(clock);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var first = last.AddMonths(1 - Year);
        var inForce = new Dictionary<DateOnly, StarPolicy>();
        for (var m = first.AddMonths(-Year + 1); m <= last; m = m.AddMonths(1))
            inForce[m] = Policies.Read(await Policies.InForceAsync(db, scope.DistrictId, m, ct));
        // Each month's warnings look back over the policies' longest run, so the facts reach that far before the first
        // month.
        var lookback = Lookback(proposed, inForce.Values);
        var facts =
            (await StarFacts.LoadAsync(db, scope.DistrictId, branches, first.AddMonths(1 - lookback), last, today, ct))
            .Where(f => f.Value.Recorded).ToDictionary(f => f.Key, f => f.Value);

        // Every member-month is rated once under each side; the months' windows then only gather what is rated.
        var old =
            facts.ToDictionary(f => f.Key,
            f => f.Value.Members.Select(mm => (mm, StarRules.Rate(inForce[f.Key.Month], mm).Star)).ToList());
        var fresh =
            facts.ToDictionary(f => f.Key,
            f => f.Value.Members.Select(mm => (mm, StarRules.Rate(proposed, mm).Star)).ToList());
        var months = new List<WhatIfMonth>();
        var byBranch = facts.Keys.GroupBy(k => k.Branch).ToList();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            var month = m;
            var now = new int[7];
            var next = new int[7];
            var changed = 0;
            foreach (var branch in byBranch)
            {
                // A month before the branch used the system is not rated, for or against anyone.
                if (!facts.TryGetValue((branch.Key, month), out var current)) continue;
                var window = branch.Where(k => k.Month <= month && k.Month > month.AddMonths(-lookback))
                    .OrderBy(k => k.Month).ToList();
                foreach (var b in StarRules.BranchWarnings(inForce[month], current.Branch)) now[b.Red ? 6 : 5]++;
                foreach (var b in StarRules.BranchWarnings(proposed, current.Branch)) next[b.Red ? 6 : 5]++;
                var oldHistory = Histories(window.Select(k => old[k]));
                var freshHistory = Histories(window.Select(k => fresh[k]));
                foreach (var member in current.Members)
                {
                    var (a, b) = (oldHistory[member.MemberId], freshHistory[member.MemberId]);
                    now[(int)a[^1].Star]++;
                    next[(int)b[^1].Star]++;
                    if (a[^1].Star != b[^1].Star) changed++;
                    foreach (var w in StarRules.MemberWarnings(inForce[month], a)) now[w.Red ? 4 : 3]++;
                    foreach (var w in StarRules.MemberWarnings(proposed, b)) next[w.Red ? 4 : 3]++;
                }
            }
            // A month nobody used the system in is left out, not shown as a row of noughts.
            if (now.Any(c => c > 0)
                || next.Any(c => c > 0)) months.Add(
                new WhatIfMonth(month.ToString("yyyy-MM"), Of(now), Of(next), changed));
        }
        static Tally Sum(IEnumerable<Tally> t) => t.Aggregate(new Tally(0, 0, 0, 0, 0, 0, 0), (x, y) =>
            new(x.Red + y.Red, x.Yellow + y.Yellow, x.Blue + y.Blue, x.MemberYellow + y.MemberYellow,
                x.MemberRed + y.MemberRed, x.BranchYellow + y.BranchYellow, x.BranchRed + y.BranchRed));
        return new WhatIfResult(months, Sum(months.Select(x => x.Now)), Sum(months.Select(x => x.Proposed)),
            months.Sum(x => x.Changed));
    }

    static Tally Of(int[] c) => new(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);

    /// <summary>Each member's rated months in the window, oldest first.</summary>
    static Dictionary<int,
        List<(MemberMonth Month,
        StarColor Star)>> Histories(IEnumerable<List<(MemberMonth Month, StarColor Star)>> months)
    {
        var byMember = new Dictionary<int, List<(MemberMonth, StarColor)>>();
        foreach (var month in months)
            foreach (var rated in month)
            {
                if (!byMember.TryGetValue(rated.Month.MemberId, out var list)) byMember[rated.Month.MemberId] = list =
                    [];
                list.Add(rated);
            }
        return byMember;
    }
}
