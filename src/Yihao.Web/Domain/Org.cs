namespace Yihao.Web.Domain;

/// <summary>A row that two people may edit at once: each save bumps the version, and a save from a stale copy
/// fails.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>The kinds of node in the organization tree (组织).</summary>
public enum OrgKind { District, Town, GeneralBranch, Branch, TemporaryBranch }

/// <summary>A node of the organization tree (组织): district committee, town committee, general branch or
/// branch.</summary>
public sealed class Org : IVersioned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int? ParentId { get; set; }
    public required string Name { get; set; }
    public OrgKind Kind { get; set; }

    /// <summary>Ids from the root down, "/1/5/23/": a subtree is every node whose path starts with its
    /// root's.</summary>
    public string Path { get; set; } = "/";
    public int Depth { get; set; }

    /// <summary>A temporary branch's life (临时党支部).</summary>
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public bool IsBranch => Kind.IsBranch();
    public bool IsClosed => ClosedOn is not null;
}

public static class OrgRules
{
    public const int NameMaxLength = 100;

    public static bool IsBranch(this OrgKind kind) => kind is OrgKind.Branch or OrgKind.TemporaryBranch;

    /// <summary>District → towns → optional general branches → branches.</summary>
    public static bool CanHold(OrgKind parent, OrgKind child) => (parent, child) switch
    {
        (OrgKind.District, OrgKind.Town) => true,
        (OrgKind.Town, OrgKind.GeneralBranch or OrgKind.Branch or OrgKind.TemporaryBranch) => true,
        (OrgKind.GeneralBranch, OrgKind.Branch or OrgKind.TemporaryBranch) => true,
        _ => false,
    };

    public static string ChildPath(string parentPath, int id) => $"{parentPath}{id}/";

    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);

    /// <summary>Why a node may not move under a new parent, as an English key; null when it may.</summary>
    public static string? MoveProblem(Org node, Org newParent)
    {
        if (node.ParentId is null) return "The district itself cannot be moved.";
        if (IsWithin(newParent.Path,
            node.Path)) return "A node cannot move under itself or one of its own descendants.";
        if (newParent.IsClosed) return "A node cannot move under a closed organization.";
        if (!CanHold(newParent.Kind, node.Kind)) return "This kind of organization cannot be placed there.";
        return null;
    }

    /// <summary>The English key of what is wrong with a temporary branch's dates, or null.</summary>
    public static string? DatesProblem(OrgKind kind, DateOnly? startsOn, DateOnly? endsOn)
    {
        if (kind != OrgKind.TemporaryBranch) return startsOn is null && endsOn is null ? null
            : "Only a temporary branch has start and end dates.";
        if (startsOn is null || endsOn is null) return "A temporary branch needs a start and an end date.";
        return endsOn < startsOn ? "The end date is before the start date." : null;
    }
}
