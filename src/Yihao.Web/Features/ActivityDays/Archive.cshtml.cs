using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>The day's archive on one printable A4 page, and as a workbook.</summary>
public sealed class ArchiveModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public ArchiveData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ArchiveData.LoadAsync(Me, Db, clock, Id) is not { } data) return NotFound();
        Data = data;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (await ArchiveData.LoadAsync(Me, Db, clock, Id) is not { } data) return NotFound();
        return File(data.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{data.BranchName}-{data.Day.Month:yyyy-MM}-档案.xlsx");
    }

    public async Task<IActionResult> OnGetPhotoAsync(int photoId)
    {
        if (await Plans.FindAsync(Me, Db, Id) is null || Me.IsMember) return NotFound();
        var photo = await Db.DayPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.ActivityDayId == Id);
        return photo is null ? NotFound() : File(photo.Bytes, photo.ContentType);
    }
}
