using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.CallOuts;

/// <summary>The call-outs an organizer made and the form to call for volunteers; a member's sign-up from 我的 lands
/// here and goes back there.</summary>
public sealed class CallOutsIndexModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty] public CallOutRequest Form { get; set; } = new(null, null, null, null);
    public List<CallOutView> CallOuts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return Redirect("/Me");
        CallOuts = await CallOutsDesk.ListAsync(Me, Db, false, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await CallOutsDesk.CallAsync(Me, Db, clock, Form, null, HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            var told = await Notified(outcome.Value.CallOut.Id);
            Flash = L.T("Called: {0} members told ({1} by SMS).", told.InApp, told.Sms);
            return Redirect($"/CallOuts/{outcome.Value.CallOut.Id}");
        }
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        ShowProblems(outcome);
        CallOuts = await CallOutsDesk.ListAsync(Me, Db, false, HttpContext.RequestAborted);
        return Page();
    }

    async Task<(int InApp, int Sms)> Notified(int id)
    {
        var sms = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Db.Outbox, o => o.Key.StartsWith($"callout:{id}:"));
        var members = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Me.Orgs(Db).SelectMany(o => Db.Members.Where(m => m.OrgId == o.Id)));
        return (await members, sms);
    }

    /// <summary>A member signs up from 我的 and is taken back there, told what it did.</summary>
    public async Task<IActionResult> OnPostSignUpAsync(int id)
    {
        var outcome = await CallOutsDesk.SignUpAsync(Me, Db, clock, id, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        Flash = outcome.IsOk
            ? L.T("Signed up: {0}, {1}. The organizer records who came.", outcome.Value!.What,
                DistrictTime.Local(outcome.Value.StartsAt).ToString("MM-dd HH:mm"))
            : string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Redirect("/Me#call-outs");
    }
}
