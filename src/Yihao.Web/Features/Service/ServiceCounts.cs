using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Service;

/// <summary>The source's figures for an org and a month or a year, each with the list of entries behind it.</summary>
public sealed record ServiceCountsView(
    int OrgId, string OrgName, string Period, int DisputesResolved, int ThingsDone, int PairingVisits,
    int Volunteers, decimal VolunteerHours, int PetitionsAnswered, int AidsGiven, decimal AidAmount,
    List<ServiceBranchCounts> Branches);

public sealed record ServiceBranchCounts(
    int BranchId, string Name, int DisputesResolved, int ThingsDone, int PairingVisits, int Volunteers,
    decimal VolunteerHours, int PetitionsAnswered);

/// <summary>
/// The counts of the service ledger (为民服务统计): disputes resolved, things done, pairing visits, volunteers and their
/// hours, petitions answered — from confirmed entries only — and the in-party aid given (党内救助). A town's counts
/// are its branches' sums: every entry belongs to one branch.
/// </summary>
public static class ServiceCounts
{
    public static readonly string[] Metrics =
        ["disputesResolved", "thingsDone", "pairingVisits", "volunteering", "petitionsAnswered"];

    /// <summary>A month (2026-12) or a year (2026) as the dates from its first day to the next period's.</summary>
    public static (DateOnly From, DateOnly To)? Period(string? text)
    {
        text = text?.Trim();
        if (text is { Length: 4 } && int.TryParse(text, out var y) && y is >= 2000 and <= 2100)
            return (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
        return ActivityDays.Plans.ParseMonth(text) is { } m ? (m, m.AddMonths(1)) : null;
    }

    /// <summary>The confirmed entries behind one count.</summary>
    public static IQueryable<ServiceEntry>? Behind(IQueryable<ServiceEntry> q, string metric)
    {
        q = q.Where(e => e.State == ServiceState.Confirmed);
        return metric switch
        {
            "disputesResolved" => q.Where(e => e.Kind == ServiceKind.Dispute
                                               && e.DisputeOutcome == DisputeOutcome.Resolved),
            "thingsDone" => q.Where(e => e.Kind == ServiceKind.ThingDone),
            "pairingVisits" => q.Where(e => e.Kind == ServiceKind.PairingVisit),
            "volunteering" => q.Where(e => e.Kind == ServiceKind.Volunteering),
            "petitionsAnswered" => q.Where(e => e.Kind == ServiceKind.Petition && e.Answer != null),
            _ => null,
        };
    }

    public static async Task<Outcome<ServiceCountsView>> ForAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int orgId, string? period, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org)
            return Fail.NotFound;
        if (scope.IsMember) return Fail.Forbidden;
        period ??= DistrictTime.Today(clock).ToString("yyyy-MM");
        if (Period(period) is not var (from, to))
            return Fail.Invalid("period", "Write the month as 2026-12 or the year as 2026.");
        // The counts from the month rollups the writes keep (one row per branch and month).
        var d = org.DistrictId;
        var under = db.Orgs.Where(o => o.DistrictId == d && o.Path.StartsWith(org.Path)).Select(o => o.Id);
        // The whole district needs no filter by org, which would keep the planner from the tables' own indexes.
        var whole = org.Kind == OrgKind.District;
        var rollups = db.Set<MonthRollup>().AsNoTracking().Where(r => r.DistrictId == d);
        if (!whole)
            rollups = rollups.Where(r => under.Contains(r.OrgId));
        var kinds = await rollups
            .Where(r => r.Month >= from && r.Month < to
                && (r.DisputesResolved > 0 || r.ThingsDone > 0 || r.PairingVisits > 0 || r.PetitionsAnswered > 0
                    || r.VolunteerTenths > 0))
            .GroupBy(r => r.OrgId).Select(g => new
            {
                OrgId = g.Key,
                Disputes = g.Sum(r => r.DisputesResolved),
                Things = g.Sum(r => r.ThingsDone),
                Visits = g.Sum(r => r.PairingVisits),
                Petitions = g.Sum(r => r.PetitionsAnswered),
                Tenths = g.Sum(r => r.VolunteerTenths),
            }).ToDictionaryAsync(k => k.OrgId, ct);
        // Who volunteered for which branch, from the rows of months per member and branch the writes keep: a member
        // who served two branches (a town's call-out and their own) is one volunteer of each and one of the org.
        var served = MemberYears.VolunteersIn(db, d, from, to.AddMonths(-1));
        if (!whole)
            served = served.Where(v => under.Contains(v.OrgId));
        var volunteersOf = await served.GroupBy(v => v.OrgId)
            .Select(g => new { OrgId = g.Key, Count = g.Select(v => v.MemberId).Distinct().Count() })
            .ToDictionaryAsync(g => g.OrgId, g => g.Count, ct);
        var volunteers = await served.Select(v => v.MemberId).Distinct().CountAsync(ct);
        var branchIds = kinds.Keys.Union(volunteersOf.Keys).ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => o.DistrictId == d && branchIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var branches = branchIds.Select(id =>
        {
            var k = kinds.GetValueOrDefault(id);
            return new ServiceBranchCounts(id, names.GetValueOrDefault(id, ""), k?.Disputes ?? 0, k?.Things ?? 0,
                k?.Visits ?? 0, volunteersOf.GetValueOrDefault(id), (k?.Tenths ?? 0) / 10m, k?.Petitions ?? 0);
        }).OrderBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.BranchId).ToList();

        // The in-party aid given to members under the org in the period (党内救助).
        var aid = await db.Aids.Where(a => a.DistrictId == d && a.GivenOn >= from && a.GivenOn < to
                && db.Members.Any(m => m.Id == a.MemberId && m.DistrictId == d && under.Contains(m.OrgId)))
            .GroupBy(a => 1)
            .Select(g => new { Count = g.Count(), Fen = g.Sum(a => (long)Math.Round((double)a.Amount * 100)) })
            .FirstOrDefaultAsync(ct);
        return new ServiceCountsView(org.Id, org.Name, period.Trim(), branches.Sum(b => b.DisputesResolved),
            branches.Sum(b => b.ThingsDone), branches.Sum(b => b.PairingVisits), volunteers,
            branches.Sum(b => b.VolunteerHours), branches.Sum(b => b.PetitionsAnswered), aid?.Count ?? 0,
            (aid?.Fen ?? 0) / 100m, branches);
    }
}
