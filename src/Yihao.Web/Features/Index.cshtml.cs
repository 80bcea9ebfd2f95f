using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yihao.Web.Features;

/// <summary>The start page: a member's own page, a secretary's or town admin's to-do list, the district
/// admin's dashboard, or for everyone else the top of their part of the tree.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        Redirect(
            User.IsInRole(Domain.Roles.DistrictAdmin) ? "/Dashboard" // how the district is doing
            : User.IsInRole(Domain.Roles.Member) ? "/Me"
            // A secretary and a town admin start from what is due (待办).
            : User.IsInRole(Domain.Roles.BranchSecretary) || User.IsInRole(Domain.Roles.TownAdmin) ? "/Todo"
            : User.IsInRole(Domain.Roles.Inspector) ? "/Supervision" // what is planned, drawn and to verify
            : "/Organizations"
        );
}
