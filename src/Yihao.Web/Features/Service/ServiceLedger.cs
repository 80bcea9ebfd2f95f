using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Service;

public sealed record ServiceEntryRequest(
    string? Kind, string? What, List<int>? MemberIds, string? ForWhom, string? ForWhomPhone, string? Place,
    string? DoneOn, string? Outcome, string? Parties, string? DisputeOutcome, decimal? Hours, string? Referral,
    string? Answer, int? PairingId);

public sealed record SendBackRequest(string? Reason);

public sealed record PairingRequest(int MemberId, string? Household, string? HouseholdPhone, string? StartedOn);

public sealed record ServiceMemberView(int Id, string Name);

public sealed record ServiceEntryView(
    int Id, int OrgId, string Kind, string State, string What, List<ServiceMemberView> Members, string? ForWhom,
    string? ForWhomPhone, string? Place, DateOnly DoneOn, string? Outcome, string? Parties, string? DisputeOutcome,
    decimal? Hours, string? Referral, string? Answer, int? PairingId, string? SendBackReason, string RecordedBy,
    DateTime RecordedAt, string? ConfirmedBy, DateTime? ConfirmedAt);

public sealed record PairingView(
    int Id, int OrgId, int MemberId, string MemberName, string Household, string? HouseholdPhone, DateOnly StartedOn,
    int Visits, DateOnly? LastVisit);

/// <summary>
/// The service ledger (服务台账): what members did for the people, by kind. A member records their own entry, which
/// waits for the branch secretary (待确认); the secretary confirms it or sends it back, and records entries directly,
/// confirmed. Only confirmed entries count (<see cref="ServiceCounts"/>) and reach the stars.
/// </summary>
public static class ServiceLedger
{
    public const int PageSize = 200;

    /// <summary>The entries whose branch lies in the caller's subtree; a member sees only those they took part
    /// in.</summary>
    public static IQueryable<ServiceEntry> Entries(Scope scope, YihaoDb db) =>
        db.ServiceEntries.Where(e => e.DistrictId == scope.DistrictId
                                     && db.Orgs.Any(o => o.Id == e.OrgId && o.Path.StartsWith(scope.Path))
                                     && (!scope.IsMember || e.Members.Any(m => m.MemberId == scope.MemberId)));

    /// <summary>Who confirms and records directly: the branch's secretary.</summary>
    public static bool Confirms(Scope scope) => scope.Role == Roles.BranchSecretary;

    public static bool Records(Scope scope) => scope.IsMember || Confirms(scope);

    public static async Task<Outcome<(ServiceEntry Entry, bool New)>> RecordAsync(
        Scope scope, YihaoDb db, TimeProvider clock, ServiceEntryRequest r, string? requestKey,
        CancellationToken ct = default)
    {
        if (!Records(scope)) return Fail.Forbidden;
        var key = requestKey?.Trim() is { Length: > 0 } k ? k : null;
        if (key?.Length > 100) return Fail.Invalid("Idempotency-Key", "The text is too long.");
        if (key is not null && await FindByKeyAsync(db, scope, key, ct) is { } done) return (done, false);
        var entry = new ServiceEntry
        {
            DistrictId = scope.DistrictId,
            OrgId = scope.OrgId,
            RequestKey = key,
            RecordedByUserId = scope.UserId,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await ApplyAsync(scope, db, clock, entry, r, ct) is { } fail) return fail;
        Decide(scope, clock, entry);
        db.ServiceEntries.Add(entry);
        if (await Retry.SaveAsync(db, ct) is not { } lost) return (entry, true);
        // The same request twice at once: the one that lost finds the one that won.
        db.ChangeTracker.Clear();
        return key is not null && await FindByKeyAsync(db, scope, key, ct) is { } won ? (won, false) : lost;
    }

    static Task<ServiceEntry?> FindByKeyAsync(YihaoDb db, Scope scope, string key, CancellationToken ct) =>
        db.ServiceEntries.AsNoTracking().Include(e => e.Members).FirstOrDefaultAsync(
            e => e.DistrictId == scope.DistrictId && e.RecordedByUserId == scope.UserId && e.RequestKey == key, ct);

    /// <summary>A member's entry waits for the secretary; the secretary's own is confirmed at once.</summary>
    static void Decide(Scope scope, TimeProvider clock, ServiceEntry entry)
    {
        if (Confirms(scope))
            (entry.State, entry.ConfirmedBy, entry.ConfirmedAt) =
                (ServiceState.Confirmed, scope.UserName, clock.GetUtcNow().UtcDateTime);
        else (entry.State, entry.ConfirmedBy, entry.ConfirmedAt) = (ServiceState.Pending, null, null);
        entry.SendBackReason = null;
    }

    /// <summary>A member records an entry sent back again, changed: it waits for the secretary once more.</summary>
    public static async Task<Outcome<ServiceEntry>> ReviseAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, ServiceEntryRequest r, CancellationToken ct = default)
    {
        if (await Entries(scope, db).Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == id, ct)
            is not { } entry) return Fail.NotFound;
        if (!Records(scope)) return Fail.Forbidden;
        if (entry.State == ServiceState.Confirmed) return Fail.Conflict("A confirmed entry cannot be changed.");
        if (await ApplyAsync(scope, db, clock, entry, r, ct) is { } fail) return fail;
        Decide(scope, clock, entry);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : entry;
    }

    public static async Task<Outcome<ServiceEntry>> ConfirmAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, CancellationToken ct = default)
    {
        if (await Entries(scope, db).Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == id, ct)
            is not { } entry) return Fail.NotFound;
        if (!Confirms(scope)) return Fail.Forbidden;
        if (entry.State == ServiceState.Confirmed) return entry; // a repeat confirms once
        if (entry.State == ServiceState.SentBack)
            return Fail.Conflict("The entry was sent back; the member records it again first.");
        Decide(scope, clock, entry);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : entry;
    }

    public static async Task<Outcome<ServiceEntry>> SendBackAsync(
        Scope scope, YihaoDb db, int id, SendBackRequest r, CancellationToken ct = default)
    {
        if (await Entries(scope, db).Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == id, ct)
            is not { } entry) return Fail.NotFound;
        if (!Confirms(scope)) return Fail.Forbidden;
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "Say why the entry is sent back.");
        if (reason.Length > ServiceRules.TextMax) return Fail.Invalid("reason", "The text is too long.");
        if (entry.State == ServiceState.Confirmed) return Fail.Conflict("A confirmed entry cannot be changed.");
        (entry.State, entry.SendBackReason) = (ServiceState.SentBack, reason);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : entry;
    }

    /// <summary>Checks a request and writes it into the entry; nothing is written when a field is wrong.</summary>
    static async Task<Fail?> ApplyAsync(
        Scope scope, YihaoDb db, TimeProvider clock, ServiceEntry e, ServiceEntryRequest r, CancellationToken ct)
    {
        if (!Enum.TryParse<ServiceKind>(r.Kind?.Trim(), true, out var kind) || !Enum.IsDefined(kind)
            || int.TryParse(r.Kind, out _)) return Fail.Invalid("kind", "Choose the kind of service.");
        var what = r.What?.Trim();
        if (string.IsNullOrEmpty(what)) return Fail.Invalid("what", "Say what was done.");
        foreach (var (field, text, max) in new[]
                 {
                     ("what", what, ServiceRules.TextMax), ("forWhom", r.ForWhom, ServiceRules.ShortMax),
                     ("place", r.Place, ServiceRules.ShortMax), ("outcome", r.Outcome, ServiceRules.TextMax),
                     ("parties", r.Parties, ServiceRules.TextMax), ("referral", r.Referral, ServiceRules.TextMax),
                     ("answer", r.Answer, ServiceRules.TextMax),
                 })
            if (text?.Trim().Length > max) return Fail.Invalid(field, "The text is too long.");
        var today = DistrictTime.Today(clock);
        var doneOn = r.DoneOn is null ? today : Words.Date(r.DoneOn) ?? default;
        if (doneOn == default) return Fail.Invalid("doneOn", "Write the date as 2026-12-01.");
        if (doneOn > today) return Fail.Invalid("doneOn", "The date cannot be in the future.");
        if (doneOn < today.AddYears(-2)) return Fail.Invalid("doneOn", "The date is more than two years ago.");
        var phone = Phone.Normalize(r.ForWhomPhone);
        if (phone.Length > 0 && !Phone.IsValid(phone))
            return Fail.Invalid("forWhomPhone", "Write an 11-digit mobile number.");
        DisputeOutcome? outcome = null;
        if (kind == ServiceKind.Dispute)
        {
            if (!Enum.TryParse<DisputeOutcome>(r.DisputeOutcome?.Trim(), true, out var o) || !Enum.IsDefined(o)
                || int.TryParse(r.DisputeOutcome, out _))
                return Fail.Invalid("disputeOutcome", "Choose what came of the dispute.");
            outcome = o;
        }
        if (kind == ServiceKind.Volunteering && r.Hours is not (> 0 and <= 24))
            return Fail.Invalid("hours", "Write the hours, more than 0 and at most 24.");
        if (r.Hours is { } h && decimal.Round(h, 1) != h)
            return Fail.Invalid("hours", "Write the hours with at most one decimal.");

        // Who: the member themself, or members of the secretary's branch.
        var ids = scope.IsMember ? [scope.MemberId!.Value] : (r.MemberIds ?? []).Distinct().ToList();
        if (ids.Count == 0) return Fail.Invalid("memberIds", "Choose at least one member.");
        if (ids.Count > 50) return Fail.Invalid("memberIds", "At most 50 members in one entry.");
        var branch = e.OrgId;
        var found = await db.Members.AsNoTracking()
            .CountAsync(m => m.DistrictId == scope.DistrictId && m.OrgId == branch && ids.Contains(m.Id), ct);
        if (found != ids.Count) return Fail.Invalid("memberIds", "Every member must belong to the branch.");

        ServicePairing? pairing = null;
        if (kind == ServiceKind.PairingVisit)
        {
            pairing = r.PairingId is { } pid
                ? await db.ServicePairings.AsNoTracking().FirstOrDefaultAsync(
                    p => p.DistrictId == scope.DistrictId && p.OrgId == branch && p.Id == pid, ct)
                : null;
            if (pairing is null) return Fail.Invalid("pairingId", "Choose the pairing this visit belongs to.");
            if (!ids.Contains(pairing.MemberId)) ids.Add(pairing.MemberId);
        }

        (e.Kind, e.What, e.DoneOn, e.DisputeOutcome) = (kind, what, doneOn, outcome);
        e.ForWhom = pairing?.Household ?? Clean(r.ForWhom);
        e.ForWhomPhone = pairing is not null ? pairing.HouseholdPhone : phone.Length > 0 ? phone : null;
        (e.Place, e.Outcome, e.Parties) = (Clean(r.Place), Clean(r.Outcome), Clean(r.Parties));
        e.Hours = kind == ServiceKind.Volunteering ? r.Hours : null;
        (e.Referral, e.Answer) = (Clean(r.Referral), Clean(r.Answer));
        e.PairingId = pairing?.Id;
        e.Members.RemoveAll(m => !ids.Contains(m.MemberId));
        foreach (var id in ids.Where(id => e.Members.All(m => m.MemberId != id)))
            e.Members.Add(new ServiceEntryMember { DistrictId = scope.DistrictId, MemberId = id });
        return null;
    }

    static string? Clean(string? text) => text?.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>A lasting pairing of a member of the branch and a household (结对帮扶); a repeat finds the one there
    /// is.</summary>
    public static async Task<Outcome<(ServicePairing Pairing, bool New)>> PairAsync(
        Scope scope, YihaoDb db, TimeProvider clock, PairingRequest r, CancellationToken ct = default)
    {
        if (await scope.Members(db).AsNoTracking().FirstOrDefaultAsync(m => m.Id == r.MemberId, ct)
            is not { } member) return Fail.NotFound;
        if (!Confirms(scope)) return Fail.Forbidden;
        var household = r.Household?.Trim();
        if (string.IsNullOrEmpty(household)) return Fail.Invalid("household", "Name the household.");
        if (household.Length > ServiceRules.ShortMax) return Fail.Invalid("household", "The text is too long.");
        var phone = Phone.Normalize(r.HouseholdPhone);
        if (phone.Length > 0 && !Phone.IsValid(phone))
            return Fail.Invalid("householdPhone", "Write an 11-digit mobile number.");
        var today = DistrictTime.Today(clock);
        var started = r.StartedOn is null ? today : Words.Date(r.StartedOn) ?? default;
        if (started == default) return Fail.Invalid("startedOn", "Write the date as 2026-12-01.");
        if (started > today) return Fail.Invalid("startedOn", "The date cannot be in the future.");
        if (await db.ServicePairings.AsNoTracking().FirstOrDefaultAsync(p => p.DistrictId == member.DistrictId
                && p.MemberId == member.Id && p.Household == household, ct) is { } there) return (there, false);
        var pairing = new ServicePairing
        {
            DistrictId = member.DistrictId,
            OrgId = member.OrgId,
            MemberId = member.Id,
            Household = household,
            HouseholdPhone = phone.Length > 0 ? phone : null,
            StartedOn = started,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ServicePairings.Add(pairing);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : (pairing, true);
    }

    public static async Task<Outcome<List<PairingView>>> PairingsAsync(
        Scope scope, YihaoDb db, int orgId, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org)
            return Fail.NotFound;
        var pairings = await db.ServicePairings.AsNoTracking()
            .Where(p => p.DistrictId == org.DistrictId && db.Orgs.Any(o => o.Id == p.OrgId
                && o.Path.StartsWith(org.Path)) && (!scope.IsMember || p.MemberId == scope.MemberId))
            .OrderBy(p => p.Id).Take(PageSize).ToListAsync(ct);
        var ids = pairings.Select(p => (int?)p.Id).ToList();
        var visits = await db.ServiceEntries.AsNoTracking()
            .Where(e => e.DistrictId == org.DistrictId && ids.Contains(e.PairingId)
                && e.State == ServiceState.Confirmed)
            .GroupBy(e => e.PairingId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(e => e.DoneOn) })
            .ToDictionaryAsync(g => g.Key!.Value, ct);
        var memberIds = pairings.Select(p => p.MemberId).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var whole = SeesWhole(scope);
        return pairings.Select(p => new PairingView(p.Id, p.OrgId, p.MemberId, names.GetValueOrDefault(p.MemberId, ""),
            whole ? p.Household : ServiceRules.MaskName(p.Household),
            p.HouseholdPhone is { } ph ? Phone.Mask(ph) : null,
            p.StartedOn, visits.TryGetValue(p.Id, out var v) ? v.Count : 0,
            visits.TryGetValue(p.Id, out var l) ? l.Last : null)).ToList();
    }

    /// <summary>The list of entries in scope, filtered by org, kind, month or year, state and the count they stand
    /// behind (<see cref="ServiceCounts.Metrics"/>), newest first.</summary>
    public static async Task<Outcome<List<ServiceEntryView>>> ListAsync(
        Scope scope, YihaoDb db, ServiceFilter f, CancellationToken ct = default)
    {
        var orgId = f.OrgId ?? scope.OrgId;
        if (await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org)
            return Fail.NotFound;
        var q = Entries(scope, db).AsNoTracking()
            .Where(e => db.Orgs.Any(o => o.Id == e.OrgId && o.Path.StartsWith(org.Path)));
        if (f.Kind is not null)
        {
            if (!Enum.TryParse<ServiceKind>(f.Kind, true, out var kind) || !Enum.IsDefined(kind))
                return Fail.Invalid("kind", "Choose the kind of service.");
            q = q.Where(e => e.Kind == kind);
        }
        if (f.State is not null)
        {
            if (!Enum.TryParse<ServiceState>(f.State, true, out var state) || !Enum.IsDefined(state))
                return Fail.Invalid("state", "Choose the state.");
            q = q.Where(e => e.State == state);
        }
        if (f.Period is not null)
        {
            if (ServiceCounts.Period(f.Period) is not var (from, to))
                return Fail.Invalid("period", "Write the month as 2026-12 or the year as 2026.");
            q = q.Where(e => e.DoneOn >= from && e.DoneOn < to);
        }
        if (f.Metric is not null)
        {
            if (ServiceCounts.Behind(q, f.Metric) is not { } behind)
                return Fail.Invalid("metric", "No such count.");
            q = behind;
        }
        var rows = await q.Include(e => e.Members).OrderByDescending(e => e.DoneOn).ThenByDescending(e => e.Id)
            .Take(PageSize).ToListAsync(ct);
        return await ViewsAsync(scope, db, rows, ct);
    }

    public static async Task<Outcome<ServiceEntryView>> GetAsync(
        Scope scope, YihaoDb db, int id, CancellationToken ct = default) =>
        await Entries(scope, db).AsNoTracking().Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == id, ct)
            is { } entry ? (await ViewsAsync(scope, db, [entry], ct))[0] : Fail.NotFound;

    /// <summary>Whole names of the people served only for the branch's own people; everyone else sees the surname.
    /// Phones are masked for all (docs/privacy.md).</summary>
    static bool SeesWhole(Scope scope) => scope.Role is Roles.BranchSecretary or Roles.Member;

    public static async Task<List<ServiceEntryView>> ViewsAsync(
        Scope scope, YihaoDb db, List<ServiceEntry> rows, CancellationToken ct)
    {
        var ids = rows.SelectMany(r => r.Members.Select(m => m.MemberId)).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var whole = SeesWhole(scope);
        return rows.Select(e => new ServiceEntryView(e.Id, e.OrgId, Words.Camel(e.Kind), Words.Camel(e.State), e.What,
            [.. e.Members.Select(m => new ServiceMemberView(m.MemberId, names.GetValueOrDefault(m.MemberId, "")))],
            e.ForWhom is { } w ? whole ? w : ServiceRules.MaskName(w) : null,
            e.ForWhomPhone is { } p ? Phone.Mask(p) : null, e.Place, e.DoneOn, e.Outcome, e.Parties,
            e.DisputeOutcome is { } o ? Words.Camel(o) : null, e.Hours, e.Referral, e.Answer, e.PairingId,
            e.SendBackReason, e.RecordedBy, e.RecordedAt, e.ConfirmedBy, e.ConfirmedAt)).ToList();
    }
}

public sealed record ServiceFilter(int? OrgId, string? Kind, string? Period, string? State, string? Metric);
