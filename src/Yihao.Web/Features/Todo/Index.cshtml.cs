using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Todo;

/// <summary>待办: a branch secretary's and a town admin's first page, the month's work with its deadlines.</summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy) : YihaoPage(db)
{
    [BindProperty] public int BranchId { get; set; }
    [BindProperty] public string? Month { get; set; }
    public Org Node { get; private set; } = null!;
    public List<DueItem> Items { get; private set; } = [];
    public TownDue? Town { get; private set; }

    /// <summary>The supervision, service and dues items (<see cref="LedgerDue"/>).</summary>
    public List<DueItem> Ledger { get; private set; } = [];
    public string? Problem { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return Redirect("/Me");
        return await LoadAsync() ? Page() : Redirect("/Organizations");
    }

    /// <summary>催报 from the town's list: says whom it reached.</summary>
    public async Task<IActionResult> OnPostUrgeAsync()
    {
        var outcome = await Urging.UrgeAsync(Me, Db, clock, policy.Value, BranchId, Month);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            var r = outcome.Value!;
            var name = await Db.Orgs.Where(o => o.Id == r.BranchId).Select(o => o.Name).FirstAsync();
            Flash = L.T("Reminded {0}: {1} secretaries notified, {2} text messages queued.", name, r.Notified,
                r.Messages);
            return Redirect("/Todo");
        }
        Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        if (Me.Role is not (Roles.BranchSecretary or Roles.TownAdmin or Roles.Inspector)) return false;
        Node = await Db.Orgs.AsNoTracking().FirstAsync(o => o.Id == Me.OrgId);
        if (Me.Role == Roles.BranchSecretary) Items = await Due.ForBranchAsync(Db, clock, policy.Value, Node.Id);
        else if (Me.Role == Roles.TownAdmin) Town = await Due.ForTownAsync(Me, Db, clock, policy.Value);
        Ledger = await LedgerDue.ForAsync(Me, Db, clock, HttpContext.RequestAborted);
        return true;
    }

    public static string When(DateTime? utc) => utc is { } t ? DistrictTime.Local(t).ToString("MM-dd HH:mm") : "";
}
