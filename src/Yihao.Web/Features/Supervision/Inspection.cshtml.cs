using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>One inspection: what it is, the form to record it (the district's checklist, findings, outcome), a phone
/// check's call sheet, and issuing its problem list.</summary>
public sealed class InspectionModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public List<bool> Ok { get; set; } = [];
    [BindProperty] public List<string?> Notes { get; set; } = [];
    [BindProperty] public string? FindingsText { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public CallRequest Call { get; set; } = new(null, null, null, null);
    [BindProperty] public List<int> Issue { get; set; } = [];
    [BindProperty] public List<string?> Severity { get; set; } = [];

    public InspectionView View { get; private set; } = null!;
    public List<string> Checklist { get; private set; } = [];
    public List<CallSheetRow>? Sheet { get; private set; }
    public string? SheetProblem { get; private set; }
    public bool Supervises => Inspections.Supervises(Me);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(sheet: true) ? Page() : NotFound();

    public Task<IActionResult> OnPostRecordAsync() => RunAsync(() =>
    {
        var items =
            Checklist.Select((c, k) => new CheckItem(c, k < Ok.Count && Ok[k], k < Notes.Count ? Notes[k] : null))
            .ToList();
        var findings = (FindingsText ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return Inspections.RecordAsync(Me, Db, clock, Id, new RecordRequest(items, findings, Outcome));
    }, _ => View.Findings.Count == 0 ? L.T("The inspection is recorded; nothing was found.")
        : L.T("The inspection is recorded with {0} findings: issue them to the branch below.", View.Findings.Count));

    public Task<IActionResult> OnPostCallAsync() => RunAsync(() => PhoneChecks.RecordAsync(Me, Db, clock, Id, Call),
        c => !c.Call.Reached ? L.T("The call is recorded: not reached.")
            : c.Call.Agrees ? L.T("The call is recorded: the member's answer fits the record.")
            : L.T("The call is recorded: the member's answer disagrees with the record and is now a finding."));

    public async Task<IActionResult> OnPostIssueAsync()
    {
        if (!await LoadAsync(sheet: false)) return NotFound();
        var items = View.Findings.Select((f, k) => (f, k)).Where(x => Issue.Contains(x.f.Id))
            .Select(x => new IssueItem(x.f.Id, null, x.k < Severity.Count ? Severity[x.k] : null, null)).ToList();
        var outcome = await ProblemLists.IssueAsync(Me, Db, clock, Id, new IssueRequest(items));
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("The problem list with {0} items is issued to {1}; its secretary sees it under To do.",
                outcome.Value!.List.Items.Count, View.Branch);
            return Redirect($"/Supervision/Lists/{outcome.Value!.List.Id}");
        }
        ShowProblems(outcome, "");
        await LoadAsync(sheet: true);
        return Page();
    }

    /// <summary>Runs an action; on success says what it did (read from its result and the inspection as it is
    /// now).</summary>
    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, Func<T, string> done)
    {
        if (!await LoadAsync(sheet: false)) return NotFound();
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            await LoadAsync(sheet: false);
            Flash = done(outcome.Value!);
            return Redirect($"/Supervision/Inspections/{Id}");
        }
        ShowProblems(outcome, "");
        await LoadAsync(sheet: true);
        return Page();
    }

    async Task<bool> LoadAsync(bool sheet)
    {
        Db.ChangeTracker.Clear();
        var ct = HttpContext.RequestAborted;
        if (await Inspections.FindAsync(Me, Db, Id, ct) is not { } i) return false;
        View = await Inspections.ViewAsync(Db, i, ct);
        Checklist = [.. (await Inspections.RuleAsync(Db, Me.DistrictId, clock, ct)).Checklist.Select(L.T)];
        if (sheet && Supervises && i.Kind == InspectionKind.PhoneCheck)
        {
            var s = await PhoneChecks.CallSheetAsync(Me, Db, Id, ct);
            if (s.IsOk) Sheet = s.Value;
            else SheetProblem = string.Join(" ", s.Messages().Select(m => m.Message));
        }
        return true;
    }
}
