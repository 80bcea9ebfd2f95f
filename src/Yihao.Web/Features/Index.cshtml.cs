using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yihao.Web.Features;

/// <summary>The start page: a member's own page, or for everyone else the top of their part of the tree.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Domain.Roles.DistrictAdmin)) return Redirect("/Dashboard"); // how the district is doing
        return Redirect(User.IsInRole(Domain.Roles.Member) ? "/Me" : "/Organizations");
    }
}
