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
    public int Total { get; private set; }
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? MemberQ { get; set; }
    public List<(int Id, string Name, string Branch, bool HasAccount)> FoundMembers { get; private set; } = [];
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string PageLink(int page)
    {
        var query = new Dictionary<string,
            string?>
        { ["q"] = Q, ["role"] = Role, ["sort"] = Sort, ["p"] = page.ToString() };
        return "/Accounts"
            + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(x => !string.IsNullOrEmpty(x.Value)));
    }
    public List<Org> Orgs { get; private set; } = [];
    [BindProperty] public CreateUserRequest Form { get; set; } = new(null, null, Roles.BranchSecretary, 0, null, null);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Forbid();
        var outcome = await EditAccounts.CreateAsync(Me, Db, users, clock, Form with { MustChangePassword = true });
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
        PageNumber = Math.Max(1, PageNumber);
        (Accounts, Total) = await EditAccounts.PageAsync(Me, Db, clock,
            new EditAccounts.AccountFilter(Q, Role, Sort, (PageNumber - 1) * PageSize, PageSize));
        FoundMembers = await EditAccounts.FindMembersAsync(Me, Db, MemberQ);
        Orgs = await Me.Orgs(Db).AsNoTracking().Where(o => o.ClosedOn == null).OrderBy(o => o.Path).Take(3000)
            .ToListAsync();
        return true;
    }
}
