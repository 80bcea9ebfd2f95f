using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dues;

public sealed record DuesStandardRequest(
    string? EffectiveFrom, string? Category, decimal? MonthlyIncome, decimal? Amount, string? Reason);

public sealed record DuesPaymentRequest(
    string? From, string? To, decimal? Amount, string? Method, string? ReceiptNo, string? PaidOn, string? Note);

public sealed record DuesReversalRequest(int PaymentId, string? Reason);

public sealed record DuesStandardView(
    int Id, string EffectiveFrom, string? Category, decimal? MonthlyIncome, decimal Amount, string? Reason,
    string RecordedBy, DateTime RecordedAt);

public sealed record DuesEntryView(
    int Id, decimal Amount, string From, string To, int Months, string Method, string? ReceiptNo, DateOnly PaidOn,
    string? Note, int? ReversesId, bool Reversed, string RecordedBy, DateTime RecordedAt)
{
    public static DuesEntryView Of(DuesPayment p, bool reversed) => new(
        p.Id, p.Amount, p.FromMonth.ToString("yyyy-MM"), p.ToMonth.ToString("yyyy-MM"),
            DuesRules.Count(p.FromMonth, p.ToMonth),
        Words.Camel(p.Method), p.ReceiptNo, p.PaidOn, p.Note, p.ReversesId, reversed, p.RecordedBy, p.RecordedAt);
}

public sealed record DuesMonthView(string Month, decimal Standard, bool Paid, int? PaymentId);

/// <summary>A member's dues: the standard now and before, every entry of the ledger, the months of the window and
/// what is owed; <c>Unset</c> where no standard is in force this month (<see cref="DuesRules.Unset"/>), so that
/// its 0.00 is not a figure.</summary>
public sealed record MemberDuesView(
    int MemberId, string Name, int OrgId, decimal Standard, List<DuesStandardView> Standards,
        List<DuesEntryView> Entries,
    List<DuesMonthView> Months, int MonthsOwed, decimal AmountOwed, bool Unset);

/// <summary>One member's line on a branch's monthly collection sheet (党费收缴登记表); <c>Unset</c> as on
/// <see cref="MemberDuesView"/>.</summary>
public sealed record DuesSheetRow(
    int MemberId, string Name, decimal Standard, bool Paid, DuesEntryView? Payment, int MonthsOwed, decimal AmountOwed,
    bool Unset);

public sealed record DuesSheet(
    int BranchId, string BranchName, string Month, List<DuesSheetRow> Rows, int Members, int PaidCount,
        decimal Expected,
    decimal Collected, int Owing, decimal AmountOwed);

public sealed record ArrearsMonth(string Month, int Members, int Owing, decimal AmountOwed, decimal Collected);

public sealed record ArrearsBranch(int BranchId, string Name, int Members, int Owing, int MonthsOwed,
    decimal AmountOwed);

public sealed record ArrearsMember(int MemberId, string Name, int BranchId, int MonthsOwed, decimal AmountOwed,
    List<string> Months);

/// <summary>What an org's members owe over a window of months, by month, by branch and the members who owe
/// most.</summary>
public sealed record ArrearsView(
    int OrgId, string OrgName, string From, string To, int Members, int Owing, decimal AmountOwed, decimal Collected,
    List<ArrearsMonth> Months, List<ArrearsBranch> Branches, List<ArrearsMember> Owed);

/// <summary>
/// The party-dues ledger (党费收缴台账): each member's standard, the payments that cover months (one, several ahead, or
/// arrears), reversals instead of edits, and what is owed by month. Money is exact: yuan with at most two decimals.
/// </summary>
public static class DuesLedger
{
    const int MaxMonthsAtOnce = 24;
    const int MonthsAhead = 12;

    /// <summary>Who may record dues: the secretary, the town's and the district's admins, within their
    /// subtree.</summary>
    public static bool MayRecord(Scope scope) => scope.EditsMembers;

    public static DateOnly ThisMonth(TimeProvider clock) => DuesRules.MonthOf(DistrictTime.Today(clock));

    /// <summary>A window of months as asked for, the twelve months up to this one by default.</summary>
    public static (DateOnly From, DateOnly To)? Window(TimeProvider clock, string? from, string? to)
    {
        var end = to is null ? ThisMonth(clock) : Plans.ParseMonth(to);
        var start = from is null ? end?.AddMonths(-11) : Plans.ParseMonth(from);
        if (start is not { } s || end is not { } e || s > e || DuesRules.Count(s, e) > 60) return null;
        return (s, e);
    }

    public static async Task<Outcome<DuesStandard>> SetStandardAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int memberId, DuesStandardRequest r,
            CancellationToken ct = default)
    {
        if (await scope.Members(db)
            .FirstOrDefaultAsync(m => m.Id == memberId, ct) is not { } member) return Fail.NotFound;
        if (!MayRecord(scope)) return Fail.Forbidden;
        var from = r.EffectiveFrom is null ? ThisMonth(clock) : Plans.ParseMonth(r.EffectiveFrom);
        if (from is not { } month) return Fail.Invalid("effectiveFrom", "Write the month as 2026-12.");
        var reason = r.Reason?.Trim();
        if (reason?.Length > 200) return Fail.Invalid("reason", "The text is too long.");
        var row = new DuesStandard
        {
            DistrictId = member.DistrictId,
            MemberId = member.Id,
            EffectiveFrom = month,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (r.Amount is { } amount)
        {
            // Set directly: the amount and why (a member who pays more of their own will, a hardship).
            if (DuesRules.AmountProblem(amount) is { } problem) return Fail.Invalid("amount", problem);
            if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "Say why the standard is set directly.");
            (row.Amount, row.Reason) = (amount, reason);
        }
        else
        {
            if (Parse<DuesCategory>(r.Category) is not { } category)
                return Fail.Invalid("category", "Choose the member's category for the dues.");
            var income = r.MonthlyIncome ?? 0;
            if (DuesRules.ByIncome(category) && r.MonthlyIncome is null)
                return Fail.Invalid("monthlyIncome", "Write the monthly income after tax in yuan.");
            if (income is < 0 or > 10_000_000 || decimal.Round(income, 2) != income)
                return Fail.Invalid("monthlyIncome", "The income must be zero or more, in yuan and fen.");
            var policy = Policies.Read(await Policies.InForceAsync(db, member.DistrictId, month, ct));
            (row.Category, row.MonthlyIncome, row.Reason) =
                (category, DuesRules.ByIncome(category) ? income : null, reason);
            row.Amount = DuesRules.Standard(policy.Dues, category, income);
        }
        db.DuesStandards.Add(row);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : row;
    }

    /// <summary>
    /// Records a payment covering the months asked. A month already paid is refused, unless the request is the same
    /// payment again (a retry or a double tap): that answers with the payment there is, and records nothing.
    /// </summary>
    public static async Task<Outcome<(DuesPayment Payment, bool New)>> PayAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int memberId, DuesPaymentRequest r, CancellationToken ct = default)
    {
        if (await scope.Members(db)
            .FirstOrDefaultAsync(m => m.Id == memberId, ct) is not { } member) return Fail.NotFound;
        if (!MayRecord(scope)) return Fail.Forbidden;
        var today = DistrictTime.Today(clock);
        if (Plans.ParseMonth(r.From) is not { } from) return Fail.Invalid("from", "Write the month as 2026-12.");
        var to = r.To is null ? from : Plans.ParseMonth(r.To) ?? default;
        if (to == default) return Fail.Invalid("to", "Write the month as 2026-12.");
        if (to < from) return Fail.Invalid("to", "The last month cannot be before the first.");
        if (DuesRules.Count(from, to) > MaxMonthsAtOnce) return Fail.Invalid("to",
            "At most 24 months can be paid at once.");
        if (to > DuesRules.MonthOf(today).AddMonths(MonthsAhead))
            return Fail.Invalid("to", "Dues can be paid at most twelve months ahead.");
        if (from < DuesRules.MonthOf(member.JoinedOn)) return Fail.Invalid("from",
            "The member had not joined the party then.");
        if (DuesRules.AmountProblem(r.Amount) is { } problem) return Fail.Invalid("amount", problem);
        var method = r.Method is null ? DuesMethod.AtMeeting : Parse<DuesMethod>(r.Method) ?? (DuesMethod)(-1);
        if (!Enum.IsDefined(method)) return Fail.Invalid("method", "Choose how the dues were paid.");
        var paidOn = r.PaidOn is null ? today : Words.Date(r.PaidOn) ?? default;
        if (paidOn == default) return Fail.Invalid("paidOn", "Write the date as 2026-12-01.");
        if (paidOn > today) return Fail.Invalid("paidOn", "The date cannot be in the future.");
        var receipt = r.ReceiptNo?.Trim() is { Length: > 0 } t ? t : null;
        if (receipt?.Length > 50) return Fail.Invalid("receiptNo", "The text is too long.");
        var note = r.Note?.Trim() is { Length: > 0 } n ? n : null;
        if (note?.Length > 200) return Fail.Invalid("note", "The text is too long.");

        var payment = new DuesPayment
        {
            DistrictId = member.DistrictId,
            MemberId = member.Id,
            OrgId = member.OrgId,
            Amount = r.Amount!.Value,
            FromMonth = from,
            ToMonth = to,
            Method = method,
            ReceiptNo = receipt,
            PaidOn = paidOn,
            Note = note,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await RepeatAsync(db, payment, ct) is { } same) return (same, false);
        if (await db.DuesMonths.AnyAsync(m => m.DistrictId == member.DistrictId && m.MemberId == member.Id
                                              && m.Month >= from && m.Month <= to, ct))
            return Fail.Conflict("Some of these months are already paid. Reverse that payment first to correct it.");
        db.DuesPayments.Add(payment);
        foreach (var month in DuesRules.Months(from, to))
            db.DuesMonths.Add(
                new DuesMonth
                {
                    DistrictId = member.DistrictId,
                    MemberId = member.Id,
                    Month = month,
                    Payment = payment
                });
        await MarkCollectedAsync(db, clock, payment, ct);
        if (await Retry.SaveAsync(db, ct) is not { } fail) return (payment, true);
        // Two of the same request at once: the one that lost finds the one that won.
        db.ChangeTracker.Clear();
        return await RepeatAsync(db, payment, ct) is { } won ? (won, false) : fail;
    }

    /// <summary>The same payment recorded already and not reversed: the same months, amount, method and
    /// receipt.</summary>
    static async Task<DuesPayment?> RepeatAsync(YihaoDb db, DuesPayment p, CancellationToken ct) =>
        await db.DuesPayments.AsNoTracking().Where(x => x.DistrictId == p.DistrictId && x.MemberId == p.MemberId
                && x.FromMonth == p.FromMonth && x.ToMonth == p.ToMonth && x.ReversesId == null && x.Method == p.Method
                && x.ReceiptNo == p.ReceiptNo && !db.DuesPayments.Any(r => r.ReversesId == x.Id))
            .ToListAsync(ct) is var found ? found.FirstOrDefault(x => x.Amount == p.Amount) : null;

    /// <summary>Dues paid at the branch's activity day, on its date, tick the day's six musts' "dues collected"
    /// (收缴党费).</summary>
    static async Task MarkCollectedAsync(YihaoDb db, TimeProvider clock, DuesPayment p, CancellationToken ct)
    {
        if (p.Method != DuesMethod.AtMeeting) return;
        var (start, end) =
            (DistrictTime.Utc(p.PaidOn.ToDateTime(TimeOnly.MinValue)),
            DistrictTime.Utc(p.PaidOn.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var day = await db.ActivityDays.Where(d => d.OrgId == p.OrgId && d.StartsAt >= start && d.StartsAt < end
                                                   && (d.State == ActivityState.Approved
                                                       || d.State == ActivityState.Closed))
            .Select(d => new { d.Id, d.DistrictId }).FirstOrDefaultAsync(ct);
        if (day is null) return;
        var musts = await db.SixMusts.FirstOrDefaultAsync(s => s.ActivityDayId == day.Id, ct);
        if (musts is null) db.SixMusts.Add(musts =
            new SixMusts { ActivityDayId = day.Id, DistrictId = day.DistrictId });
        if (musts.DuesCollected) return;
        (musts.DuesCollected, musts.UpdatedAt) = (true, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Whether dues were recorded at the day (paid at the meeting on its date to its branch).</summary>
    public static async Task<bool> CollectedAtAsync(YihaoDb db, ActivityDay day, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
        return await db.DuesPayments.AnyAsync(p => p.DistrictId == day.DistrictId && p.OrgId == day.OrgId
            && p.PaidOn == date
                                                   && p.Method == DuesMethod.AtMeeting && p.ReversesId == null, ct);
    }

    /// <summary>
    /// Reverses a payment (冲正): a new entry of the opposite amount for the same months, and the months are unpaid
    /// again. The payment itself is never changed. Reversing it again answers with the reversal there is.
    /// </summary>
    public static async Task<Outcome<(DuesPayment Reversal, bool New)>> ReverseAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int memberId, DuesReversalRequest r,
            CancellationToken ct = default)
    {
        if (await scope.Members(db)
            .FirstOrDefaultAsync(m => m.Id == memberId, ct) is not { } member) return Fail.NotFound;
        if (!MayRecord(scope)) return Fail.Forbidden;
        var payment = await db.DuesPayments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.DistrictId == member.DistrictId && p.MemberId == member.Id
                && p.Id == r.PaymentId, ct);
        if (payment is null) return Fail.Invalid("paymentId", "No such payment of this member.");
        if (payment.ReversesId is not null) return Fail.Invalid("paymentId", "A reversal cannot be reversed.");
        if (await db.DuesPayments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.DistrictId == member.DistrictId && p.ReversesId == payment.Id, ct) is { } done)
            return (done, false);
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "Say why the payment is reversed.");
        if (reason.Length > 200) return Fail.Invalid("reason", "The text is too long.");
        var reversal = new DuesPayment
        {
            DistrictId = payment.DistrictId,
            MemberId = payment.MemberId,
            OrgId = payment.OrgId,
            Amount = -payment.Amount,
            FromMonth = payment.FromMonth,
            ToMonth = payment.ToMonth,
            Method = payment.Method,
            ReceiptNo = payment.ReceiptNo,
            PaidOn = DistrictTime.Today(clock),
            Note = reason,
            ReversesId = payment.Id,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DuesPayments.Add(reversal);
        db.DuesMonths.RemoveRange(
            await db.DuesMonths.Where(m => m.DistrictId == payment.DistrictId && m.PaymentId == payment.Id)
            .ToListAsync(ct));
        if (await Retry.SaveAsync(db, ct) is not { } fail) return (reversal, true);
        db.ChangeTracker.Clear();
        return await db.DuesPayments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.DistrictId == member.DistrictId && p.ReversesId == payment.Id, ct) is { } won
            ? (won, false) : fail;
    }

    public static async Task<Outcome<MemberDuesView>> MemberAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int memberId, string? from, string? to,
            CancellationToken ct = default)
    {
        if (await scope.Members(db).AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == memberId, ct) is not { } member) return Fail.NotFound;
        if (Window(clock, from, to) is not var (start, end)) return Fail.Invalid("from",
            "Write the months as 2026-01 to 2026-12, at most five years.");
        var standards = await db.DuesStandards.AsNoTracking()
            .Where(s => s.DistrictId == member.DistrictId && s.MemberId == member.Id)
            .OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id).ToListAsync(ct);
        var entries = await db.DuesPayments.AsNoTracking()
            .Where(p => p.DistrictId == member.DistrictId && p.MemberId == member.Id)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var paid = await db.DuesMonths.AsNoTracking()
            .Where(m => m.DistrictId == member.DistrictId && m.MemberId == member.Id && m.Month >= start
                && m.Month <= end)
            .ToDictionaryAsync(m => m.Month, m => m.PaymentId, ct);
        var reversed = entries.Where(e => e.ReversesId is not null).Select(e => e.ReversesId!.Value).ToHashSet();
        var joined = DuesRules.MonthOf(member.JoinedOn);
        var months = DuesRules.Months(start, end).Where(m => m >= joined)
            .Select(m =>
                new DuesMonthView(m.ToString("yyyy-MM"), DuesRules.InForce(standards, m, member.MonthlyDues),
                paid.ContainsKey(m),
                paid.TryGetValue(m, out var id) ? id : null)).ToList();
        var owed = months.Where(m => !m.Paid).ToList();
        return new MemberDuesView(member.Id, member.Name, member.OrgId,
            DuesRules.InForce(standards, ThisMonth(clock), member.MonthlyDues),
            [.. standards.Select(s =>
                new DuesStandardView(s.Id, s.EffectiveFrom.ToString("yyyy-MM"),
                s.Category is { } c ? Words.Camel(c) : null,
                s.MonthlyIncome, s.Amount, s.Reason, s.RecordedBy, s.RecordedAt))],
            [.. entries.Select(e => DuesEntryView.Of(e, reversed.Contains(e.Id)))], months, owed.Count,
                owed.Sum(m => m.Standard), DuesRules.Unset(standards, ThisMonth(clock), member.MonthlyDues));
    }

    /// <summary>The members with no standard in force in the month (<see cref="DuesRules.Unset"/>), as one
    /// query.</summary>
    public static IQueryable<Member> Unset(YihaoDb db, IQueryable<Member> members, DateOnly month) =>
        members.Where(m => m.MonthlyDues == 0 && !db.DuesStandards.Any(s =>
            s.DistrictId == m.DistrictId && s.MemberId == m.Id && s.EffectiveFrom <= month));

    /// <summary>What the members in a set owe in a window: per member, the unpaid months and their standards.</summary>
    sealed record Owing(int MemberId, string Name, int OrgId, List<(DateOnly Month, decimal Amount)> Unpaid,
        Dictionary<DateOnly, decimal> Due, bool Unset);

    static async Task<List<Owing>> OwingAsync(YihaoDb db, int districtId, IQueryable<Member> members, DateOnly from,
        DateOnly to, CancellationToken ct)
    {
        var people = await members.AsNoTracking().Select(m => new { m.Id, m.Name, m.OrgId, m.JoinedOn, m.MonthlyDues })
            .ToListAsync(ct);
        var ids = members.Select(m => m.Id);
        var standards =
            (await db.DuesStandards.AsNoTracking()
            .Where(s => s.DistrictId == districtId && ids.Contains(s.MemberId) && s.EffectiveFrom <= to)
            .ToListAsync(ct)).ToLookup(s => s.MemberId);
        // The paid months from each member's row of bits per year (kept equal to the dues months, one row instead of
        // twelve).
        var paid =
            (await db.Set<DuesPaidYear>().AsNoTracking()
            .Where(y => y.DistrictId == districtId && ids.Contains(y.MemberId) && y.Year >= from.Year
                && y.Year <= to.Year)
            .ToDictionaryAsync(y => (y.MemberId, y.Year), y => y.Paid, ct));
        return people.Select(p =>
        {
            var due = DuesRules.Months(from, to).Where(m => m >= DuesRules.MonthOf(p.JoinedOn))
                .ToDictionary(m => m, m => DuesRules.InForce(standards[p.Id], m, p.MonthlyDues));
            return new Owing(p.Id, p.Name, p.OrgId,
                [.. due.Where(d => (paid.GetValueOrDefault((p.Id, d.Key.Year)) >> (d.Key.Month - 1) & 1) == 0)
                    .Select(d => (d.Key, d.Value))], due, DuesRules.Unset(standards[p.Id], to, p.MonthlyDues));
        }).ToList();
    }

    /// <summary>The branch's collection sheet for a month: each member's standard, their payment of the month, and what
    /// they owe of the twelve months up to it.</summary>
    public static async Task<Outcome<DuesSheet>> SheetAsync(
        Scope scope, YihaoDb db, int branchId, DateOnly month, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == branchId, ct) is not { } branch
            || !branch.Kind.IsBranch())
            return Fail.NotFound;
        if (scope.IsMember) return Fail.Forbidden;
        var members = db.Members.Where(m => m.DistrictId == branch.DistrictId && m.OrgId == branch.Id);
        var owing = await OwingAsync(db, branch.DistrictId, members, month.AddMonths(-11), month, ct);
        var paidBy = await db.DuesMonths.AsNoTracking()
            .Where(m => m.DistrictId == branch.DistrictId && m.Month == month && members.Any(x => x.Id == m.MemberId))
            .ToDictionaryAsync(m => m.MemberId, m => m.PaymentId, ct);
        var paymentIds = paidBy.Values.Distinct().ToList();
        var payments = await db.DuesPayments.AsNoTracking()
            .Where(p => p.DistrictId == branch.DistrictId && paymentIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, ct);
        var (first, next) = (month, month.AddMonths(1));
        var collected = (await db.DuesPayments.AsNoTracking()
            .Where(p => p.DistrictId == branch.DistrictId && p.OrgId == branch.Id && p.PaidOn >= first
                && p.PaidOn < next).Select(p => p.Amount).ToListAsync(ct)).Sum();
        var rows = owing.Where(o => o.Due.ContainsKey(month)).OrderBy(o => o.Name, StringComparer.Ordinal)
            .ThenBy(o => o.MemberId).Select(o =>
        {
            var payment = paidBy.TryGetValue(o.MemberId, out var id) ? DuesEntryView.Of(payments[id], false) : null;
            return new DuesSheetRow(o.MemberId, o.Name, o.Due[month], payment is not null, payment, o.Unpaid.Count,
                o.Unpaid.Sum(u => u.Amount), o.Unset);
        }).ToList();
        return new DuesSheet(branch.Id, branch.Name, month.ToString("yyyy-MM"), rows, rows.Count,
            rows.Count(r => r.Paid), rows.Sum(r => r.Standard),
            collected, rows.Count(r => r.MonthsOwed > 0), rows.Sum(r => r.AmountOwed));
    }

    /// <summary>What the members under an org owe in a window: by month, by branch (a town's figures are its
    /// branches' sums) and the members who owe most.</summary>
    public static async Task<Outcome<ArrearsView>> ArrearsAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int orgId, string? from, string? to,
            CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org) return Fail.NotFound;
        if (scope.IsMember) return Fail.Forbidden;
        if (Window(clock, from, to) is not var (start, end)) return Fail.Invalid("from",
            "Write the months as 2026-01 to 2026-12, at most five years.");
        var members =
            db.Members.Where(m => m.DistrictId == org.DistrictId
            && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(org.Path)));
        var owing = await OwingAsync(db, org.DistrictId, members, start, end, ct);
        var branchIds = owing.Select(o => o.OrgId).Distinct().ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => branchIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // Collected by month from the month rollups the payments keep, in whole fen.
        var collected = await db.Set<MonthRollup>().AsNoTracking()
            .Where(r => r.DistrictId == org.DistrictId && r.Month >= start && r.Month <= end && r.DuesCollectedFen != 0
                && db.Orgs.Any(o => o.Id == r.OrgId && o.Path.StartsWith(org.Path)))
            .GroupBy(r => r.Month).Select(g => new { Month = g.Key, Fen = g.Sum(r => (long)r.DuesCollectedFen) })
            .ToDictionaryAsync(g => g.Month, g => g.Fen / 100m, ct);
        var months = DuesRules.Months(start, end)
            .Select(m => new ArrearsMonth(m.ToString("yyyy-MM"), owing.Count(o => o.Due.ContainsKey(m)),
            owing.Count(o => o.Unpaid.Any(u => u.Month == m)),
                owing.Sum(o => o.Unpaid.Where(u => u.Month == m).Sum(u => u.Amount)),
            collected.GetValueOrDefault(m))).ToList();
        var branches = owing.GroupBy(o => o.OrgId)
            .Select(g => new ArrearsBranch(g.Key, names.GetValueOrDefault(g.Key, ""), g.Count(),
                g.Count(o => o.Unpaid.Count > 0), g.Sum(o => o.Unpaid.Count), g.Sum(o => o.Unpaid.Sum(u => u.Amount))))
            .OrderByDescending(b => b.AmountOwed).ThenBy(b => b.BranchId).ToList();
        var owed = owing.Where(o => o.Unpaid.Count > 0).OrderByDescending(o => o.Unpaid.Count).ThenBy(o => o.MemberId)
            .Take(200)
            .Select(o =>
                new ArrearsMember(o.MemberId, o.Name, o.OrgId, o.Unpaid.Count, o.Unpaid.Sum(u => u.Amount),
                [.. o.Unpaid.Select(u => u.Month.ToString("yyyy-MM"))]))
            .ToList();
        return new ArrearsView(org.Id, org.Name, start.ToString("yyyy-MM"), end.ToString("yyyy-MM"), owing.Count,
            owing.Count(o => o.Unpaid.Count > 0),
            owing.Sum(o => o.Unpaid.Sum(u => u.Amount)), collected.Values.Sum(), months, branches, owed);
    }

    static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text?.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _)
            ? v : null;
}
