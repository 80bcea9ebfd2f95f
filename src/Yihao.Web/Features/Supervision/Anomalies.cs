using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Supervision;

/// <summary>What about a closed day looks made up (异常), each kind counted once a day.</summary>
public enum AnomalyKind { HandMarked, SharedDevice, PhoneContradicted, CopiedText, ReusedPhoto }

/// <summary>Another day that holds the same text or photo; its branch's name only when the reader may see it.</summary>
public sealed record OtherDay(int ActivityDayId, string? Branch, string Month);

/// <summary>
/// One anomaly of one day with its evidence: how many of how many (members marked by hand of those who took part,
/// members from one device, calls that disagree), the device's key (shortened), the members it concerns, the other days
/// that hold the same text or photo, and the text or photo itself.
/// </summary>
public sealed record AnomalyView(int ActivityDayId, int OrgId, string Branch, string Month, string Kind, int Count,
    int Of, string? Device, IReadOnlyList<string> Members, IReadOnlyList<OtherDay> OtherDays, string? Text);

/// <summary>
/// Check-ins and records that look made up, computed from a closed day's rows (docs/supervision.md, "Anomalies"):
/// most members marked by hand, many members from one browser's device key, attendance that phone checks contradict,
/// study notes or minutes whose text (letters and digits only, any case) equals another day's, and a photo (the file
/// store's SHA-256) used for two days. One plain read per kind, joined in memory; the risk inputs count them.
/// </summary>
public static class Anomalies
{
    /// <summary>How far back another day's text or photo is looked for.</summary>
    const int LookBackMonths = 12;

    public static string Normalize(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>The anomalies of the closed days among <paramref name="days"/>, by day. Without evidence only the kinds
    /// and counts are read (the risk inputs' need); <paramref name="visible"/> says whose branch names evidence may
    /// show.</summary>
    public static async Task<Dictionary<int, List<AnomalyView>>> FindAsync(YihaoDb db, int districtId,
        IQueryable<ActivityDay> days, SupervisionRule rule, bool evidence, Func<int, bool> visible,
        CancellationToken ct = default)
    {
        var closed = days.Where(d => d.DistrictId == districtId && d.State == ActivityState.Closed);
        var closedIds = closed.Select(d => d.Id);
        var info = await closed.AsNoTracking().Select(d => new { d.Id, d.OrgId, d.Month })
            .ToDictionaryAsync(d => d.Id, ct);
        var found = new Dictionary<int, List<AnomalyView>>();
        if (info.Count == 0) return found;
        var orgNames = new Dictionary<int, string>();
        var memberNames = new Dictionary<int, string>();
        var pending = new List<(int Day, AnomalyKind Kind, int Count, int Of, string? Device, List<int> Members,
            List<int> Others, string? Text)>();

        // Marked by hand: at least five took part by hand, and they are at least half of those who took part. Only the
        // rows marked by hand are counted; those who took part are counted for the few days that pass.
        var marks = await db.Attendances
            .Where(a => closedIds.Contains(a.ActivityDayId) && a.Method == CheckInMethod.Manual
                && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Online
                    || a.Status == AttendanceStatus.AtDoor))
            .GroupBy(a => a.ActivityDayId).Select(g => new { Day = g.Key, ByHand = g.Count() })
            .Where(x => x.ByHand >= RiskInputs.HandMarkedAtLeast).ToListAsync(ct);
        var markedDays = marks.Select(m => m.Day).ToList();
        var tookPart = markedDays.Count == 0 ? []
            : await db.Attendances.Where(a => markedDays.Contains(a.ActivityDayId)
                && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Online
                    || a.Status == AttendanceStatus.AtDoor))
            .GroupBy(a => a.ActivityDayId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var handDays = marks.Select(m => (m.Day, m.ByHand, TookPart: tookPart.GetValueOrDefault(m.Day)))
            .Where(m => 2 * m.ByHand >= m.TookPart).ToList();
        var byHand = new Dictionary<int, List<int>>();
        if (evidence && handDays.Count > 0)
        {
            var ids = handDays.Select(h => h.Day).ToList();
            byHand = (await db.Attendances.AsNoTracking()
                .Where(a => ids.Contains(a.ActivityDayId) && a.Method == CheckInMethod.Manual)
                .Select(a => new { a.ActivityDayId, a.MemberId }).ToListAsync(ct))
                .GroupBy(a => a.ActivityDayId).ToDictionary(g => g.Key, g => g.Select(a => a.MemberId).ToList());
        }
        foreach (var h in handDays)
            pending.Add((h.Day, AnomalyKind.HandMarked, h.ByHand, h.TookPart, null,
                byHand.GetValueOrDefault(h.Day) ?? [],
                [], null));

        // One device for many members.
        var atLeast = rule.SameDeviceAtLeast;
        var shared = await db.Attendances.Where(a => closedIds.Contains(a.ActivityDayId) && a.Device != null)
            .GroupBy(a => new { a.ActivityDayId, a.Device })
            .Select(g => new { g.Key.ActivityDayId, g.Key.Device, N = g.Count() })
            .Where(g => g.N >= atLeast).ToListAsync(ct);
        var onDevice = new Dictionary<(int, string), List<int>>();
        if (evidence && shared.Count > 0)
        {
            var ids = shared.Select(s => s.ActivityDayId).Distinct().ToList();
            var keys = shared.Select(s => s.Device!).Distinct().ToList();
            onDevice = (await db.Attendances.AsNoTracking()
                .Where(a => ids.Contains(a.ActivityDayId) && keys.Contains(a.Device!))
                .Select(a => new { a.ActivityDayId, a.Device, a.MemberId }).ToListAsync(ct))
                .GroupBy(a => (a.ActivityDayId, a.Device!))
                .ToDictionary(g => g.Key, g => g.Select(a => a.MemberId).ToList());
        }
        foreach (var s in shared.OrderByDescending(s => s.N).DistinctBy(s => s.ActivityDayId))
            pending.Add((s.ActivityDayId, AnomalyKind.SharedDevice, s.N, s.N, Short(s.Device!),
                onDevice.GetValueOrDefault((s.ActivityDayId, s.Device!)) ?? [], [], null));

        // Phone checks that contradict the record: the member was reached and said otherwise.
        var calls = await (from c in db.PhoneCalls
                           join i in db.Inspections on c.InspectionId equals i.Id
                           where c.DistrictId == districtId && c.Reached && !c.Agrees && i.ActivityDayId != null
                               && closedIds.Contains(i.ActivityDayId!.Value)
                           select new { Day = i.ActivityDayId!.Value, c.MemberId }).AsNoTracking().ToListAsync(ct);
        var checkedCalls = await (from c in db.PhoneCalls
                                  join i in db.Inspections on c.InspectionId equals i.Id
                                  where c.DistrictId == districtId && c.Reached && i.ActivityDayId != null
                                      && closedIds.Contains(i.ActivityDayId!.Value)
                                  group c by i.ActivityDayId into g
                                  select new { Day = g.Key!.Value, N = g.Count() })
            .ToDictionaryAsync(x => x.Day, x => x.N, ct);
        foreach (var g in calls.GroupBy(c => c.Day))
            pending.Add((g.Key, AnomalyKind.PhoneContradicted, g.Count(), checkedCalls.GetValueOrDefault(g.Key),
                null, [.. g.Select(c => c.MemberId).Distinct()], [], null));

        // Copied text: a study note or the minutes equal to another day's, over a length that is more than a stock
        // phrase (the policy's copiedTextAtLeast; the length in the database is of the raw text, never shorter).
        var minLength = rule.CopiedTextAtLeast;
        var lo = info.Values.Min(d => d.Month).AddMonths(-LookBackMonths);
        var hi = info.Values.Max(d => d.Month).AddMonths(LookBackMonths);
        var inWindow = db.ActivityDays.Where(d => d.DistrictId == districtId && d.Month >= lo && d.Month <= hi)
            .Select(d => d.Id);
        // The notes long enough to count, by the index on their length, then those of the window's days: few notes
        // pass the length where most are a stock line, and the window's days are one short read.
        var windowDays = await inWindow.ToHashSetAsync(ct);
        var notes = (await db.StudyNotes.AsNoTracking()
            .Where(n => n.DistrictId == districtId && n.Text.Length >= minLength)
            .Select(n => new { n.ActivityDayId, n.MemberId, n.Text }).ToListAsync(ct))
            .Where(n => windowDays.Contains(n.ActivityDayId));
        var minutes = await db.SixMusts.AsNoTracking()
            .Where(m => m.DistrictId == districtId && m.Minutes != null && m.Minutes.Length >= minLength
                && inWindow.Contains(m.ActivityDayId))
            .Select(m => new { m.ActivityDayId, MemberId = 0, Text = m.Minutes! }).ToListAsync(ct);
        var texts = notes.Concat(minutes)
            .Select(t => (t.ActivityDayId, t.MemberId, Text: Normalize(t.Text), Raw: t.Text))
            .Where(t => t.Text.Length >= minLength).ToList();
        var daysOf = texts.GroupBy(t => t.Text)
            .ToDictionary(g => g.Key, g => g.Select(t => t.ActivityDayId).ToHashSet());
        foreach (var g in texts.Where(t => info.ContainsKey(t.ActivityDayId) && daysOf[t.Text].Count > 1)
            .GroupBy(t => t.ActivityDayId))
        {
            var others = g.SelectMany(t => daysOf[t.Text]).Where(d => d != g.Key).Distinct().Order().ToList();
            pending.Add((g.Key, AnomalyKind.CopiedText, g.Count(), texts.Count(t => t.ActivityDayId == g.Key), null,
                [.. g.Where(t => t.MemberId != 0).Select(t => t.MemberId).Distinct()], others, g.First().Raw));
        }

        // One photo for two days: the store keeps a file once by its hash, so the same bytes are the same hash.
        var photos = await (from p in db.DayPhotos
                            where p.DistrictId == districtId && closedIds.Contains(p.ActivityDayId)
                            from q in db.DayPhotos
                            where q.DistrictId == p.DistrictId && q.Hash == p.Hash && q.ActivityDayId != p.ActivityDayId
                            select new { p.ActivityDayId, Other = q.ActivityDayId, p.Hash }).AsNoTracking()
            .ToListAsync(ct);
        foreach (var g in photos.GroupBy(p => p.ActivityDayId))
            pending.Add((g.Key, AnomalyKind.ReusedPhoto, g.Select(p => p.Hash).Distinct().Count(), 0, null, [],
                [.. g.Select(p => p.Other).Distinct().Order()], g.First().Hash));

        // Names and months, for the evidence.
        var otherIds = pending.SelectMany(p => p.Others).Where(d => !info.ContainsKey(d)).Distinct().ToList();
        var others2 = otherIds.Count == 0 ? []
            : await db.ActivityDays.AsNoTracking().Where(d => otherIds.Contains(d.Id))
            .Select(d => new { d.Id, d.OrgId, d.Month }).ToListAsync(ct);
        var dayOf = info.Values.Concat(others2).ToDictionary(d => d.Id, d => (d.OrgId, d.Month));
        if (evidence)
        {
            var orgIds = dayOf.Values.Select(d => d.OrgId).Distinct().ToList();
            orgNames = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
                .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            var memberIds = pending.SelectMany(p => p.Members).Distinct().ToList();
            memberNames = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        }
        foreach (var p in pending.OrderBy(p => p.Day).ThenBy(p => p.Kind))
        {
            var (org, month) = dayOf[p.Day];
            var view = new AnomalyView(p.Day, org, orgNames.GetValueOrDefault(org) ?? "", month.ToString("yyyy-MM"),
                Words.Camel(p.Kind), p.Count, p.Of, p.Device,
                [.. p.Members.Select(m => memberNames.GetValueOrDefault(m) ?? "").Where(n => n != "").Order()],
                [.. p.Others.Where(dayOf.ContainsKey).Select(o => new OtherDay(o,
                    visible(dayOf[o].OrgId) ? orgNames.GetValueOrDefault(dayOf[o].OrgId) : null,
                    dayOf[o].Month.ToString("yyyy-MM")))],
                p.Text);
            if (!found.TryGetValue(p.Day, out var list)) found[p.Day] = list = [];
            list.Add(view);
        }
        return found;
    }

    /// <summary>
    /// The anomalies an inspector reads: of one closed day, or of the closed days under a node (default: the caller's)
    /// in a month (default: the last three months). Supervisors only, as samples are: the anomalies say where they will
    /// look.
    /// </summary>
    public static async Task<Outcome<List<AnomalyView>>> ListAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int? activityDayId, int? orgId, string? month, CancellationToken ct = default)
    {
        if (!Inspections.Supervises(scope)) return Fail.Forbidden;
        var rule = await Inspections.RuleAsync(db, scope.DistrictId, clock, ct);
        IQueryable<ActivityDay> days;
        if (activityDayId is { } id)
        {
            var day = await ActivityDays.Plans.FindAsync(scope, db, id, ct);
            if (day is null) return Fail.NotFound;
            days = db.ActivityDays.Where(d => d.Id == day.Id);
        }
        else
        {
            var org = await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == (orgId ?? scope.OrgId), ct);
            if (org is null) return Fail.NotFound;
            var today = DistrictTime.Today(clock);
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            DateOnly from = thisMonth.AddMonths(-3), to = thisMonth;
            if (month is not null)
            {
                if (ActivityDays.Plans.ParseMonth(month) is not { } m)
                    return Fail.Invalid("month", "Write the month as 2026-12.");
                (from, to) = (m, m);
            }
            var path = org.Path;
            days = db.ActivityDays.Where(d => d.Month >= from && d.Month <= to
                && db.Orgs.Any(o => o.Id == d.OrgId && o.Path.StartsWith(path)));
        }
        var visible = await scope.Orgs(db).Select(o => o.Id).ToHashSetAsync(ct);
        var found = await FindAsync(db, scope.DistrictId, days, rule, true, visible.Contains, ct);
        return found.Values.SelectMany(v => v).OrderByDescending(a => a.Month).ThenBy(a => a.Branch)
            .ThenBy(a => a.ActivityDayId).Take(500).ToList();
    }

    public static RouteGroupBuilder MapAnomaliesApi(this RouteGroupBuilder g)
    {
        g.MapGet("/anomalies", (int? activityDayId, int? orgId, string? month, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                (await ListAsync(s, db, clock, activityDayId, orgId, month, ct)).ToHttp(v => TypedResults.Ok(v))))
            .Produces<List<AnomalyView>>()
            .WithDescription("Check-ins and records that look made up, with their evidence: of the closed day " +
                "activityDayId, or of the closed days under orgId (default: the caller's node) in month (default: " +
                "the last three months). Kinds: handMarked, sharedDevice, phoneContradicted, copiedText, reusedPhoto.");
        return g;
    }

    /// <summary>The first eight characters of a device key: enough to tell two apart on a page.</summary>
    static string Short(string key) => key.Length <= 8 ? key : key[..8] + "…";
}
