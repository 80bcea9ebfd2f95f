using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dues;

/// <summary>The dues under the user's node: what is owed by month and by branch. A branch's people go to their
/// branch's collection sheet, a member to their own dues.</summary>
public sealed class DuesIndexModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public ArrearsView? View { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return Me.MemberId is { } self ? Redirect($"/Dues/Member/{self}") : NotFound();
        if (OrgId is null
            && Me.Role is Roles.BranchSecretary or Roles.LiaisonLeader) return Redirect($"/Dues/{Me.OrgId}");
        var outcome =
            await DuesLedger.ArrearsAsync(Me, Db, clock, OrgId ?? Me.OrgId, From, To, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk) View = outcome.Value;
        else Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Page();
    }
}
