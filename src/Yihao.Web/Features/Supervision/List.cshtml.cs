using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>A problem list, printable on A4 for the branch: its items with their history; the secretary's answer with
/// evidence, the supervisor's accept or reopen.</summary>
public sealed class ListModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int ItemId { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public ProblemListView View { get; private set; } = null!;
    public bool Supervises => Inspections.Supervises(Me);
    public bool Answers => Me.Role == Roles.BranchSecretary && View.OrgId == Me.OrgId;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(List<IFormFile> files, [FromServices] IFileStore store)
    {
        var uploads = new List<UploadedFile>();
        foreach (var f in files.Where(f => f.Length > 0))
        {
            if (f.Length > ProblemEvidence.MaxBytes)
                return await RunAsync(() =>
                    Task.FromResult<Outcome<ProblemItem>>(Fail.Invalid("files", "Each file is at most 10 MB.")));
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer);
            uploads.Add(new UploadedFile(buffer.ToArray(), f.FileName));
        }
        return await RunAsync(() => ProblemLists.AnswerAsync(Me, Db, store, clock, ItemId, Text, uploads));
    }

    public Task<IActionResult> OnPostAcceptAsync() =>
        RunAsync(() => ProblemLists.AcceptAsync(Me, Db, clock, ItemId, new ItemReview(Comment)));

    public Task<IActionResult> OnPostReopenAsync() =>
        RunAsync(() => ProblemLists.ReopenAsync(Me, Db, clock, ItemId, new ItemReview(Comment)));

    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action)
    {
        if (!await LoadAsync()) return NotFound();
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect($"/Supervision/Lists/{Id}");
        }
        ShowProblems(outcome, "");
        await LoadAsync();
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        Db.ChangeTracker.Clear();
        if (await ProblemLists.FindAsync(Me, Db, Id, HttpContext.RequestAborted) is not { } l) return false;
        View = await ProblemLists.ViewAsync(Db, clock, l, HttpContext.RequestAborted);
        return true;
    }
}
