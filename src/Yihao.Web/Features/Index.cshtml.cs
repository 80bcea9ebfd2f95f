using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yihao.Web.Features;

/// <summary>The start page is the top of the user's own part of the tree.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/Organizations");
}
