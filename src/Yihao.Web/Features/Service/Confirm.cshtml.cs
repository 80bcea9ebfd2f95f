using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Features.Commitments;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Service;

/// <summary>确认: the branch's service entries and commitment fulfilments waiting for the secretary, one card each,
/// confirmed or sent back with a comment; a town admin reads its subtree's. The handlers are the API's.</summary>
public sealed class ConfirmModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty] public int ItemId { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public List<ServiceEntryView> Entries { get; private set; } = [];
    public List<CommitmentView> Fulfilments { get; private set; } = [];
    public Dictionary<int, string> Branches { get; private set; } = [];
    public bool Answers => ServiceLedger.Confirms(Me);

    /// <summary>The card whose answer had a problem: "e12" or "c7".</summary>
    public string? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEntryAsync(bool confirm)
    {
        var ct = HttpContext.RequestAborted;
        var outcome = confirm ? await ServiceLedger.ConfirmAsync(Me, Db, clock, ItemId, ct)
            : await ServiceLedger.SendBackAsync(Me, Db, ItemId, new SendBackRequest(Comment), ct);
        return await AfterAsync(outcome, "e", confirm);
    }

    public async Task<IActionResult> OnPostFulfilmentAsync(bool confirm) =>
        await AfterAsync(await CommitmentBook.AnswerAsync(Me, Db, clock, ItemId, new AnswerRequest(confirm, Comment),
            HttpContext.RequestAborted), "c", confirm);

    async Task<IActionResult> AfterAsync<T>(Outcome<T> outcome, string kind, bool confirm)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = confirm ? L.T("Confirmed; the member sees it confirmed.")
                : L.T("Sent back with your comment; the member can mend it.");
            return Redirect("/Service/Confirm");
        }
        Failed = kind + ItemId;
        foreach (var (_, message) in outcome.Messages()) ModelState.AddModelError("Comment", message);
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        if (Me.IsMember || !Me.EditsMembers) return false;
        var ct = HttpContext.RequestAborted;
        Entries = (await ServiceLedger.ListAsync(Me, Db, new ServiceFilter(null, null, null, "pending", null), ct))
            .Value ?? [];
        Entries.Reverse(); // the oldest first
        Fulfilments = await CommitmentBook.WaitingAsync(Me, Db, clock, ct);
        var ids = Entries.Select(e => e.OrgId).Concat(Fulfilments.Select(f => f.OrgId)).Distinct().ToList();
        Branches = await Db.Orgs.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name,
            ct);
        return true;
    }
}
