using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Dashboard;

/// <summary>
/// The tables of months as bits per member and year that the writes keep beside the rollups: each member's paid
/// months (<see cref="DuesPaidYear"/>) and volunteering months per branch (<see cref="VolunteerYear"/>). Made anew
/// for the members and years a save touched, in its transaction; rebuilt whole with the rollups; checked against the
/// records with them.
/// </summary>
public static class MemberYears
{
    public static readonly MemberYearTable<DuesPaidYear> DuesPaid = new("dues_paid_years",
        ["district_id", "year", "member_id", "paid"], r => [r.DistrictId, r.Year, r.MemberId, r.Paid], PaidAsync);

    public static readonly MemberYearTable<VolunteerYear> Volunteered = new("volunteer_years",
        ["district_id", "year", "org_id", "member_id", "months"],
        r => [r.DistrictId, r.Year, r.OrgId, r.MemberId, r.Months], VolunteeredAsync);

    /// <summary>The window's rows of the volunteers: those with a month in it (first days, both included).</summary>
    public static IQueryable<VolunteerYear> VolunteersIn(YihaoDb db, int districtId, DateOnly from, DateOnly to)
    {
        var (y1, y2) = (from.Year, to.Year);
        var (m1, m2) = (DuesPaidYear.Mask(y1, from, to), DuesPaidYear.Mask(y2, from, to));
        return db.Set<VolunteerYear>().Where(v => v.DistrictId == districtId && v.Year >= y1 && v.Year <= y2
            && (v.Months & (v.Year == y1 ? m1 : v.Year == y2 ? m2 : 0xFFF)) != 0);
    }

    static int Bit(DateOnly month) => 1 << (month.Month - 1);

    /// <summary>The paid rows of a district (a year and some of its members, or all) from the dues months.</summary>
    static async Task<List<DuesPaidYear>> PaidAsync(
        YihaoDb db, int districtId, int? year, IReadOnlyCollection<int>? members, CancellationToken ct)
    {
        var (from, to) = Span(year);
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
                Paid = g.Aggregate(0, (bits, m) => bits | Bit(m.Month)),
            }),
        ];
    }

    /// <summary>The volunteering rows of a district (a year and some of its members, or all) from the confirmed
    /// volunteering entries and their members.</summary>
    static async Task<List<VolunteerYear>> VolunteeredAsync(
        YihaoDb db, int districtId, int? year, IReadOnlyCollection<int>? members, CancellationToken ct)
    {
        var (from, to) = Span(year);
        var served = await db.ServiceEntries.AsNoTracking()
            .Where(e => e.DistrictId == districtId && e.State == ServiceState.Confirmed
                && e.Kind == ServiceKind.Volunteering && e.DoneOn >= from && e.DoneOn < to)
            .Join(db.ServiceEntryMembers.Where(m => m.DistrictId == districtId
                    && (members == null || members.Contains(m.MemberId))),
                e => e.Id, m => m.EntryId, (e, m) => new { e.OrgId, m.MemberId, e.DoneOn })
            .ToListAsync(ct);
        return
        [
            .. served.GroupBy(s => (s.DoneOn.Year, s.OrgId, s.MemberId)).Select(g => new VolunteerYear
            {
                DistrictId = districtId,
                Year = g.Key.Year,
                OrgId = g.Key.OrgId,
                MemberId = g.Key.MemberId,
                Months = g.Aggregate(0, (bits, s) => bits | Bit(s.DoneOn)),
            }),
        ];
    }

    static (DateOnly From, DateOnly To) Span(int? year) =>
        year is { } y ? (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1)) : (DateOnly.MinValue, DateOnly.MaxValue);
}

/// <summary>One table of <see cref="MemberYears"/>: its rows computed from the records by <paramref name="compute"/>
/// (a district's, or a year's of some members), written by bulk copy in these columns.</summary>
public sealed class MemberYearTable<T>(
    string table,
    string[] columns,
    Func<T, object?[]> values,
    Func<YihaoDb, int, int?, IReadOnlyCollection<int>?, CancellationToken, Task<List<T>>> compute)
    where T : class, IMemberYear
{
    /// <summary>Makes these members' years anew from the records, in the current transaction.</summary>
    public async Task RefreshAsync(
        YihaoDb db, IEnumerable<(int District, int Year, int Member)> keys, CancellationToken ct)
    {
        foreach (var district in keys.GroupBy(k => k.District))
            foreach (var year in district.GroupBy(k => k.Year))
            {
                var members = year.Select(k => k.Member).Distinct().ToList();
                var rows = await compute(db, district.Key, year.Key, members, ct);
                await db.Set<T>()
                    .Where(y => y.DistrictId == district.Key && y.Year == year.Key && members.Contains(y.MemberId))
                    .ExecuteDeleteAsync(ct);
                await InsertAsync(db, rows, ct);
            }
    }

    /// <summary>Every row of a district made anew, inside the rollups' rebuild.</summary>
    public async Task RebuildAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var rows = await compute(db, districtId, null, null, ct);
        await db.Set<T>().Where(y => y.DistrictId == districtId).ExecuteDeleteAsync(ct);
        await InsertAsync(db, rows, ct);
    }

    /// <summary>Each member and year (and branch) whose stored bits differ from the records: the field names the table
    /// and the member, the month is the year, the figures are the bits.</summary>
    public async Task<List<RollupDrift>> CheckAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var computed = (await compute(db, districtId, null, null, ct))
            .ToDictionary(y => (y.Year, y.OrgId, y.MemberId), y => y.Bits);
        var stored = (await db.Set<T>().AsNoTracking().Where(y => y.DistrictId == districtId).ToListAsync(ct))
            .ToDictionary(y => (y.Year, y.OrgId, y.MemberId), y => y.Bits);
        return
        [
            .. computed.Keys.Union(stored.Keys)
                .Where(k => computed.GetValueOrDefault(k) != stored.GetValueOrDefault(k))
                .Select(k => new RollupDrift(k.OrgId, $"{k.Year}", $"{table} member {k.MemberId}",
                    stored.GetValueOrDefault(k), computed.GetValueOrDefault(k))),
        ];
    }

    Task InsertAsync(YihaoDb db, List<T> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : BulkCopy.InsertAsync(db, table, columns, rows.Select(values), ct);
}
