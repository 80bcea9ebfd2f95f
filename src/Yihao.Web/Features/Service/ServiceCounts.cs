using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
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
        // One grouped read per branch and kind; the members of volunteering entries read apart for their hours.
        var confirmed = db.ServiceEntries.AsNoTracking().Where(e => e.DistrictId == org.DistrictId
            && e.State == ServiceState.Confirmed && e.DoneOn >= from && e.DoneOn < to
            && db.Orgs.Any(o => o.Id == e.OrgId && o.Path.StartsWith(org.Path)));
        var groups = await confirmed
            .GroupBy(e => new
            {
                e.OrgId,
                e.Kind,
                Resolved = e.DisputeOutcome == DisputeOutcome.Resolved,
                Answered = e.Answer != null
            })
            .Select(g => new { g.Key.OrgId, g.Key.Kind, g.Key.Resolved, g.Key.Answered, Count = g.Count() })
            .ToListAsync(ct);
        var volunteering = await db.ServiceEntryMembers.AsNoTracking()
            .Where(m => confirmed.Any(e => e.Id == m.EntryId && e.Kind == ServiceKind.Volunteering))
            .Join(db.ServiceEntries, m => m.EntryId, e => e.Id, (m, e) => new { e.OrgId, m.MemberId, e.Hours })
            .ToListAsync(ct);
        var branchIds = groups.Select(g => g.OrgId).Concat(volunteering.Select(v => v.OrgId)).Distinct().ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => branchIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var branches = branchIds.Select(id =>
        {
            var g = groups.Where(x => x.OrgId == id).ToList();
            var v = volunteering.Where(x => x.OrgId == id).ToList();
            return new ServiceBranchCounts(id, names.GetValueOrDefault(id, ""),
                g.Where(x => x.Kind == ServiceKind.Dispute && x.Resolved).Sum(x => x.Count),
                g.Where(x => x.Kind == ServiceKind.ThingDone).Sum(x => x.Count),
                g.Where(x => x.Kind == ServiceKind.PairingVisit).Sum(x => x.Count),
                v.Select(x => x.MemberId).Distinct().Count(), v.Sum(x => x.Hours ?? 0),
                g.Where(x => x.Kind == ServiceKind.Petition && x.Answered).Sum(x => x.Count));
        }).OrderBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.BranchId).ToList();

        // The in-party aid given to members under the org in the period (党内救助).
        var (fromDay, toDay) = (from, to);
        var aid = await db.Aids.AsNoTracking().Where(a => a.DistrictId == org.DistrictId && a.GivenOn >= fromDay
                && a.GivenOn < toDay && db.Members.Any(m => m.Id == a.MemberId
                    && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(org.Path))))
            .Select(a => a.Amount).ToListAsync(ct);
        return new ServiceCountsView(org.Id, org.Name, period.Trim(), branches.Sum(b => b.DisputesResolved),
            branches.Sum(b => b.ThingsDone), branches.Sum(b => b.PairingVisits),
            volunteering.Select(x => x.MemberId).Distinct().Count(), volunteering.Sum(x => x.Hours ?? 0),
            branches.Sum(b => b.PetitionsAnswered), aid.Count, aid.Sum(), branches);
    }
}
