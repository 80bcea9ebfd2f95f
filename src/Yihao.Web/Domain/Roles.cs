namespace Yihao.Web.Domain;

/// <summary>The roles an account can hold, each bound to one node of the tree.</summary>
public static class Roles
{
    public const string DistrictAdmin = "districtAdmin";
    public const string Inspector = "inspector";
    public const string TownAdmin = "townAdmin";
    public const string BranchSecretary = "branchSecretary";
    public const string LiaisonLeader = "liaisonLeader";
    public const string Member = "member";

    public static readonly string[] All = [DistrictAdmin, Inspector, TownAdmin, BranchSecretary, LiaisonLeader, Member];

    /// <summary>Which node kinds a role can be bound to.</summary>
    public static bool FitsOrg(string role, OrgKind kind) => role switch
    {
        DistrictAdmin => kind == OrgKind.District,
        Inspector => kind is OrgKind.District or OrgKind.Town or OrgKind.GeneralBranch,
        TownAdmin => kind == OrgKind.Town,
        BranchSecretary or LiaisonLeader or Member => kind.IsBranch(),
        _ => false,
    };

    /// <summary>Roles that may change members in their subtree.</summary>
    public static bool EditsMembers(string role) => role is DistrictAdmin or TownAdmin or BranchSecretary;

    /// <summary>Roles that may make accounts: the district admin any, a town admin those below it.</summary>
    public static bool MayCreate(string creator, string role) => creator switch
    {
        DistrictAdmin => true,
        TownAdmin => role is BranchSecretary or LiaisonLeader or Member,
        _ => false,
    };
}
