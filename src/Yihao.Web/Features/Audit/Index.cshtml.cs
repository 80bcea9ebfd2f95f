using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Audit;

public sealed class IndexModel(YihaoDb db) : YihaoPage(db)
{
    public AuditPage Entries { get; private set; } = null!;
    public ChainCheck? Check { get; private set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }

    public async Task<IActionResult> OnGetAsync(bool verify = false)
    {
        if (!Me.IsDistrictAdmin) return Forbid();
        Entries = await AuditApi.ListAsync(Me, Db, Entity, EntityId, PageNumber, 50, HttpContext.RequestAborted);
        if (verify) Check = await AuditApi.VerifyAsync(Db, HttpContext.RequestAborted);
        return Page();
    }
}
