using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Commitments;

/// <summary>The branch's public commitments of the year on the meeting-room screen: a short list, the overdue and
/// unfinished first, with the board's counts.</summary>
public sealed class CommitmentsOnScreenViewComponent(YihaoDb db, TimeProvider clock) : ViewComponent
{
    public const int Shown = 12;

    public async Task<IViewComponentResult> InvokeAsync(Scope scope, int orgId)
    {
        var board = await CommitmentBook.BoardAsync(scope, db, clock, orgId, null, ct: HttpContext.RequestAborted);
        if (!board.IsOk || board.Value!.Made == 0) return Content("");
        return View("~/Features/Commitments/_OnScreen.cshtml", board.Value);
    }
}
