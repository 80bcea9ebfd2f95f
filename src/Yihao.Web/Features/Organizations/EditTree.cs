using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Organizations;

/// <summary>Dates come as text (2026-03-01) so that an impossible one is a field error in the user's
/// language.</summary>
public sealed record CreateOrgRequest(int ParentId, string? Name, string? Kind, string? StartsOn, string? EndsOn);
public sealed record RenameOrgRequest(string? Name, string? StartsOn, string? EndsOn);
public sealed record MoveOrgRequest(int ParentId);
public sealed record CloseOrgRequest(string? ClosedOn);

/// <summary>Creating, renaming, moving and closing nodes of the tree (组织架构维护). District admins anywhere; town admins
/// below their town.</summary>
public static class EditTree
{
    /// <summary>A node the user may change: inside their scope (else 404) and their role edits the tree (else
    /// 403).</summary>
    static async Task<(Org? Org, Fail? Fail)> EditableAsync(Scope scope, YihaoDb db, int id, CancellationToken ct)
    {
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return (null, Fail.NotFound);
        return scope.EditsTree ? (org, null) : (null, Fail.Forbidden);
    }

    static string? NameProblem(string name) =>
        name.Length == 0 ? "A name is required." : name.Length > OrgRules.NameMaxLength ? "The name is too long."
            : null;

    const string Taken = "An organization with this name already exists here.";

    /// <summary>Reads optional start and end dates; a date that is not real is a problem on its field.</summary>
    static (DateOnly? Starts, DateOnly? Ends) Dates(string? starts, string? ends, List<(string, string)> problems)
    {
        DateOnly? Read(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var d = Words.Date(text);
            if (d is null) problems.Add((field, "Not a date; write it as 1980-05-01."));
            return d;
        }
        return (Read(starts, "startsOn"), Read(ends, "endsOn"));
    }


    static Task<bool> SiblingNamedAsync(YihaoDb db, int parentId, string name, int exceptId, CancellationToken ct) =>
        db.Orgs.AnyAsync(o => o.ParentId == parentId && o.Name == name && o.Id != exceptId, ct);

    public static async Task<Outcome<Org>> CreateAsync(Scope scope, YihaoDb db, TimeProvider clock, CreateOrgRequest r,
        CancellationToken ct = default)
    {
        var (parent, fail) = await EditableAsync(scope, db, r.ParentId, ct);
        if (fail is { } f) return f;
        var name = (r.Name ?? "").Trim();
        var problems = new List<(string, string)>();
        if (NameProblem(name) is { } np) problems.Add(("name", np));
        var kind = Words.OrgKind(r.Kind);
        if (kind is null) problems.Add(("kind", "Unknown kind of organization."));
        else if (!OrgRules.CanHold(parent!.Kind, kind.Value)) problems.Add(
            ("kind", "This kind of organization cannot be placed there."));
        if (parent!.IsClosed) problems.Add(("parentId", "A closed organization cannot hold new ones."));
        var (starts, ends) = Dates(r.StartsOn, r.EndsOn, problems);
        if (kind is not null && problems.Count == 0
            && OrgRules.DatesProblem(kind.Value, starts, ends) is { } dp2) problems.Add(("endsOn", dp2));
        if (problems.Count > 0) return Fail.Invalid(problems.Distinct().ToList());
        if (await SiblingNamedAsync(db, parent.Id, name, 0, ct)) return Fail.Conflict(Taken);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var org = new Org
        {
            DistrictId = parent.DistrictId,
            ParentId = parent.Id,
            Name = name,
            Kind = kind!.Value,
            Depth = parent.Depth + 1,
            StartsOn = starts,
            EndsOn = ends,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Orgs.Add(org);
        if (await Retry.SaveAsync(db, ct, Taken,
            "Someone else changed this organization; reload and try again.") is { } lost) return lost;
        org.Path = OrgRules.ChildPath(parent.Path, org.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }

    public static async Task<Outcome<Org>> RenameAsync(Scope scope, YihaoDb db, int id, RenameOrgRequest r,
        CancellationToken ct = default)
    {
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        var name = (r.Name ?? "").Trim();
        var problems = new List<(string, string)>();
        if (NameProblem(name) is { } np) problems.Add(("name", np));
        var (starts, ends) = Dates(r.StartsOn, r.EndsOn, problems);
        if (problems.Count == 0
            && OrgRules.DatesProblem(org!.Kind, starts, ends) is { } dp) problems.Add(("endsOn", dp));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (org!.ParentId is { } pid && await SiblingNamedAsync(db, pid, name, org.Id, ct)) return Fail.Conflict(Taken);
        org.Name = name;
        org.StartsOn = starts;
        org.EndsOn = ends;
        return await Retry.SaveAsync(db, ct, Taken,
            "Someone else changed this organization; reload and try again.") is { } lost ? lost : org;
    }

    public static async Task<Outcome<Org>> MoveAsync(Scope scope, YihaoDb db, int id, MoveOrgRequest r,
        CancellationToken ct = default)
    {
        // Paths are rewritten below: moves in one district run one at a time, reading the tree inside the lock.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockTreeAsync(scope.DistrictId, ct);
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        var parent = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == r.ParentId, ct);
        if (parent is null) return Fail.NotFound;
        if (org!.Id == scope.OrgId) return Fail.Forbidden;
        if (org.ParentId == parent.Id) return org;
        if (OrgRules.MoveProblem(org, parent) is { } mp) return Fail.Invalid("parentId", mp);
        if (await SiblingNamedAsync(db, parent.Id, org.Name, org.Id, ct)) return Fail.Conflict(Taken);

        var oldPath = org.Path;
        var newPath = OrgRules.ChildPath(parent.Path, org.Id);
        var depthShift = parent.Depth + 1 - org.Depth;
        var subtree = await db.Orgs.Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(oldPath))
            .ToListAsync(ct);
        foreach (var o in subtree)
        {
            o.Path = newPath + o.Path[oldPath.Length..];
            o.Depth += depthShift;
        }
        org.ParentId = parent.Id;
        if (await Retry.SaveAsync(db, ct, Taken,
            "Someone else changed this organization; reload and try again.") is { } lost) return lost;
        await Warnings.RetellMovedAsync(db, org.DistrictId, oldPath, newPath, ct);
        await tx.CommitAsync(ct);
        return org;
    }

    public static async Task<Outcome<Org>> CloseAsync(Scope scope, YihaoDb db, TimeProvider clock, int id,
        CloseOrgRequest r, CancellationToken ct = default)
    {
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        if (org!.ParentId is null || org.Id == scope.OrgId) return Fail.Forbidden;
        if (org.IsClosed) return org;
        var today = DistrictTime.Today(clock);
        var on = string.IsNullOrWhiteSpace(r.ClosedOn) ? today : Words.Date(r.ClosedOn);
        if (on is null) return Fail.Invalid("closedOn", "Not a date; write it as 1980-05-01.");
        if (on > today) return Fail.Invalid("closedOn", "The closing date is in the future.");
        if (await db.Orgs.AnyAsync(o => o.ParentId == org.Id && o.ClosedOn == null, ct))
            return Fail.Invalid("id", "Close or move the organizations under it first.");
        if (await db.Members.AnyAsync(m => m.OrgId == org.Id, ct))
            return Fail.Invalid("id", "Transfer its members to another branch first.");
        org.ClosedOn = on;
        return await Retry.SaveAsync(db, ct, Taken,
            "Someone else changed this organization; reload and try again.") is { } lost ? lost : org;
    }
}
