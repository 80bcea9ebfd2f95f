using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>Attendance of an org for a month (到会率): rate = (present + online + at door) / expected.</summary>
public sealed record AttendanceCounts(int OrgId, string Month, int Expected, int Present, int Excused, int Unexcused,
    int Online, int AtDoor, double Rate)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition =
        System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AttendanceCounts>? Children { get; init; }
}

public static class AttendanceStats
{
    /// <summary>
    /// Counts for a node and each of its children, summed over their subtrees. A closed day counts its fixed rows; a
    /// day not yet closed counts its check-ins so far against the branch's members now, with nobody yet unexcused.
    /// </summary>
    public static async Task<AttendanceCounts> ForAsync(YihaoDb db, Org org, DateOnly month,
        CancellationToken ct = default)
    {
        var tree = await db.Orgs.AsNoTracking()
            .Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(org.Path))
            .Select(o => new { o.Id, o.ParentId, o.Path }).ToListAsync(ct);
        var days =
            db.ActivityDays.Where(d => d.DistrictId == org.DistrictId && d.Month == month
            && db.Orgs.Any(o => o.Id == d.OrgId && o.Path.StartsWith(org.Path)));
        var rows = await db.Attendances.Where(a => days.Any(d => d.Id == a.ActivityDayId))
            .GroupBy(a => new { a.ActivityDayId, a.Status })
                .Select(g => new { g.Key.ActivityDayId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var dayInfo = await days.Select(d => new { d.Id, d.OrgId, d.State }).ToListAsync(ct);
        var openBranches = dayInfo.Where(d => d.State != ActivityState.Closed).Select(d => d.OrgId).ToList();
        var current = openBranches.Count == 0 ? [] : await db.Members.Where(m => openBranches.Contains(m.OrgId))
            .GroupBy(m => m.OrgId).Select(g => new { OrgId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.OrgId, g => g.Count, ct);

        var perBranch = new Dictionary<int, int[]>();
        foreach (var d in dayInfo)
        {
            var c = new int[6];
            foreach (var r in rows.Where(r => r.ActivityDayId == d.Id)) c[1 + (int)r.Status] += r.Count;
            c[0] = d.State == ActivityState.Closed ? c[1..].Sum()
                : Math.Max(current.GetValueOrDefault(d.OrgId), c[1..].Sum());
            perBranch[d.OrgId] = c;
        }
        var label = month.ToString("yyyy-MM");
        AttendanceCounts Sum(int id, string path)
        {
            var t = new int[6];
            foreach (var o in tree.Where(o => o.Path.StartsWith(path, StringComparison.Ordinal)))
                if (perBranch.TryGetValue(o.Id, out var c)) for (var i = 0; i < 6; i++) t[i] += c[i];
            var rate = t[0] == 0 ? 0 : Math.Round((double)(t[1] + t[4] + t[5]) / t[0], 4);
            return new AttendanceCounts(id, label, t[0], t[1], t[2], t[3], t[4], t[5], rate);
        }
        return Sum(org.Id, org.Path) with
        {
            Children = tree.Where(o => o.ParentId == org.Id).OrderBy(o => o.Id).Select(o => Sum(o.Id, o.Path)).ToList(),
        };
    }

    /// <summary>Each closed day's rate, from its fixed rows, in one query: for a branch's list of days or its star
    /// board.</summary>
    public static async Task<Dictionary<int,
        double>> ClosedRatesAsync(YihaoDb db, IReadOnlyCollection<ActivityDay> days, CancellationToken ct = default)
    {
        var ids = days.Where(d => d.State == ActivityState.Closed).Select(d => d.Id).ToList();
        return await db.Attendances.Where(a => ids.Contains(a.ActivityDayId)).GroupBy(a => a.ActivityDayId)
            .Select(g =>
                new
                {
                    g.Key,
                    All = g.Count(),
                    Took = g.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Online
                        || a.Status == AttendanceStatus.AtDoor)
                })
            .ToDictionaryAsync(g => g.Key, g => g.All == 0 ? 0 : (double)g.Took / g.All, ct);
    }
}
