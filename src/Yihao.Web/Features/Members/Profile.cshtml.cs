using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>A member's profile: details (masked as the viewer's role requires), editing, transfers and their
/// history.</summary>
public sealed class ProfileModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public MemberForm Form { get; set; } = new();
    [BindProperty] public TransferForm Move { get; set; } = new();
    [BindProperty] public RevealForm Reveal { get; set; } = new();
    /// <summary>The value just revealed, shown in this answer only (a reload shows the mask again).</summary>
    public RevealView? Revealed { get; private set; }
    public MemberView View { get; private set; } = null!;
    public List<TransferView> History { get; private set; } = [];
    public List<Org> Branches { get; private set; } = [];

    public sealed class TransferForm
    {
        public int ToOrgId { get; set; }
        public string? EffectiveOn { get; set; }
        public string? Note { get; set; }
    }

    public sealed class RevealForm
    {
        public string? Field { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Form = MemberForm.From(await Db.Members.AsNoTracking().FirstAsync(m => m.Id == Id));
        // Masked viewers edit around the masked values (and an empty birth date): the server keeps what they did not
        // retype.
        if (View.Masked) (Form.IdNumber, Form.Phone, Form.BirthDate) = (View.IdNumber, View.Phone, null);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        if (!ModelState.IsValid) return await UnreadableAsync();
        // The form sends every field: an emptied phone or place means "clear", not "left out".
        var outcome = await EditMembers.UpdateAsync(Me, Db, clock, Id,
            Form.Body(0) with { Phone = Form.Phone ?? "", MobileWhere = Form.MobileWhere ?? "" });
        return await AfterAsync(outcome, "Form");
    }

    public async Task<IActionResult> OnPostTransferAsync()
    {
        if (!ModelState.IsValid) return await UnreadableAsync();
        var outcome =
            await EditMembers.TransferAsync(Me, Db, clock, Id,
            new TransferRequest(Move.ToOrgId, Move.EffectiveOn, Move.Note));
        return await AfterAsync(outcome, "Move");
    }

    /// <summary>查看完整信息: the whole value, in this answer only; the audit log keeps the reason.</summary>
    public async Task<IActionResult> OnPostRevealAsync()
    {
        var outcome = await Reveals.RevealAsync(Me, Db, Id, new RevealRequest(Reveal.Field, Reveal.Reason));
        if (outcome.Kind == OutcomeKind.NotFound || !await LoadAsync()) return NotFound();
        Form = MemberForm.From(await Db.Members.AsNoTracking().FirstAsync(m => m.Id == Id));
        if (View.Masked) (Form.IdNumber, Form.Phone, Form.BirthDate) = (View.IdNumber, View.Phone, null);
        if (outcome.IsOk) Revealed = outcome.Value;
        else ShowProblems(outcome, "Reveal");
        return Page();
    }

    /// <summary>A value the form could not read (letters in a number field) is an error, never a silent zero.</summary>
    async Task<IActionResult> UnreadableAsync() => await LoadAsync() ? Page() : NotFound();

    async Task<IActionResult> AfterAsync(Outcome<Member> outcome, string prefix)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect($"/Members/{Id}");
        }
        ShowProblems(outcome, prefix);
        await LoadAsync();
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var view = await MembersApi.FindAsync(Me, Db, Id, HttpContext.RequestAborted);
        if (view is null) return false;
        View = view;
        History = await EditMembers.HistoryAsync(Db, Id);
        if (Me.EditsMembers)
            Branches = await Me.Orgs(Db).AsNoTracking()
                .Where(o => (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch) && o.ClosedOn == null
                    && o.Id != view.OrgId)
                .OrderBy(o => o.Path).Take(2000).ToListAsync();
        return true;
    }
}
