using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>The fields of a member as a form or a JSON body sends them; dates as text so that a wrong one is a field
/// error, not a broken request.</summary>
public sealed record MemberBody(
    int OrgId, string? Name, string? Gender, string? BirthDate, string? IdNumber, string? Phone, string? Kind,
    string? JoinedOn, decimal? MonthlyDues, string? Participation, string? MobileWhere, int? Version = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public MemberInput Input =>
        new(Name, Gender, BirthDate, IdNumber, Phone, Kind, JoinedOn, MonthlyDues, Participation, MobileWhere);
}

public sealed record TransferRequest(int ToOrgId, string? EffectiveOn, string? Note);

/// <summary>Registering, editing and transferring members (党员信息维护, 组织关系转接).</summary>
public static class EditMembers
{
    public const string DuplicateId = "A member with this ID number is already registered.";
    public const string Stale = "Someone else changed this member; reload and try again.";


    public static async Task<(Org? Branch, Fail? Fail)> BranchForEditAsync(Scope scope, YihaoDb db, int orgId,
        CancellationToken ct)
    {
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null) return (null, Fail.NotFound);
        if (!scope.EditsMembers) return (null, Fail.Forbidden);
        if (!org.IsBranch) return (null, Fail.Invalid("orgId", "Members belong to a branch."));
        if (org.IsClosed) return (null, Fail.Invalid("orgId", "The branch is closed."));
        return (org, null);
    }

    public static async Task<Outcome<Member>> CreateAsync(Scope scope, YihaoDb db, TimeProvider clock, MemberBody body,
        CancellationToken ct = default)
    {
        var (branch, fail) = await BranchForEditAsync(scope, db, body.OrgId, ct);
        if (fail is { } f) return f;
        var (values, problems) = body.Input.Check(DistrictTime.Today(clock));
        if (values is null) return Fail.Invalid(problems);
        if (await db.Members.AnyAsync(m => m.DistrictId == scope.DistrictId && m.IdNumber == values.IdNumber,
            ct)) return Fail.Conflict(DuplicateId);

        var now = clock.GetUtcNow().UtcDateTime;
        var member =
            new Member
            {
                DistrictId = branch!.DistrictId,
                OrgId = branch.Id,
                Name = "",
                IdNumber = "",
                CreatedAt = now,
                UpdatedAt = now
            };
        values.ApplyTo(member);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Members.Add(member);
        // Two requests may race past the check above; the unique index keeps one.
        if (await Retry.SaveAsync(db, ct, DuplicateId, Stale) is { } lost) return lost;
        db.Transfers.Add(Transfer.Joining(member, "登记", now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return member;
    }

    public static async Task<Outcome<Member>> UpdateAsync(Scope scope, YihaoDb db, TimeProvider clock, int id,
        MemberBody body, CancellationToken ct = default)
    {
        var member = await scope.Members(db).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Fail.NotFound;
        if (!scope.EditsMembers) return Fail.Forbidden;
        if (body.Version is { } v && v != member.Version) return Fail.Conflict(Stale);
        body = Unchanged(body, member, MemberView.Of(member, "", scope));
        var (values, problems) = body.Input.Check(DistrictTime.Today(clock));
        if (values is null) return Fail.Invalid(problems);
        if (values.IdNumber != member.IdNumber &&
            await db.Members.AnyAsync(m => m.DistrictId == member.DistrictId && m.IdNumber == values.IdNumber
                && m.Id != member.Id, ct))
            return Fail.Conflict(DuplicateId);
        values.ApplyTo(member);
        if (!db.ChangeTracker.HasChanges()) return member;
        member.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await Retry.SaveAsync(db, ct, DuplicateId, Stale) is { } lost ? lost : member;
    }

    /// <summary>
    /// An update changes only what it sends: a field left out or null keeps its value, and so does a value equal to
    /// what this caller is shown masked (a client sends back what it read; that means "keep", not "store the stars").
    /// The masked form is whatever <see cref="MemberView"/> shows, so a change of the mask needs no change here. An
    /// empty phone clears it; an empty ID number or birth date keeps it (neither can be cleared).
    /// </summary>
    static MemberBody Unchanged(MemberBody body, Member m, MemberView shown)
    {
        static string? Keep(string? sent, string stored, string shown) =>
            sent is null || (sent == shown && shown != stored) ? stored : sent;
        var date = (DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return body with
        {
            Name = body.Name ?? m.Name,
            Gender = body.Gender ?? Words.Camel(m.Gender),
            BirthDate = body.BirthDate is null or "" ? date(m.BirthDate) : body.BirthDate,
            IdNumber = string.IsNullOrWhiteSpace(body.IdNumber) ? m.IdNumber
                : Keep(body.IdNumber, m.IdNumber, shown.IdNumber),
            Phone = Keep(body.Phone, m.Phone, shown.Phone),
            Kind = body.Kind ?? Words.Camel(m.Kind),
            JoinedOn = body.JoinedOn ?? date(m.JoinedOn),
            MonthlyDues = body.MonthlyDues ?? m.MonthlyDues,
            Participation = body.Participation ?? Words.Camel(m.Participation),
            MobileWhere = body.MobileWhere ?? m.MobileWhere,
        };
    }

    /// <summary>Moves a member to another branch from a date; the history keeps where they were. A repeated identical
    /// request changes nothing.</summary>
    public static async Task<Outcome<Member>> TransferAsync(Scope scope, YihaoDb db, TimeProvider clock, int id,
        TransferRequest r, CancellationToken ct = default)
    {
        var member = await scope.Members(db).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Fail.NotFound;
        var (target, fail) = await BranchForEditAsync(scope, db, r.ToOrgId, ct);
        if (fail is { Kind: OutcomeKind.Invalid } fi) return Fail.Invalid("toOrgId", fi.Problems[0].Item2);
        if (fail is { } f) return f;
        var today = DistrictTime.Today(clock);
        var on = r.EffectiveOn is { Length: > 0 } ? Words.Date(r.EffectiveOn) : today;
        if (on is null) return Fail.Invalid("effectiveOn", "Not a date; write it as 1980-05-01.");
        if (on > today) return Fail.Invalid("effectiveOn", "A transfer takes effect today or earlier.");
        if (r.Note is { Length: > 200 }) return Fail.Invalid("note", "The note is too long.");
        var last = await db.Transfers.Where(t => t.MemberId == member.Id).OrderByDescending(t => t.EffectiveOn)
            .ThenByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (member.OrgId == target!.Id)
            return last is not null && last.ToOrgId == target.Id && last.EffectiveOn == on ? member
                : Fail.Invalid("toOrgId", "The member is already in that branch.");
        if (last is not null && on < last.EffectiveOn) return Fail.Invalid("effectiveOn",
            "A transfer cannot take effect before the member's last one.");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Transfers.Add(
            new Transfer
            {
                DistrictId = member.DistrictId,
                MemberId = member.Id,
                FromOrgId = member.OrgId,
                ToOrgId = target.Id,
                EffectiveOn = on.Value,
                Note = r.Note?.Trim(),
                CreatedAt = now
            });
        member.OrgId = target.Id;
        member.UpdatedAt = now;
        if (await Retry.SaveAsync(db, ct, DuplicateId, Stale) is { } lost)
        {
            await tx.RollbackAsync(ct);
            // A double-click or retry raced this one: if the winner made the same transfer, that is this request's
            // answer too.
            var fresh = await db.Members.AsNoTracking().FirstAsync(m => m.Id == member.Id, ct);
            var won = await db.Transfers.AsNoTracking().Where(t => t.MemberId == member.Id)
                .OrderByDescending(t => t.EffectiveOn).ThenByDescending(t => t.Id).FirstAsync(ct);
            return fresh.OrgId == target.Id && won.ToOrgId == target.Id && won.EffectiveOn == on ? fresh : lost;
        }
        await tx.CommitAsync(ct);
        return member;
    }

    public static async Task<List<TransferView>> HistoryAsync(YihaoDb db, int memberId,
        CancellationToken ct = default) =>
        await db.Transfers.Where(t => t.MemberId == memberId).OrderBy(t => t.EffectiveOn).ThenBy(t => t.Id)
            .Select(t =>
                new TransferView(t.Id, t.FromOrgId,
                db.Orgs.Where(o => o.Id == t.FromOrgId).Select(o => o.Name).FirstOrDefault(),
                t.ToOrgId, db.Orgs.Where(o => o.Id == t.ToOrgId).Select(o => o.Name).First(), t.EffectiveOn, t.Note))
            .ToListAsync(ct);
}
