using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>A drawn sample: seed, algorithm, candidates and weights, the picks, and whether drawing again from what was
/// stored gives the same.</summary>
public sealed class SampleModel(YihaoDb db) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public SampleView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var d = await Samples.Visible(Me, Db).AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == Id, HttpContext.RequestAborted);
        if (d is null) return NotFound();
        View = await Samples.ViewAsync(Db, d, true, HttpContext.RequestAborted);
        return Page();
    }
}
