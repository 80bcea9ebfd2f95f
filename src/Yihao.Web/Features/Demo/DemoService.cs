using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

/// <summary>What the demo's year of serving the people came to: the source's figures, counted from the rows
/// seeded.</summary>
public sealed record ServiceTotals(
    int DisputesResolved, int DisputesReferredOrOpen, int ThingsDone, int PairingVisits, int Volunteering,
    int PetitionsAnswered, int Commitments, int CommitmentsFulfilled, int CommitmentsOverdue);

/// <summary>
/// The demo's service ledger and public commitments for its year, at the source's scale (830+ disputes resolved,
/// 16,000+ things done, 30,000+ commitments fulfilled in a year): each branch's share follows its members, each month's
/// its season (more in the harvest and the winter). Every member makes a commitment in the branch's January batch (a
/// few make two), most are confirmed fulfilled through the year and some run overdue. Its own seeded random numbers.
/// </summary>
public static class DemoService
{
    /// <summary>The source's yearly figures with a margin, as the demo's targets.</summary>
    public const int Disputes = 1_000, ThingsDone = 16_800, Volunteering = 3_100, Petitions = 1_050;
    public const int CommitmentsFulfilled = 31_200;

    static readonly string[] Things =
        ["帮助五保户秋收", "义务清扫村道", "为独居老人代购药品", "代办养老保险认证", "帮助修缮危房", "宣讲惠农政策", "代缴水电费", "护送学生过河"];
    static readonly string[] Disputed = ["宅基地边界纠纷", "邻里排水纠纷", "土地流转租金纠纷", "赡养老人纠纷", "务工工资纠纷"];
    static readonly string[] Volunteered = ["参加防汛值守", "义务植树", "冬季清雪", "人居环境整治", "疫苗接种引导"];
    static readonly string[] Petitioned = ["反映村道破损", "反映低保评定", "反映灌溉用水", "反映垃圾清运"];
    static readonly string[] Pledges =
        ["每月走访困难群众一次", "带头参加人居环境整治", "帮助一户群众发展产业", "按时交纳党费、参加组织生活", "学习党章并撰写心得"];
    static readonly double[] Season = [1.0, 0.8, 0.9, 1.0, 1.1, 1.2, 1.1, 1.0, 1.3, 1.3, 1.1, 1.2];

    public static async Task<ServiceTotals> SeedAsync(YihaoDb db, int districtId, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var rng = new Random(20260101);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var first = thisMonth.AddMonths(-11);
        var members = (await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId && m.JoinedOn <= today)
            .Select(m => new { m.Id, m.OrgId }).ToListAsync(ct)).ToLookup(m => m.OrgId, m => m.Id);
        var branches = members.Select(g => (Id: g.Key, Members: g.OrderBy(id => id).ToArray()))
            .OrderBy(b => b.Id).ToArray();
        var secretaries = await db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && u.Role == Roles.BranchSecretary)
            .GroupBy(u => u.OrgId).Select(g => new { g.Key, Id = g.Min(u => u.Id) })
            .ToDictionaryAsync(g => g.Key, g => g.Id, ct);
        var total = branches.Sum(b => b.Members.Length);

        // A date in the year, by season; the current month only up to today.
        var weights = Enumerable.Range(0, 12).Select(k => Season[first.AddMonths(k).Month - 1]
            * (k == 11 ? today.Day / (double)DateTime.DaysInMonth(today.Year, today.Month) : 1)).ToArray();
        DateOnly Day()
        {
            var x = rng.NextDouble() * weights.Sum();
            var k = 0;
            while (k < 11 && (x -= weights[k]) > 0) k++;
            var month = first.AddMonths(k);
            var days = month == thisMonth ? today.Day : DateTime.DaysInMonth(month.Year, month.Month);
            return month.AddDays(rng.Next(days));
        }
        // A branch drawn by its members, so that larger branches do more.
        var cumulative = new int[branches.Length];
        for (int i = 0, sum = 0; i < branches.Length; i++) cumulative[i] = sum += branches[i].Members.Length;
        int Branch()
        {
            var i = Array.BinarySearch(cumulative, rng.Next(total) + 1);
            return i >= 0 ? i : ~i;
        }

        var entries = new List<(int Branch, ServiceKind Kind, string What, DateOnly On, DisputeOutcome? Outcome,
            decimal? Hours, string? Answer, int? Pairing, ServiceState State, int[] Who)>();
        int[] Some(int b, int n) => [.. branches[b].Members.OrderBy(_ => rng.Next()).Take(n)];
        for (var i = 0; i < Disputes; i++)
        {
            var b = Branch();
            var roll = rng.NextDouble();
            var outcome = roll < 0.87 ? DisputeOutcome.Resolved : roll < 0.95 ? DisputeOutcome.Referred
                : DisputeOutcome.Open;
            entries.Add((b, ServiceKind.Dispute, Disputed[rng.Next(Disputed.Length)], Day(), outcome, null, null,
                null, ServiceState.Confirmed, Some(b, rng.Next(1, 3))));
        }
        for (var i = 0; i < ThingsDone; i++)
        {
            var b = Branch();
            entries.Add((b, ServiceKind.ThingDone, Things[rng.Next(Things.Length)], Day(), null, null, null, null,
                ServiceState.Confirmed, Some(b, 1)));
        }
        for (var i = 0; i < Volunteering; i++)
        {
            var b = Branch();
            entries.Add((b, ServiceKind.Volunteering, Volunteered[rng.Next(Volunteered.Length)], Day(), null,
                rng.Next(4, 17) / 2m, null, null, ServiceState.Confirmed, Some(b, rng.Next(3, 9))));
        }
        for (var i = 0; i < Petitions; i++)
        {
            var b = Branch();
            var answered = rng.NextDouble() < 0.9 ? "已转交镇政府办理并答复群众" : null;
            entries.Add((b, ServiceKind.Petition, Petitioned[rng.Next(Petitioned.Length)], Day(), null, null,
                answered, null, ServiceState.Confirmed, Some(b, 1)));
        }
        // Two households paired per branch, visited most months; a few entries still wait for the secretary.
        var pairings = new List<(int Branch, int Member, string Household)>();
        for (var b = 0; b < branches.Length; b++)
            foreach (var m in Some(b, Math.Min(2, branches[b].Members.Length)))
                pairings.Add((b, m, $"困难户{pairings.Count + 1:D4}号"));
        await BulkCopy.InsertAsync(db, "service_pairings",
            ["district_id", "org_id", "member_id", "household", "started_on", "recorded_by", "recorded_at"],
            pairings.Select(p => new object?[] { districtId, branches[p.Branch].Id, p.Member, p.Household, first,
                "demo", now }), ct);
        var pairingIds = await db.ServicePairings.AsNoTracking().Where(p => p.DistrictId == districtId)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        for (var p = 0; p < pairings.Count; p++)
            for (var k = 0; k < 12; k++)
                if (rng.NextDouble() < 0.5 * weights[k])
                {
                    var month = first.AddMonths(k);
                    var on = month.AddDays(rng.Next(month == thisMonth ? today.Day
                        : DateTime.DaysInMonth(month.Year, month.Month)));
                    entries.Add((pairings[p].Branch, ServiceKind.PairingVisit, "走访结对户，了解生产生活困难", on,
                        null, null, null, pairingIds[p], ServiceState.Confirmed, [pairings[p].Member]));
                }
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].On >= thisMonth && rng.NextDouble() < 0.1)
                entries[i] = entries[i] with { State = ServiceState.Pending };
        entries.Sort((x, y) => x.On.CompareTo(y.On));
        await BulkCopy.InsertAsync(db, "service_entries",
            ["district_id", "org_id", "kind", "state", "what", "done_on", "dispute_outcome", "hours", "answer",
                "pairing_id", "recorded_by_user_id", "recorded_by", "recorded_at", "confirmed_by", "confirmed_at"],
            entries.Select(e =>
            {
                var at = DistrictTime.Utc(e.On.ToDateTime(new TimeOnly(18, 0)));
                var confirmed = e.State == ServiceState.Confirmed;
                return new object?[] { districtId, branches[e.Branch].Id, e.Kind.ToString(), e.State.ToString(),
                    e.What, e.On, e.Outcome?.ToString(), e.Hours, e.Answer, e.Pairing,
                    secretaries.GetValueOrDefault(branches[e.Branch].Id), "demo", at, confirmed ? "demo" : null,
                    confirmed ? at : null };
            }), ct);
        var entryIds = await db.ServiceEntries.AsNoTracking().Where(e => e.DistrictId == districtId)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        await BulkCopy.InsertAsync(db, "service_entry_members", ["district_id", "entry_id", "member_id"],
            entries.SelectMany((e, i) => e.Who.Select(m => new object?[] { districtId, entryIds[i], m })), ct);

        // The January batch of commitments: one per member, a few two; most confirmed fulfilled through the year.
        var pledges = new List<(int Branch, int Member, string What, DateOnly Due, CommitmentCategory Category)>();
        for (var b = 0; b < branches.Length; b++)
            foreach (var m in branches[b].Members)
                for (int n = rng.NextDouble() < 0.12 ? 2 : 1, k = rng.Next(Pledges.Length); n > 0; n--)
                    pledges.Add((b, m, Pledges[(k + n) % Pledges.Length],
                        first.AddMonths(rng.Next(3, 12)).AddDays(rng.Next(28)),
                        (CommitmentCategory)rng.Next(Enum.GetValues<CommitmentCategory>().Length)));
        var fulfilled = Enumerable.Range(0, pledges.Count).OrderBy(_ => rng.Next())
            .Take(Math.Min(CommitmentsFulfilled, pledges.Count)).ToHashSet();
        var rows = pledges.Select((p, i) =>
        {
            DateOnly? on = null;
            if (fulfilled.Contains(i))
            {
                var span = Math.Max(1, Math.Min(p.Due.DayNumber, today.DayNumber) - first.AddDays(14).DayNumber);
                on = first.AddDays(14 + rng.Next(span));
            }
            return (p, On: on);
        }).ToList();
        var made = DistrictTime.Utc(first.ToDateTime(new TimeOnly(10, 0)));
        await BulkCopy.InsertAsync(db, "commitments",
            ["district_id", "member_id", "org_id", "what", "due_on", "category", "state", "made_on", "confirmed_on",
                "made_by", "made_at"],
            rows.Select(r => new object?[] { districtId, r.p.Member, branches[r.p.Branch].Id, r.p.What, r.p.Due,
                r.p.Category.ToString(), (r.On is null ? CommitmentState.Open : CommitmentState.Confirmed).ToString(),
                first, r.On, "demo", made }), ct);
        var commitmentIds = await db.Commitments.AsNoTracking().Where(c => c.DistrictId == districtId)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        await BulkCopy.InsertAsync(db, "commitment_fulfilments",
            ["district_id", "commitment_id", "evidence", "fulfilled_on", "recorded_by", "recorded_at", "confirmed",
                "answered_by", "answered_at"],
            rows.Select((r, i) => (r, i)).Where(x => x.r.On is not null).Select(x =>
            {
                var at = DistrictTime.Utc(x.r.On!.Value.ToDateTime(new TimeOnly(18, 0)));
                return new object?[] { districtId, commitmentIds[x.i], "已按承诺完成，群众认可", x.r.On, "demo", at, true,
                    "demo", at };
            }), ct);

        var counted = entries.Where(e => e.State == ServiceState.Confirmed).ToList();
        return new ServiceTotals(
            counted.Count(e => e.Outcome == DisputeOutcome.Resolved),
            counted.Count(e => e.Kind == ServiceKind.Dispute && e.Outcome != DisputeOutcome.Resolved),
            counted.Count(e => e.Kind == ServiceKind.ThingDone), counted.Count(e => e.Kind == ServiceKind.PairingVisit),
            counted.Count(e => e.Kind == ServiceKind.Volunteering),
            counted.Count(e => e.Kind == ServiceKind.Petition && e.Answer != null), rows.Count,
            rows.Count(r => r.On is not null),
            rows.Count(r => r.On is null && CommitmentRules.Overdue(CommitmentState.Open, r.p.Due, today)));
    }
}
