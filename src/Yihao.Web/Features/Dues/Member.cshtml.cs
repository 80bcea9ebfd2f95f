using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dues;

/// <summary>A member's dues: the standard, the months paid and owed, the ledger's entries; the secretary records a
/// payment, sets the standard, reverses a payment.</summary>
public sealed class DuesMemberModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int MemberId { get; set; }
    [BindProperty] public DuesPaymentRequest Form { get; set; } = new(null, null, null, null, null, null, null);
    [BindProperty] public DuesStandardRequest Standard { get; set; } = new(null, null, null, null, null);
    [BindProperty] public DuesReversalRequest Reversal { get; set; } = new(0, null);
    public MemberDuesView? View { get; private set; }
    public string Today => DistrictTime.Today(clock).ToString("yyyy-MM-dd");

    /// <summary>The form whose post had a problem ("Form", "Standard" or "Reversal"): it opens with what was
    /// typed.</summary>
    public string? Failed { get; private set; }

    /// <summary>What was typed in a field, as typed (an amount that is not a number included); null on a GET.</summary>
    public string? Typed(string field) => ModelState.TryGetValue(field, out var entry) ? entry.AttemptedValue : null;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync() =>
        await After(await DuesLedger.PayAsync(Me, Db, clock, MemberId, Form, HttpContext.RequestAborted), "Form");

    public async Task<IActionResult> OnPostStandardAsync() =>
        await After(await DuesLedger.SetStandardAsync(Me, Db, clock, MemberId, Standard, HttpContext.RequestAborted),
            "Standard");

    public async Task<IActionResult> OnPostReverseAsync() =>
        await After(await DuesLedger.ReverseAsync(Me, Db, clock, MemberId, Reversal, HttpContext.RequestAborted),
            "Reversal");

    async Task<IActionResult> After<T>(Outcome<T> outcome, string prefix)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect($"/Dues/Member/{MemberId}");
        }
        ShowProblems(outcome, prefix);
        Failed = prefix;
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        var outcome = await DuesLedger.MemberAsync(Me, Db, clock, MemberId, null, null, HttpContext.RequestAborted);
        View = outcome.Value;
        return outcome.IsOk;
    }
}
