using Microsoft.AspNetCore.Identity;

namespace Yihao.Web.Domain;

/// <summary>An account (账号). It holds one role, bound to one node of the tree; a member's account also names the member.</summary>
public sealed class User : IdentityUser<int>
{
    public int DistrictId { get; set; }
    public required string Role { get; set; }
    public int OrgId { get; set; }
    public int? MemberId { get; set; }
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}
