using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>A count that the stored rollup holds differently from the records.</summary>
public sealed record RollupDrift(int OrgId, string Month, string Field, int Stored, int Computed);

/// <summary>
/// The per-branch-per-month rollups (月度汇总): computed from the records for any set of branches and months, written in
/// the caller's transaction (every audited save calls <see cref="AfterSaveAsync"/>; the check-in writer adds to its
/// counts in its own), rebuilt whole, and checked against the records.
/// </summary>
public static class Rollups
{
    static readonly string[] Columns =
    [
        "district_id",
        "org_id",
        "month",
        .. MonthRollup.CountNames,
        "make_ups_open_due",
    ];

    /// <summary>What a save is about to change, taken before it runs: a moved member's former branch, the branch
    /// and months an edited ledger record counted in before the edit, and the year an edited service entry was done
    /// in.</summary>
    internal sealed record Touched(
        List<object> Entities,
        List<(int District, int Org)> FormerBranches,
        List<(int District, int Org, DateOnly Month)> FormerKeys,
        List<(int Entry, int Year)> FormerYears
    );

    internal static Touched Collect(IEnumerable<EntityEntry> entries)
    {
        var touched = new Touched([], [], [], []);
        foreach (var e in entries)
        {
            touched.Entities.Add(e.Entity);
            if (e.State != EntityState.Modified)
                continue;
            switch (e.Entity)
            {
                case Member m when e.OriginalValues[nameof(Member.OrgId)] is int was:
                    touched.FormerBranches.Add((m.DistrictId, was));
                    break;
                case ServiceEntry s:
                    touched.FormerKeys.Add(Former(e, s.DistrictId, nameof(ServiceEntry.DoneOn)));
                    touched.FormerYears.Add((s.Id, ((DateOnly)e.OriginalValues[nameof(ServiceEntry.DoneOn)]!).Year));
                    break;
                case Commitment c:
                    touched.FormerKeys.Add(Former(e, c.DistrictId, nameof(Commitment.MadeOn)));
                    if (e.OriginalValues[nameof(Commitment.ConfirmedOn)] is DateOnly confirmed)
                        touched.FormerKeys.Add((c.DistrictId, (int)e.OriginalValues["OrgId"]!, MonthOf(confirmed)));
                    break;
            }
        }
        return touched;
    }

    static (int, int, DateOnly) Former(EntityEntry e, int district, string date) =>
        (district, (int)e.OriginalValues["OrgId"]!, MonthOf((DateOnly)e.OriginalValues[date]!));

    static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

    /// <summary>
    /// The rollups of the branches and months a save touched, made anew inside its transaction: days, attendance,
    /// make-ups, stars and boards, warnings and follow-ups by their branch and month; members and transfers by the
    /// months whose day is still open (an open day expects the branch's members now); service entries, commitments
    /// and payments by the branch and months they count in, before and after; dues months by their member's year.
    /// </summary>
    internal static async Task AfterSaveAsync(YihaoDb db, Touched touched, CancellationToken ct)
    {
        var keys = new HashSet<(int District, int Org, DateOnly Month)>(touched.FormerKeys);
        var entries = new HashSet<int>();
        var paidYears = new HashSet<(int District, int Year, int Member)>();
        var days = new HashSet<int>();
        var boards = new HashSet<int>();
        var warnings = new HashSet<int>();
        var branches = new HashSet<(int District, int Org)>(touched.FormerBranches);
        foreach (var entity in touched.Entities)
            switch (entity)
            {
                case ActivityDay d:
                    keys.Add((d.DistrictId, d.OrgId, d.Month));
                    break;
                case IMemberDayRow r:
                    days.Add(r.ActivityDayId);
                    break;
                case StarBoard b:
                    keys.Add((b.DistrictId, b.OrgId, b.Month));
                    break;
                case MemberStar s:
                    boards.Add(s.BoardId);
                    break;
                case Warning w:
                    keys.Add((w.DistrictId, w.OrgId, w.Month));
                    break;
                case FollowUp f:
                    warnings.Add(f.WarningId);
                    break;
                case Member m:
                    branches.Add((m.DistrictId, m.OrgId));
                    break;
                case Transfer t:
                    branches.Add((t.DistrictId, t.ToOrgId));
                    if (t.FromOrgId is { } from)
                        branches.Add((t.DistrictId, from));
                    break;
                case ServiceEntry e:
                    keys.Add((e.DistrictId, e.OrgId, MonthOf(e.DoneOn)));
                    break;
                case ServiceEntryMember m:
                    entries.Add(m.EntryId);
                    break;
                case Commitment c:
                    keys.Add((c.DistrictId, c.OrgId, MonthOf(c.MadeOn)));
                    if (c.ConfirmedOn is { } confirmed)
                        keys.Add((c.DistrictId, c.OrgId, MonthOf(confirmed)));
                    break;
                case DuesPayment p:
                    keys.Add((p.DistrictId, p.OrgId, MonthOf(p.PaidOn)));
                    break;
                case DuesMonth m:
                    paidYears.Add((m.DistrictId, m.Month.Year, m.MemberId));
                    break;
            }
        if (entries.Count > 0)
            await KeysAsync(
                keys,
                db.ServiceEntries.Where(e => entries.Contains(e.Id))
                    .Select(e => new Key(e.DistrictId, e.OrgId, e.DoneOn)),
                ct
            );
        if (days.Count > 0)
            await KeysAsync(
                keys,
                db.ActivityDays.Where(d => days.Contains(d.Id)).Select(d => new Key(d.DistrictId, d.OrgId, d.Month)),
                ct
            );
        if (boards.Count > 0)
            await KeysAsync(
                keys,
                db.StarBoards.Where(b => boards.Contains(b.Id)).Select(b => new Key(b.DistrictId, b.OrgId, b.Month)),
                ct
            );
        if (warnings.Count > 0)
            await KeysAsync(
                keys,
                db.Warnings.Where(w => warnings.Contains(w.Id)).Select(w => new Key(w.DistrictId, w.OrgId, w.Month)),
                ct
            );
        if (branches.Count > 0)
        {
            var ids = branches.Select(b => b.Org).ToList();
            await KeysAsync(
                keys,
                db.ActivityDays.Where(d => ids.Contains(d.OrgId) && d.State != ActivityState.Closed)
                    .Select(d => new Key(d.DistrictId, d.OrgId, d.Month)),
                ct
            );
        }
        await RefreshAsync(db, keys, ct);
        await MemberYears.DuesPaid.RefreshAsync(db, paidYears, ct);
        await MemberYears.Volunteered.RefreshAsync(db, await VolunteerKeysAsync(db, touched, ct), ct);
    }

    /// <summary>The members and years of the volunteering rows a save may have changed: every member of a volunteering
    /// entry it touched (before and after), for the years the entry was and is done in.</summary>
    static async Task<List<(int District, int Year, int Member)>> VolunteerKeysAsync(
        YihaoDb db, Touched touched, CancellationToken ct)
    {
        var saved = touched.Entities.OfType<ServiceEntry>().Where(e => e.Kind == ServiceKind.Volunteering).ToList();
        var links = touched.Entities.OfType<ServiceEntryMember>().ToList();
        if (saved.Count == 0 && links.Count == 0)
            return [];
        var ids = saved.Select(e => e.Id).Union(links.Select(m => m.EntryId)).ToList();
        var entries = await db.ServiceEntries.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.Kind == ServiceKind.Volunteering)
            .Select(e => new { e.Id, e.DistrictId, e.DoneOn }).ToListAsync(ct);
        var years = entries.Select(e => (e.Id, e.DistrictId, e.DoneOn.Year))
            .Concat(saved.Select(e => (e.Id, e.DistrictId, e.DoneOn.Year)))
            .Concat(touched.FormerYears.Join(saved, f => f.Entry, e => e.Id, (f, e) => (e.Id, e.DistrictId, f.Year)))
            .Distinct().ToLookup(y => y.Id);
        var volunteering = years.Select(y => y.Key).ToList();
        var members = await db.ServiceEntryMembers.AsNoTracking().Where(m => volunteering.Contains(m.EntryId))
            .Select(m => new { m.EntryId, m.MemberId }).ToListAsync(ct);
        return
        [
            .. members.Select(m => (m.EntryId, m.MemberId))
                .Concat(links.Select(m => (m.EntryId, m.MemberId)))
                .Distinct()
                .SelectMany(m => years[m.EntryId].Select(y => (y.DistrictId, y.Year, m.MemberId))),
        ];
    }

    /// <summary>A rollup's key as a record names it: its district, branch and a date in the month.</summary>
    sealed record Key(int District, int Org, DateOnly On);

    static async Task KeysAsync(
        HashSet<(int District, int Org, DateOnly Month)> keys,
        IQueryable<Key> records,
        CancellationToken ct
    ) => keys.UnionWith((await records.ToListAsync(ct)).Select(k => (k.District, k.Org, MonthOf(k.On))));

    /// <summary>Makes the rollups of these branches and months anew from the records, in the current
    /// transaction.</summary>
    public static async Task RefreshAsync(
        YihaoDb db,
        IEnumerable<(int District, int Org, DateOnly Month)> keys,
        CancellationToken ct
    )
    {
        foreach (var district in keys.GroupBy(k => k.District))
            foreach (var month in district.GroupBy(k => k.Month))
            {
                var orgs = month.Select(k => k.Org).Distinct().ToList();
                var months = new List<DateOnly> { month.Key };
                var rows = await ComputeAsync(db, district.Key, orgs, months, ct);
                await db.Set<MonthRollup>()
                    .Where(r => r.DistrictId == district.Key && orgs.Contains(r.OrgId) && r.Month == month.Key)
                    .ExecuteDeleteAsync(ct);
                await InsertAsync(db, rows, ct);
            }
    }

    /// <summary>Every rollup of a district made anew from its records (after a bulk load such as the demo's).</summary>
    public static async Task RebuildAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var rows = await ComputeAsync(db, districtId, null, null, ct);
            await db.Set<MonthRollup>().Where(r => r.DistrictId == districtId).ExecuteDeleteAsync(ct);
            await InsertAsync(db, rows, ct);
            await MemberYears.DuesPaid.RebuildAsync(db, districtId, ct);
            await MemberYears.Volunteered.RebuildAsync(db, districtId, ct);
            if (own is not null)
                await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    /// <summary>Every count the stored rollups of a district hold differently from its records; empty when none
    /// drifted.</summary>
    public static async Task<List<RollupDrift>> CheckAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var computed = (await ComputeAsync(db, districtId, null, null, ct)).ToDictionary(r => (r.OrgId, r.Month));
        var stored = await db.Set<MonthRollup>().AsNoTracking().Where(r => r.DistrictId == districtId).ToListAsync(ct);
        var drift = new List<RollupDrift>();
        var empty = new MonthRollup();
        void Compare(int org, DateOnly month, MonthRollup s, MonthRollup c)
        {
            var (a, b) = (s.Counts(), c.Counts());
            for (var i = 0; i < a.Length; i++)
                if (a[i] != b[i])
                    drift.Add(new(org, $"{month:yyyy-MM}", MonthRollup.CountNames[i], a[i], b[i]));
            if (s.MakeUpsOpenDue != c.MakeUpsOpenDue)
                drift.Add(
                    new(
                        org,
                        $"{month:yyyy-MM}",
                        "make_ups_open_due",
                        s.MakeUpsOpenDue?.DayNumber ?? 0,
                        c.MakeUpsOpenDue?.DayNumber ?? 0
                    )
                );
        }
        foreach (var s in stored)
        {
            Compare(s.OrgId, s.Month, s, computed.GetValueOrDefault((s.OrgId, s.Month)) ?? empty);
            computed.Remove((s.OrgId, s.Month));
        }
        foreach (var c in computed.Values)
            Compare(c.OrgId, c.Month, empty, c);
        drift.AddRange(await MemberYears.DuesPaid.CheckAsync(db, districtId, ct));
        drift.AddRange(await MemberYears.Volunteered.CheckAsync(db, districtId, ct));
        return [.. drift.OrderBy(d => d.Month).ThenBy(d => d.OrgId).ThenBy(d => d.Field, StringComparer.Ordinal)];
    }

    static Task InsertAsync(YihaoDb db, List<MonthRollup> rows, CancellationToken ct) =>
        rows.Count == 0
            ? Task.CompletedTask
            : BulkCopy.InsertAsync(
                db,
                "month_rollups",
                Columns,
                rows.Select(r =>
                    (object?[])[r.DistrictId, r.OrgId, r.Month, .. r.Counts().Cast<object?>(), r.MakeUpsOpenDue]
                ),
                ct
            );

    /// <summary>
    /// The rollups of a district's branches and months (null: all) from the records, one grouped read per kind of
    /// record. What each count means is in docs/dashboard.md.
    /// </summary>
    public static async Task<List<MonthRollup>> ComputeAsync(
        YihaoDb db,
        int districtId,
        IReadOnlyCollection<int>? orgs,
        IReadOnlyCollection<DateOnly>? months,
        CancellationToken ct
    )
    {
        var dayQuery = db
            .ActivityDays.AsNoTracking()
            .Where(d =>
                d.DistrictId == districtId
                && (orgs == null || orgs.Contains(d.OrgId))
                && (months == null || months.Contains(d.Month))
            );
        var days = await dayQuery
            .Select(d => new
            {
                d.Id,
                d.OrgId,
                d.Month,
                d.State,
                d.StartsAt,
                d.SubmittedAt,
                d.Late,
                d.ReviewedAt,
            })
            .ToListAsync(ct);
        var attendance = await db
            .Attendances.AsNoTracking()
            .Where(a => dayQuery.Any(d => d.Id == a.ActivityDayId))
            .GroupBy(a => new { a.ActivityDayId, a.Status })
            .Select(g => new
            {
                g.Key.ActivityDayId,
                g.Key.Status,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var makeUps = await db
            .MakeUps.AsNoTracking()
            .Where(m => dayQuery.Any(d => d.Id == m.ActivityDayId))
            .GroupBy(m => new
            {
                m.ActivityDayId,
                m.DueOn,
                m.DoneOn,
            })
            .Select(g => new
            {
                g.Key.ActivityDayId,
                g.Key.DueOn,
                g.Key.DoneOn,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var open = days.Where(d => d.State != ActivityState.Closed).Select(d => d.OrgId).Distinct().ToList();
        var members =
            open.Count == 0
                ? []
                : await db
                    .Members.AsNoTracking()
                    .Where(m => m.DistrictId == districtId && open.Contains(m.OrgId))
                    .GroupBy(m => m.OrgId)
                    .Select(g => new { OrgId = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.OrgId, g => g.Count, ct);
        var stars = await db
            .MemberStars.AsNoTracking()
            .Join(
                db.StarBoards.Where(b =>
                    b.DistrictId == districtId
                    && (orgs == null || orgs.Contains(b.OrgId))
                    && (months == null || months.Contains(b.Month))
                ),
                s => s.BoardId,
                b => b.Id,
                (s, b) =>
                    new
                    {
                        b.OrgId,
                        b.Month,
                        s.Proposed,
                        s.Override,
                    }
            )
            .GroupBy(s => new
            {
                s.OrgId,
                s.Month,
                s.Proposed,
                s.Override,
            })
            .Select(g => new
            {
                g.Key.OrgId,
                g.Key.Month,
                g.Key.Proposed,
                g.Key.Override,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var warnings = await db
            .Warnings.AsNoTracking()
            .Where(w =>
                w.DistrictId == districtId
                && (orgs == null || orgs.Contains(w.OrgId))
                && (months == null || months.Contains(w.Month))
            )
            .GroupBy(w => new
            {
                w.OrgId,
                w.Month,
                w.Level,
                w.Status,
            })
            .Select(g => new
            {
                g.Key.OrgId,
                g.Key.Month,
                g.Key.Level,
                g.Key.Status,
                Count = g.Count(),
            })
            .ToListAsync(ct);

        var ledgers = await LedgersAsync(db, districtId, orgs, months, ct);

        var rows = new Dictionary<(int, DateOnly), MonthRollup>();
        MonthRollup Row(int org, DateOnly month)
        {
            if (!rows.TryGetValue((org, month), out var r))
                rows[(org, month)] = r = new MonthRollup
                {
                    DistrictId = districtId,
                    OrgId = org,
                    Month = month,
                };
            return r;
        }
        var dayKey = days.ToDictionary(d => d.Id, d => (d.OrgId, d.Month));
        foreach (var d in days)
        {
            var r = Row(d.OrgId, d.Month);
            r.Days++;
            if (d.State == ActivityState.Closed)
            {
                r.Held++;
                if (DateOnly.FromDateTime(DistrictTime.Local(d.StartsAt)) == d.Month)
                    r.HeldOnTime++;
            }
            else
                r.Members = members.GetValueOrDefault(d.OrgId);
            if (d.SubmittedAt is not null)
            {
                r.PlansSubmitted++;
                if (!d.Late)
                    r.PlansOnTime++;
            }
            if (d.ReviewedAt is { } reviewed)
            {
                r.PlansReviewed++;
                if (DateOnly.FromDateTime(DistrictTime.Local(reviewed)) < d.Month)
                    r.PlansReviewedOnTime++;
            }
        }
        foreach (var a in attendance)
        {
            var (org, month) = dayKey[a.ActivityDayId];
            var r = Row(org, month);
            switch (a.Status)
            {
                case AttendanceStatus.Present:
                    r.Present += a.Count;
                    break;
                case AttendanceStatus.Excused:
                    r.Excused += a.Count;
                    break;
                case AttendanceStatus.Unexcused:
                    r.Unexcused += a.Count;
                    break;
                case AttendanceStatus.Online:
                    r.Online += a.Count;
                    break;
                default:
                    r.AtDoor += a.Count;
                    break;
            }
        }
        foreach (var m in makeUps)
        {
            var (org, month) = dayKey[m.ActivityDayId];
            var r = Row(org, month);
            r.MakeUps += m.Count;
            if (m.DoneOn is null)
            {
                r.MakeUpsOpen += m.Count;
                if (r.MakeUpsOpenDue is null || m.DueOn < r.MakeUpsOpenDue)
                    r.MakeUpsOpenDue = m.DueOn;
            }
            else if (m.DoneOn <= m.DueOn)
                r.MakeUpsInTime += m.Count;
            else
                r.MakeUpsLate += m.Count;
        }
        foreach (var s in stars)
        {
            var r = Row(s.OrgId, s.Month);
            switch (s.Override ?? s.Proposed)
            {
                case StarColor.Red:
                    r.StarsRed += s.Count;
                    break;
                case StarColor.Yellow:
                    r.StarsYellow += s.Count;
                    break;
                default:
                    r.StarsBlue += s.Count;
                    break;
            }
        }
        foreach (var w in warnings)
        {
            var r = Row(w.OrgId, w.Month);
            if (w.Level == WarningLevel.Red)
                r.WarningsRed += w.Count;
            else
                r.WarningsYellow += w.Count;
            switch (w.Status)
            {
                case WarningStatus.Open:
                    r.WarningsOpen += w.Count;
                    break;
                case WarningStatus.FollowedUp:
                    r.WarningsFollowedUp += w.Count;
                    break;
                default:
                    r.WarningsResolved += w.Count;
                    break;
            }
        }
        foreach (var (org, month, add) in ledgers)
            if (months is null || months.Contains(month))
                add(Row(org, month));
        return [.. rows.Values.Where(r => !r.IsEmpty)];
    }

    /// <summary>The ledgers' counts by branch and month, one grouped read per ledger: each as the branch, the month
    /// and what it adds to the month's row.</summary>
    static async Task<List<(int Org, DateOnly Month, Action<MonthRollup> Add)>> LedgersAsync(
        YihaoDb db,
        int districtId,
        IReadOnlyCollection<int>? orgs,
        IReadOnlyCollection<DateOnly>? months,
        CancellationToken ct
    )
    {
        // The months as one range of dates; a month outside the list is dropped by the caller.
        var (from, to) = months is null
            ? (DateOnly.MinValue, DateOnly.MaxValue)
            : (months.Min(), months.Max().AddMonths(1));
        var entries = db.ServiceEntries.AsNoTracking()
            .Where(e =>
                e.DistrictId == districtId
                && (orgs == null || orgs.Contains(e.OrgId))
                && e.State == ServiceState.Confirmed
                && e.DoneOn >= from
                && e.DoneOn < to
            );
        var service = await entries
            .GroupBy(e => new
            {
                e.OrgId,
                e.DoneOn.Year,
                e.DoneOn.Month,
            })
            .Select(g => new
            {
                g.Key.OrgId,
                g.Key.Year,
                g.Key.Month,
                Disputes = g.Count(e => e.Kind == ServiceKind.Dispute && e.DisputeOutcome == DisputeOutcome.Resolved),
                Things = g.Count(e => e.Kind == ServiceKind.ThingDone),
                Visits = g.Count(e => e.Kind == ServiceKind.PairingVisit),
                Petitions = g.Count(e => e.Kind == ServiceKind.Petition && e.Answer != null),
            })
            .ToListAsync(ct);
        // Hours per member who served, in whole tenths (EF cannot sum decimals on SQLite).
        var hours = await ByMonthAsync(
            db.ServiceEntryMembers.AsNoTracking()
                .Where(m => m.DistrictId == districtId)
                .Join(
                    entries.Where(e => e.Kind == ServiceKind.Volunteering),
                    m => m.EntryId,
                    e => e.Id,
                    (m, e) =>
                        new Dated
                        {
                            OrgId = e.OrgId,
                            On = e.DoneOn,
                            Value = (int)Math.Round((double)(e.Hours ?? 0) * 10),
                        }
                ),
            ct
        );
        var commitments = db.Commitments.AsNoTracking()
            .Where(c => c.DistrictId == districtId && (orgs == null || orgs.Contains(c.OrgId)));
        var made = await ByMonthAsync(
            commitments
                .Where(c => c.MadeOn >= from && c.MadeOn < to)
                .Select(c => new Dated { OrgId = c.OrgId, On = c.MadeOn, Value = 1 }),
            ct
        );
        var fulfilled = await ByMonthAsync(
            commitments
                .Where(c => c.ConfirmedOn >= from && c.ConfirmedOn < to)
                .Select(c => new Dated { OrgId = c.OrgId, On = c.ConfirmedOn!.Value, Value = 1 }),
            ct
        );
        var dues = await ByMonthAsync(
            db.DuesPayments.AsNoTracking()
                .Where(p =>
                    p.DistrictId == districtId
                    && (orgs == null || orgs.Contains(p.OrgId))
                    && p.PaidOn >= from
                    && p.PaidOn < to
                )
                .Select(p => new Dated
                {
                    OrgId = p.OrgId,
                    On = p.PaidOn,
                    Value = (int)Math.Round((double)p.Amount * 100),
                }),
            ct
        );
        IEnumerable<(int, DateOnly, Action<MonthRollup>)> Add(
            List<(int Org, DateOnly Month, int Sum)> sums,
            Action<MonthRollup, int> add
        ) => sums.Select(s => (s.Org, s.Month, (Action<MonthRollup>)(r => add(r, s.Sum))));
        return
        [
            .. service.Select(s =>
                (
                    s.OrgId,
                    new DateOnly(s.Year, s.Month, 1),
                    (Action<MonthRollup>)(
                        r =>
                        {
                            r.DisputesResolved += s.Disputes;
                            r.ThingsDone += s.Things;
                            r.PairingVisits += s.Visits;
                            r.PetitionsAnswered += s.Petitions;
                        }
                    )
                )
            ),
            .. Add(hours, (r, n) => r.VolunteerTenths += n),
            .. Add(made, (r, n) => r.CommitmentsMade += n),
            .. Add(fulfilled, (r, n) => r.CommitmentsFulfilled += n),
            .. Add(dues, (r, n) => r.DuesCollectedFen += n),
        ];
    }

    /// <summary>A ledger record as the branch it counts for, its date and what it adds.</summary>
    sealed class Dated
    {
        public int OrgId { get; init; }
        public DateOnly On { get; init; }
        public int Value { get; init; }
    }

    /// <summary>The records' values summed by branch and month, in the database.</summary>
    static async Task<List<(int Org, DateOnly Month, int Sum)>> ByMonthAsync(
        IQueryable<Dated> q,
        CancellationToken ct
    ) =>
        (
            await q.GroupBy(x => new
            {
                x.OrgId,
                x.On.Year,
                x.On.Month,
            })
                .Select(g => new
                {
                    g.Key.OrgId,
                    g.Key.Year,
                    g.Key.Month,
                    Sum = g.Sum(x => x.Value),
                })
                .ToListAsync(ct)
        ).Select(s => (s.OrgId, new DateOnly(s.Year, s.Month, 1), s.Sum)).ToList();
}
