using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>What the signed-in user may see: the subtree under the node their role is bound to.</summary>
public sealed record Scope(int UserId, string UserName, string Role, int DistrictId, int OrgId, string Path,
    int? MemberId)
{
    public const string OrgClaim = "yihao:org";
    public const string DistrictClaim = "yihao:district";
    public const string MemberClaim = "yihao:member";

    /// <summary>Reads the user's claims and the current path of their node (paths change when the tree moves, so it is
    /// never cached in a token).</summary>
    public static async Task<Scope?> ForAsync(ClaimsPrincipal principal, YihaoDb db, CancellationToken ct = default)
    {
        if (!int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return null;
        var row = await db.Users.Where(u => u.Id == userId)
            .Select(u => new
            {
                u.UserName,
                u.Role,
                u.DistrictId,
                u.MemberId,
                u.MustChangePassword,
                // A member's account follows the member: after a transfer it sees the new branch.
                OrgId = u.Role == Roles.Member && u.MemberId != null ? db.Members.Where(m => m.Id == u.MemberId)
                    .Select(m => m.OrgId).First() : u.OrgId,
            })
            .Join(db.Orgs, u => u.OrgId, o => o.Id,
                (u, o) => new { u.UserName, u.Role, u.DistrictId, u.OrgId, o.Path, u.MemberId, u.MustChangePassword })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        db.Actor.UserId = userId;
        db.Actor.UserName = row.UserName ?? "";
        return new Scope(userId, row.UserName ?? "", row.Role, row.DistrictId, row.OrgId, row.Path,
            row.MemberId)
        { MustChangePassword = row.MustChangePassword };
    }

    /// <summary>The account still has the first password printed for it: the pages ask for a new one before anything
    /// else.</summary>
    public bool MustChangePassword { get; init; }

    public bool IsDistrictAdmin => Role == Roles.DistrictAdmin;
    public bool IsMember => Role == Roles.Member;
    public bool EditsMembers => Roles.EditsMembers(Role);
    public bool EditsTree => Role is Roles.DistrictAdmin or Roles.TownAdmin;
    public bool ManagesAccounts => Role is Roles.DistrictAdmin or Roles.TownAdmin;

    /// <summary>Every node in the user's subtree.</summary>
    public IQueryable<Org> Orgs(YihaoDb db) =>
        db.Orgs.Where(o => o.DistrictId == DistrictId && o.Path.StartsWith(Path));

    /// <summary>
    /// Every member in the user's subtree; for a member, only themself: a fellow member's record answers 404, and what
    /// the branch shows of them publicly (name, stars, participation) comes from the board.
    /// </summary>
    public IQueryable<Member> Members(YihaoDb db) =>
        db.Members.Where(m => m.DistrictId == DistrictId && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(Path))
            && (!IsMember || m.Id == MemberId));

    public bool Contains(Org org) => org.DistrictId == DistrictId && OrgRules.IsWithin(org.Path, Path);

    /// <summary>ID numbers, phones and birth dates are shown whole only to the member themself.</summary>
    public bool SeesPrivate(Member m) => IsMember && MemberId == m.Id;

    /// <summary>
    /// Who may reveal a member's full ID number or phone, with a reason that goes to the audit log: the district admin,
    /// the secretary of the member's own branch, and the member themself (who sees them anyway).
    /// </summary>
    public bool MayReveal(Member m) =>
        m.DistrictId == DistrictId
        && (IsDistrictAdmin || (Role == Roles.BranchSecretary && m.OrgId == OrgId) || SeesPrivate(m));
}

