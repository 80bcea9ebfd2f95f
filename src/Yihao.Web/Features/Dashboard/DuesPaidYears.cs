using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Dashboard;

/// <summary>
/// The members' paid months as one row of bits per member and year (<see cref="DuesPaidYear"/>): made anew from the
/// dues months for the members and years a save touched, in its transaction; rebuilt whole with the rollups; checked
/// against the dues months with them.
/// </summary>
public static class DuesPaidYears
{
    /// <summary>Makes these members' years anew from their dues months, in the current transaction.</summary>
    public static async Task RefreshAsync(
        YihaoDb db, IReadOnlyCollection<(int District, int Year, int Member)> keys, CancellationToken ct)
    {
        foreach (var district in keys.GroupBy(k => k.District))
            foreach (var year in district.GroupBy(k => k.Year))
            {
                var members = year.Select(k => k.Member).Distinct().ToList();
                var rows = await ComputeAsync(db, district.Key, year.Key, members, ct);
                await db.Set<DuesPaidYear>()
                    .Where(y => y.DistrictId == district.Key && y.Year == year.Key && members.Contains(y.MemberId))
                    .ExecuteDeleteAsync(ct);
                await InsertAsync(db, rows, ct);
            }
    }

    /// <summary>Every row of a district made anew, inside the rollups' rebuild.</summary>
    public static async Task RebuildAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var rows = await ComputeAsync(db, districtId, null, null, ct);
        await db.Set<DuesPaidYear>().Where(y => y.DistrictId == districtId).ExecuteDeleteAsync(ct);
        await InsertAsync(db, rows, ct);
    }

    /// <summary>Each member and year whose stored bits differ from the dues months: the field names the member, the
    /// month is the year, the figures are the bits.</summary>
    public static async Task<List<RollupDrift>> CheckAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var computed = (await ComputeAsync(db, districtId, null, null, ct))
            .ToDictionary(y => (y.Year, y.MemberId), y => y.Paid);
        var stored = await db.Set<DuesPaidYear>().AsNoTracking().Where(y => y.DistrictId == districtId)
            .ToDictionaryAsync(y => (y.Year, y.MemberId), y => y.Paid, ct);
        return
        [
            .. computed.Keys.Union(stored.Keys)
                .Where(k => computed.GetValueOrDefault(k) != stored.GetValueOrDefault(k))
                .Select(k => new RollupDrift(0, $"{k.Year}", $"dues_paid_years member {k.MemberId}",
                    stored.GetValueOrDefault(k), computed.GetValueOrDefault(k))),
        ];
    }

    /// <summary>The rows of a district (a year and some of its members, or all) from the dues months.</summary>
    static async Task<List<DuesPaidYear>> ComputeAsync(
        YihaoDb db, int districtId, int? year, IReadOnlyCollection<int>? members, CancellationToken ct)
    {
        var (from, to) = year is { } y ? (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1))
            : (DateOnly.MinValue, DateOnly.MaxValue);
        var months = await db.DuesMonths.AsNoTracking()
            .Where(m => m.DistrictId == districtId && (members == null || members.Contains(m.MemberId))
                && m.Month >= from && m.Month < to)
            .Select(m => new { m.MemberId, m.Month })
            .ToListAsync(ct);
        return
        [
            .. months.GroupBy(m => (m.MemberId, m.Month.Year)).Select(g => new DuesPaidYear
            {
                DistrictId = districtId,
                Year = g.Key.Year,
                MemberId = g.Key.MemberId,
                Paid = g.Aggregate(0, (bits, m) => bits | 1 << (m.Month.Month - 1)),
            }),
        ];
    }

    static Task InsertAsync(YihaoDb db, List<DuesPaidYear> rows, CancellationToken ct) =>
        rows.Count == 0
            ? Task.CompletedTask
            : BulkCopy.InsertAsync(db, "dues_paid_years", ["district_id", "year", "member_id", "paid"],
                rows.Select(r => (object?[])[r.DistrictId, r.Year, r.MemberId, r.Paid]), ct);
}
