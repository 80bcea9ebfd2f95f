using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Service;

/// <summary>服务台账: the entries behind a count of the dashboard or 一年成效, for an org of the caller's tree, filtered
/// as the API's list (org, kind, period, state, count); the newest first, at most a page, the rest in the export.
/// </summary>
public sealed class LedgerModel(YihaoDb db) : YihaoPage(db)
{
    [FromQuery] public int? OrgId { get; set; }
    [FromQuery] public string? Kind { get; set; }
    [FromQuery] public string? Period { get; set; }
    [FromQuery] public string? State { get; set; }
    [FromQuery] public string? Metric { get; set; }

    public string OrgName { get; private set; } = "";
    public List<ServiceEntryView> Entries { get; private set; } = [];
    public Dictionary<int, string> Branches { get; private set; } = [];
    public string? Problem { get; private set; }

    public string Query => HttpContext.Request.QueryString.Value ?? "";

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var orgId = OrgId ?? Me.OrgId;
        if (await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org)
            return NotFound();
        OrgName = org.Name;
        var listed = await ServiceLedger.ListAsync(Me, Db, new ServiceFilter(orgId, Kind, Period, State, Metric), ct);
        if (listed.Kind == OutcomeKind.NotFound)
            return NotFound();
        if (!listed.IsOk)
        {
            Problem = string.Join(" ", listed.Messages().Select(m => m.Item2));
            return Page();
        }
        Entries = listed.Value!;
        var ids = Entries.Select(e => e.OrgId).Distinct().ToList();
        Branches = await Db.Orgs.AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return Page();
    }
}
