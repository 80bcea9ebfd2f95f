using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Supervision;

/// <summary>
/// What makes a branch risky, counted from its records over the policy's last <c>riskMonths</c> months before the month
/// drawn for (docs/supervision.md names each).
/// </summary>
public sealed record RiskInputs(int OpenWarnings, int LowAttendance, int LatePlans, int DaysNotHeld,
    int SixMustsMissing, int OpenProblems, int OverdueProblems, int HandMarkedDays = 0, int SharedDeviceDays = 0,
    int ContradictedDays = 0, int CopiedTextDays = 0, int ReusedPhotoDays = 0)
{
    /// <summary>A closed day counts as hand-marked when at least this many took part and at least half of them were
    /// marked by hand (签到 by the secretary rather than by a member's own scan or code).</summary>
    public const int HandMarkedAtLeast = 5;

    /// <summary>The weight: the base plus each count times its weight in the policy; a whole number.</summary>
    public long Weight(SupervisionRule.RiskWeights w) =>
        w.Base + (long)w.OpenWarning * OpenWarnings + (long)w.LowAttendance * LowAttendance
            + (long)w.LatePlan * LatePlans
        + (long)w.DayNotHeld * DaysNotHeld + (long)w.SixMustsMissing * SixMustsMissing
            + (long)w.OpenProblem * OpenProblems
        + (long)w.OverdueProblem * OverdueProblems + (long)w.HandMarked * HandMarkedDays
        + (long)w.SharedDevice * SharedDeviceDays + (long)w.PhoneContradicted * ContradictedDays
        + (long)w.CopiedText * CopiedTextDays + (long)w.ReusedPhoto * ReusedPhotoDays;
}

public static class Risk
{
    /// <summary>The open branches under a path and their risk inputs: one plain read per kind of record, joined in
    /// memory.</summary>
    public static async Task<SortedDictionary<int, RiskInputs>> LoadAsync(YihaoDb db, int districtId, string path,
        DateOnly month, SupervisionRule rule, decimal yellowBelowRate, DateOnly today, CancellationToken ct = default)
    {
        var from = month.AddMonths(-rule.RiskMonths);
        var to = month.AddMonths(-1);
        var branchQ = db.Orgs.Where(o => o.DistrictId == districtId && o.Path.StartsWith(path) && o.ClosedOn == null
            && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch)).Select(o => o.Id);
        var branches = await branchQ.ToListAsync(ct);
        var daysQ =
            db.ActivityDays.Where(d => d.DistrictId == districtId && d.Month >= from && d.Month <= to
            && branchQ.Contains(d.OrgId));
        var days = await daysQ.AsNoTracking().Select(d => new { d.Id, d.OrgId, d.Month, d.State, d.Late })
            .ToListAsync(ct);
        var closedQ = daysQ.Where(d => d.State == ActivityState.Closed).Select(d => d.Id);
        // A closed day's attendance from its branch and month's rollup (one day a branch a month), which the writes
        // keep equal to the rows (Rollups.CheckAsync): no attendance row is read for it.
        var attendance = await db.Set<MonthRollup>().AsNoTracking()
            .Where(r => r.DistrictId == districtId && r.Month >= from && r.Month <= to && r.Held > 0
                && branchQ.Contains(r.OrgId))
            .Select(r => new
            {
                r.OrgId,
                r.Month,
                Listed = r.Present + r.Excused + r.Unexcused + r.Online + r.AtDoor,
                TookPart = r.Present + r.Online + r.AtDoor,
            }).ToDictionaryAsync(x => (x.OrgId, x.Month), ct);
        var anomalies = (await Anomalies.FindAsync(db, districtId, daysQ, rule, false, _ => false, ct))
            .SelectMany(a => a.Value).ToLookup(a => (a.ActivityDayId, a.Kind));
        var musts = await db.SixMusts.AsNoTracking().Where(m => closedQ.Contains(m.ActivityDayId))
            .Select(m => new
            {
                m.ActivityDayId,
                Ok = m.BadgesWorn && m.TheoryStudyHeld && m.DuesCollected && m.LiaisonLeaderPresent
                && m.StarsPosted && m.OathRenewed
            }).ToDictionaryAsync(m => m.ActivityDayId, m => m.Ok, ct);
        var warnings = await db.Warnings.Where(w => w.DistrictId == districtId && w.Status != WarningStatus.Resolved
                && branchQ.Contains(w.OrgId)).GroupBy(w => w.OrgId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var items = (await db.ProblemItems.AsNoTracking().Where(i => i.DistrictId == districtId
                && i.State != ProblemItemState.Accepted && branchQ.Contains(i.OrgId))
            .Select(i => new { i.OrgId, i.DueOn }).ToListAsync(ct)).ToLookup(i => i.OrgId);
        var byBranch = days.ToLookup(d => d.OrgId);
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        var result = new SortedDictionary<int, RiskInputs>();
        foreach (var b in branches)
        {
            var own = byBranch[b].ToList();
            var closed = own.Where(d => d.State == ActivityState.Closed).ToList();
            var low = closed.Count(d => attendance.TryGetValue((d.OrgId, d.Month), out var a) && a.Listed > 0
                && (decimal)a.TookPart / a.Listed < yellowBelowRate);
            var heldMonths = closed.Select(d => d.Month).Distinct().Count();
            result[b] = new RiskInputs(
                warnings.GetValueOrDefault(b),
                low,
                own.Count(d => d.Late),
                months - heldMonths,
                closed.Count(d => !musts.GetValueOrDefault(d.Id)),
                items[b].Count(),
                items[b].Count(i => i.DueOn < today),
                closed.Count(d => anomalies.Contains((d.Id, Words.Camel(AnomalyKind.HandMarked)))),
                closed.Count(d => anomalies.Contains((d.Id, Words.Camel(AnomalyKind.SharedDevice)))),
                closed.Count(d => anomalies.Contains((d.Id, Words.Camel(AnomalyKind.PhoneContradicted)))),
                closed.Count(d => anomalies.Contains((d.Id, Words.Camel(AnomalyKind.CopiedText)))),
                closed.Count(d => anomalies.Contains((d.Id, Words.Camel(AnomalyKind.ReusedPhoto)))));
        }
        return result;
    }
}
