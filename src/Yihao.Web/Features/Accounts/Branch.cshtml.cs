using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Liaison;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Accounts;

/// <summary>A branch's accounts: members' own accounts made at once (with printable first-password slips) and its
/// liaison leaders.</summary>
public sealed class BranchModel(YihaoDb db, UserManager<User> users, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int BranchId { get; set; }
    [BindProperty] public int UserId { get; set; }
    public Org? Branch { get; private set; }
    public int Members { get; private set; }
    public int WithAccount { get; private set; }
    public List<NewMemberAccount> Made { get; private set; } = [];
    public List<LiaisonView> Liaisons { get; private set; } = [];
    public List<(int Id, string Name)> LiaisonAccounts { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAccountsAsync()
    {
        var outcome = await MemberAccounts.CreateForBranchAsync(Me, Db, users, clock, BranchId);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk) Made = outcome.Value!;
        else Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAssignAsync() =>
        await AfterAsync((await Liaison.Liaisons.AssignAsync(Me, Db, clock, BranchId, new AssignRequest(UserId)))
        .Messages());

    public async Task<IActionResult> OnPostUnassignAsync() =>
        await AfterAsync((await Liaison.Liaisons.UnassignAsync(Me, Db, BranchId, UserId)).Messages());

    async Task<IActionResult> AfterAsync(IEnumerable<(string Field, string Message)> problems)
    {
        var list = problems.Select(p => p.Message).ToList();
        if (list.Count == 0) return Redirect($"/Accounts/Branch/{BranchId}");
        Problem = string.Join(" ", list);
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        Branch = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == BranchId);
        if (Branch is not { IsBranch: true } || !MemberAccounts.MayCreate(Me)) return false;
        Members = await Db.Members.CountAsync(m => m.OrgId == BranchId);
        WithAccount = await Db.Members.CountAsync(m => m.OrgId == BranchId && Db.Users.Any(u => u.MemberId == m.Id));
        Liaisons = await Liaison.Liaisons.ListAsync(Db, BranchId, null);
        if (Me.ManagesAccounts)
            LiaisonAccounts = (await Db.Users.AsNoTracking()
                .Where(u => u.Role == Roles.LiaisonLeader && Me.Orgs(Db).Any(o => o.Id == u.OrgId))
                .OrderBy(u => u.UserName)
                .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName! }).Take(500).ToListAsync())
                    .Select(u => (u.Id, u.Name)).ToList();
        return true;
    }
}
