using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>The warnings under the user's node, filtered by level, status, kind and month; one warning's follow-ups and
/// the form to add one.</summary>
public sealed class WarningsModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public const int PageSize = 30;
    public int PageCount => List is { Total: > 0 } l ? (l.Total + PageSize - 1) / PageSize : 1;
    public int FirstShown => List is { Items.Count: > 0 } ? (PageNumber - 1) * PageSize + 1 : 0;
    public int LastShown => (PageNumber - 1) * PageSize + (List?.Items.Count ?? 0);

    /// <summary>This list's address on another page, with the same filters and sort.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["orgId"] = OrgId?.ToString(),
            ["level"] = Level,
            ["status"] = Status,
            ["kind"] = Kind,
            ["month"] = Month,
            ["q"] = Q,
            ["sort"] = Sort,
            ["p"] = page.ToString(),
        };
        var kept = query.Where(x => !string.IsNullOrEmpty(x.Value));
        return "/Warnings" + Microsoft.AspNetCore.Http.QueryString.Create(kept);
    }
    [BindProperty] public FollowUpRequest Form { get; set; } = new(null, null, null);
    public WarningList? List { get; private set; }
    public WarningItem? One { get; private set; }
    public List<WarningItem> New { get; private set; } = [];
    public string Today => DistrictTime.Today(clock).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return Redirect("/Me");
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Id is not { } id) return NotFound();
        var outcome = await Warnings.FollowUpAsync(Me, Db, clock, id, Form);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect($"/Warnings/{id}");
        }
        ShowProblems(outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        if (Id is { } id)
        {
            if (await Warnings.FindAsync(Me, Db, id, HttpContext.RequestAborted) is not { } w) return false;
            One = await Warnings.ViewAsync(Db, w, HttpContext.RequestAborted);
            return true;
        }
        New = await Warnings.UnreadAsync(Me, Db, clock, markRead: true, HttpContext.RequestAborted);
        PageNumber = Math.Max(1, PageNumber);
        var filter = new Warnings.Filter(OrgId, Level, Status, Kind, Month, (PageNumber - 1) * PageSize, PageSize, Q,
            Sort);
        var outcome = await Warnings.ListAsync(Me, Db, filter, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return false;
        if (outcome.IsOk) List = outcome.Value;
        else ShowProblems(outcome, "");
        return true;
    }
}
