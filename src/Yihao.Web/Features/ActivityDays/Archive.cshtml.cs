using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>The day's archive on one printable A4 page, and as a workbook.</summary>
public sealed class ArchiveModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> options) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public ArchiveData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ArchiveData.LoadAsync(Me, Db, clock, options.Value, Id) is not { } data) return NotFound();
        Data = data;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (await ArchiveData.LoadAsync(Me, Db, clock, options.Value, Id) is not { } data) return NotFound();
        return File(data.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{data.BranchName}-{data.Day.Month:yyyy-MM}-档案.xlsx");
    }

    public async Task<IActionResult> OnGetPhotoAsync(int photoId, [FromServices] IFileStore store)
    {
        if (await DayRecords.PhotoFileAsync(Me, Db, Id, photoId) is not { } file) return NotFound();
        return new ServedFile(await StoredFiles.ServeAsync(HttpContext, store, file, null));
    }

    /// <summary>The store's answer, headers and all, from a page handler.</summary>
    sealed class ServedFile(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
