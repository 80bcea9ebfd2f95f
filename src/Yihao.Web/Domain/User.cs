using Microsoft.AspNetCore.Identity;

namespace Yihao.Web.Domain;

/// <summary>An account (账号). It holds one role, bound to one node of the tree; a member's account also names the
/// member.</summary>
public sealed class User : IdentityUser<int>
{
    public int DistrictId { get; set; }
    public required string Role { get; set; }
    public int OrgId { get; set; }
    public int? MemberId { get; set; }
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set on accounts made in bulk with a printed first password: the first sign-in must choose a new
    /// one.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>A liaison leader (联系领导) assigned to a branch: they may check in at its meetings, which records them
/// present.</summary>
public sealed class LiaisonAssignment
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int UserId { get; set; }
    public int OrgId { get; set; }
    public string AssignedBy { get; set; } = "";
    public DateTime AssignedAt { get; set; }
}
