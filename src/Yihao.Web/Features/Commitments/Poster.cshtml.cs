using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Commitments;

/// <summary>党员公开承诺书: a branch's year of commitments on A4, each member's with room for their signature, the
/// branch's seal and the date; nothing to tap is printed. It reads the board.</summary>
public sealed class PosterModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public CommitmentBoard Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var board = await CommitmentBook.BoardAsync(Me, Db, clock, OrgId, Year, ct: HttpContext.RequestAborted);
        if (board.Kind == OutcomeKind.Invalid)
            return Redirect($"/Commitments/Poster/{OrgId}");
        if (!board.IsOk) return NotFound();
        Board = board.Value!;
        return Page();
    }
}
