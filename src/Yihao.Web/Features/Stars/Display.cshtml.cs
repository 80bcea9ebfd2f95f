using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yihao.Web.Data;

namespace Yihao.Web.Features.Stars;

/// <summary>The board on the meeting-room screen, opened with a display link: read-only, no sign-in, live.</summary>
[AllowAnonymous]
public sealed class DisplayModel(YihaoDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    public BoardGrid? Grid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await DisplayLinks.BranchOfAsync(db, Token,
            HttpContext.RequestAborted) is not { } branch) return NotFound();
        // The screen shows the month under way: its day's check-ins colour it as they come.
        Grid = await BoardGrid.LoadAsync(db, clock, branch,
            Month is null ? BoardGrid.MonthOf(null, clock).AddMonths(1) : BoardGrid.MonthOf(Month, clock),
            HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
