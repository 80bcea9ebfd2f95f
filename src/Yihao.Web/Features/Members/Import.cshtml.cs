using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

[RequestSizeLimit(ImportRoster.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportRoster.MaxBytes + 64 * 1024)]
public sealed class ImportModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }
    public Org Branch { get; private set; } = null!;
    public ImportResult? Result { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (!await LoadAsync()) return NotFound();
        if (file is null || file.Length == 0) { Problem = L.T("Choose a file first."); return Page(); }
        if (file.Length > ImportRoster.MaxBytes) { Problem = L.T("The upload is too large."); return Page(); }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var outcome = await ImportRoster.RunAsync(Me, Db, clock, OrgId, buffer.ToArray());
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.IsOk) { Problem = string.Join(" ", outcome.Messages().Select(m => m.Message)); return Page(); }
        Result = outcome.Value;
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        Branch = (await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == OrgId))!;
        return Branch is not null;
    }
}
