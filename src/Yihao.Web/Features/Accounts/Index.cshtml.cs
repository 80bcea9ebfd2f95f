using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Accounts;

public sealed class IndexModel(YihaoDb db, UserManager<User> users, TimeProvider clock) : YihaoPage(db)
{
    public List<UserView> Accounts { get; private set; } = [];
    public List<Org> Orgs { get; private set; } = [];
    [BindProperty] public CreateUserRequest Form { get; set; } = new(null, null, Roles.BranchSecretary, 0, null, null);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Forbid();
        var outcome = await EditAccounts.CreateAsync(Me, Db, users, clock, Form);
        if (outcome.IsOk)
        {
            Flash = L.T("Account {0} created.", outcome.Value!.UserName);
            return Redirect("/Accounts");
        }
        ShowProblems(outcome);
        return Page();
    }

    /// <summary>退出所有设备 for an account in this admin's scope.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(int id)
    {
        if (!Me.ManagesAccounts) return Forbid();
        var outcome = await EditAccounts.SignOutEverywhereAsync(Me, Db, users, id);
        if (!outcome.IsOk) return NotFound();
        if (outcome.Value!.Id == Me.UserId) return Redirect("/Account/Login");
        Flash = L.T("Account {0} is signed out everywhere.", outcome.Value.UserName);
        return Redirect("/Accounts");
    }

    async Task<bool> LoadAsync()
    {
        if (!Me.ManagesAccounts) return false;
        Accounts = await EditAccounts.ListAsync(Me, Db, clock);
        Orgs = await Me.Orgs(Db).AsNoTracking().Where(o => o.ClosedOn == null).OrderBy(o => o.Path).Take(3000).ToListAsync();
        return true;
    }
}
