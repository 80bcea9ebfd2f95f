using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

public sealed class NewModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }
    [BindProperty] public MemberForm Form { get; set; } = new();
    public Org Branch { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await EditMembers.CreateAsync(Me, Db, clock, Form.Body(OrgId));
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect($"/Members/{outcome.Value!.Id}");
        }
        ShowProblems(outcome);
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        Branch = (await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == OrgId))!;
        return Branch is not null;
    }
}
