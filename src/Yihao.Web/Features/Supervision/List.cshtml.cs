using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
    public string InspectedOn { get; private set; } = "";
    public string Inspector { get; private set; } = "";
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
                    Task.FromResult<Outcome<ProblemItem>>(Fail.Invalid("files", "Each file is at most 10 MB.")),
                    (_, _) => "");
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer);
            uploads.Add(new UploadedFile(buffer.ToArray(), f.FileName));
        }
        return await RunAsync(() => ProblemLists.AnswerAsync(Me, Db, store, clock, ItemId, Text, uploads),
            (n, _) => L.T("The rectification of item {0} is sent; it waits for the inspector's verification.", n));
    }

    public Task<IActionResult> OnPostAcceptAsync() =>
        RunAsync(() => ProblemLists.AcceptAsync(Me, Db, clock, ItemId, new ItemReview(Comment)),
            (n, list) => list.State == "closed"
                ? L.T("Item {0} is accepted; every item is, and the problem list is closed.", n)
                : L.T("Item {0} is accepted; {1} items are still open.", n, list.Open));

    public Task<IActionResult> OnPostReopenAsync() =>
        RunAsync(() => ProblemLists.ReopenAsync(Me, Db, clock, ItemId, new ItemReview(Comment)),
            (n, _) => L.T("Item {0} is reopened: the branch rectifies it again and sees your comment.", n));

    /// <summary>Runs an action on one item; on success says what it did (with the item's number and the list as it is
    /// now), on a problem shows the page again with what was typed.</summary>
    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, Func<int, ProblemListView, string> done)
    {
        if (!await LoadAsync()) return NotFound();
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            await LoadAsync();
            var n = (View.ItemList ?? []).Select((x, k) => (x.Id, k + 1)).FirstOrDefault(x => x.Id == ItemId).Item2;
            Flash = done(n, View);
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
        var inspection = await Db.Inspections.AsNoTracking()
            .Where(i => i.DistrictId == l.DistrictId && i.Id == l.InspectionId)
            .Select(i => new { i.PlannedOn, i.Inspector }).FirstAsync(HttpContext.RequestAborted);
        (InspectedOn, Inspector) = (inspection.PlannedOn.ToString("yyyy-MM-dd"), inspection.Inspector);
        return true;
    }
}
