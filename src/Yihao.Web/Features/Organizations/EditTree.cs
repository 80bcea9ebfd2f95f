using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Organizations;

public sealed record CreateOrgRequest(int ParentId, string? Name, string? Kind, DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record RenameOrgRequest(string? Name, DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record MoveOrgRequest(int ParentId);
public sealed record CloseOrgRequest(DateOnly? ClosedOn);

/// <summary>Creating, renaming, moving and closing nodes of the tree (组织架构维护). District admins anywhere; town admins below their town.</summary>
public static class EditTree
{
    /// <summary>A node the user may change: inside their scope (else 404) and their role edits the tree (else 403).</summary>
    static async Task<(Org? Org, Fail? Fail)> EditableAsync(Scope scope, YihaoDb db, int id, CancellationToken ct)
    {
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return (null, Fail.NotFound);
        return scope.EditsTree ? (org, null) : (null, Fail.Forbidden);
    }

    static string? NameProblem(string name) =>
        name.Length == 0 ? "A name is required." : name.Length > OrgRules.NameMaxLength ? "The name is too long." : null;

    static Task<bool> SiblingNamedAsync(YihaoDb db, int parentId, string name, int exceptId, CancellationToken ct) =>
        db.Orgs.AnyAsync(o => o.ParentId == parentId && o.Name == name && o.Id != exceptId, ct);

    public static async Task<Outcome<Org>> CreateAsync(Scope scope, YihaoDb db, TimeProvider clock, CreateOrgRequest r, CancellationToken ct = default)
    {
        var (parent, fail) = await EditableAsync(scope, db, r.ParentId, ct);
        if (fail is { } f) return f;
        var name = (r.Name ?? "").Trim();
        var problems = new List<(string, string)>();
        if (NameProblem(name) is { } np) problems.Add(("name", np));
        var kind = Words.OrgKind(r.Kind);
        if (kind is null) problems.Add(("kind", "Unknown kind of organization."));
        else if (!OrgRules.CanHold(parent!.Kind, kind.Value)) problems.Add(("kind", "This kind of organization cannot be placed there."));
        else if (OrgRules.DatesProblem(kind.Value, r.StartsOn, r.EndsOn) is { } dp) problems.Add(("endsOn", dp));
        if (parent!.IsClosed) problems.Add(("parentId", "A closed organization cannot hold new ones."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (await SiblingNamedAsync(db, parent.Id, name, 0, ct)) return Fail.Conflict("An organization with this name already exists here.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var org = new Org
        {
            DistrictId = parent.DistrictId,
            ParentId = parent.Id,
            Name = name,
            Kind = kind!.Value,
            Depth = parent.Depth + 1,
            StartsOn = r.StartsOn,
            EndsOn = r.EndsOn,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Orgs.Add(org);
        await db.SaveChangesAsync(ct);
        org.Path = OrgRules.ChildPath(parent.Path, org.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }

    public static async Task<Outcome<Org>> RenameAsync(Scope scope, YihaoDb db, int id, RenameOrgRequest r, CancellationToken ct = default)
    {
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        var name = (r.Name ?? "").Trim();
        var problems = new List<(string, string)>();
        if (NameProblem(name) is { } np) problems.Add(("name", np));
        if (OrgRules.DatesProblem(org!.Kind, r.StartsOn, r.EndsOn) is { } dp) problems.Add(("endsOn", dp));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (org.ParentId is { } pid && await SiblingNamedAsync(db, pid, name, org.Id, ct)) return Fail.Conflict("An organization with this name already exists here.");
        org.Name = name;
        org.StartsOn = r.StartsOn;
        org.EndsOn = r.EndsOn;
        await db.SaveChangesAsync(ct);
        return org;
    }

    public static async Task<Outcome<Org>> MoveAsync(Scope scope, YihaoDb db, int id, MoveOrgRequest r, CancellationToken ct = default)
    {
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        var parent = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == r.ParentId, ct);
        if (parent is null) return Fail.NotFound;
        if (org!.Id == scope.OrgId) return Fail.Forbidden;
        if (org.ParentId == parent.Id) return org;
        if (OrgRules.MoveProblem(org, parent) is { } mp) return Fail.Invalid("parentId", mp);
        if (await SiblingNamedAsync(db, parent.Id, org.Name, org.Id, ct)) return Fail.Conflict("An organization with this name already exists here.");

        var oldPath = org.Path;
        var newPath = OrgRules.ChildPath(parent.Path, org.Id);
        var depthShift = parent.Depth + 1 - org.Depth;
        var subtree = await db.Orgs.Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(oldPath)).ToListAsync(ct);
        foreach (var o in subtree)
        {
            o.Path = newPath + o.Path[oldPath.Length..];
            o.Depth += depthShift;
        }
        org.ParentId = parent.Id;
        await db.SaveChangesAsync(ct);
        return org;
    }

    public static async Task<Outcome<Org>> CloseAsync(Scope scope, YihaoDb db, TimeProvider clock, int id, CloseOrgRequest r, CancellationToken ct = default)
    {
        var (org, fail) = await EditableAsync(scope, db, id, ct);
        if (fail is { } f) return f;
        if (org!.ParentId is null || org.Id == scope.OrgId) return Fail.Forbidden;
        if (org.IsClosed) return org;
        var today = DistrictTime.Today(clock);
        var on = r.ClosedOn ?? today;
        if (on > today) return Fail.Invalid("closedOn", "The closing date is in the future.");
        if (await db.Orgs.AnyAsync(o => o.ParentId == org.Id && o.ClosedOn == null, ct))
            return Fail.Invalid("id", "Close or move the organizations under it first.");
        if (await db.Members.AnyAsync(m => m.OrgId == org.Id, ct))
            return Fail.Invalid("id", "Transfer its members to another branch first.");
        org.ClosedOn = on;
        await db.SaveChangesAsync(ct);
        return org;
    }
}
