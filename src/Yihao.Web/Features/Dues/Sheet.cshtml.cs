using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dues;

/// <summary>A branch's monthly collection sheet (党费收缴登记表), printable on A4.</summary>
public sealed class DuesSheetModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int BranchId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    public DuesSheet? Sheet { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return NotFound();
        var month = Month is null ? DuesLedger.ThisMonth(clock) : Plans.ParseMonth(Month);
        if (month is not { } m)
        {
            (Problem, m) = (L.T("Write the month as 2026-12."), DuesLedger.ThisMonth(clock));
        }
        var outcome = await DuesLedger.SheetAsync(Me, Db, BranchId, m, HttpContext.RequestAborted);
        if (!outcome.IsOk) return NotFound();
        Sheet = outcome.Value;
        return Page();
    }
}
