using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Deliberation;

/// <summary>The topic's fields as the edit form posts them (all of them: an emptied conclusion clears it).</summary>
public sealed class TopicForm
{
    public string? Raised { get; set; }
    public string? Conclusion { get; set; }
    public string? Decision { get; set; }
    public int? OwnerMemberId { get; set; }
    public string? DueOn { get; set; }
}

/// <summary>One topic: its decision and whole history; a follow-up, done, or dropped with a reason; its owner or
/// secretary corrects what it says.</summary>
public sealed class TopicModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public string? DoneOn { get; set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>The follow-up form's key: a doubled post records one follow-up.</summary>
    [BindProperty] public string? RequestKey { get; set; }
    [BindProperty] public TopicForm Edit { get; set; } = new();

    /// <summary>True after a failed edit, so that the form opens with what was typed.</summary>
    public bool Editing { get; private set; }

    /// <summary>The form whose post had a problem ("FollowUp", "Done" or "Drop"): it shows what was typed.</summary>
    public string? Failed { get; private set; }
    public List<(int Id, string Name)> Members { get; private set; } = [];
    public TopicView Topic { get; private set; } = null!;
    public bool Keeps => Topics.Keeps(Me);
    public bool FollowsUp => Keeps || (Me.IsMember && Topic.OwnerMemberId == Me.MemberId);

    public async Task<IActionResult> OnPostEditAsync()
    {
        var outcome = await Topics.EditAsync(Me, Db, clock, Id, new TopicEdit(Edit.Raised ?? "",
            Edit.Conclusion ?? "", Edit.Decision ?? "", Edit.OwnerMemberId, Edit.DueOn ?? ""),
            HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved: the topic is changed, the audit log keeps what it said before.");
            return Redirect($"/Deliberation/{Id}");
        }
        ShowProblems(outcome, nameof(Edit));
        Editing = true;
        return await LoadAsync(keepForm: true) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostFollowUpAsync() => RunAsync(() =>
        Topics.FollowUpAsync(Me, Db, clock, Id, new FollowUpRequest(DoneOn, What), RequestKey,
            HttpContext.RequestAborted),
        "Follow-up recorded.", "FollowUp");

    public Task<IActionResult> OnPostDoneAsync() => RunAsync(() =>
        Topics.DoneAsync(Me, Db, clock, Id, new CloseRequest(What), HttpContext.RequestAborted),
        "Done: the topic is closed, its history kept.", "Done");

    public Task<IActionResult> OnPostDropAsync() => RunAsync(() =>
        Topics.DropAsync(Me, Db, clock, Id, new DropRequest(Reason), HttpContext.RequestAborted),
        "Dropped: the reason is kept in the history.", "Drop");

    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, string done, string form)
    {
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T(done);
            return Redirect($"/Deliberation/{Id}");
        }
        ShowProblems(outcome, form);
        Failed = form;
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(bool keepForm = false)
    {
        var outcome = await Topics.GetAsync(Me, Db, clock, Id, HttpContext.RequestAborted);
        if (!outcome.IsOk) return false;
        Topic = outcome.Value!;
        RequestKey ??= Guid.NewGuid().ToString("N");
        if (Topic.State != "open" || !FollowsUp) return true;
        // The owner may be handed to any member of the topic's branch.
        Members = [.. (await Db.Members.AsNoTracking().Where(m => m.OrgId == Topic.OrgId)
                .OrderBy(m => m.Name).ThenBy(m => m.Id).Select(m => new { m.Id, m.Name })
                .ToListAsync(HttpContext.RequestAborted))
            .Select(m => (m.Id, m.Name))];
        if (Members.All(m => m.Id != Topic.OwnerMemberId)) Members.Insert(0, (Topic.OwnerMemberId, Topic.OwnerName));
        if (!keepForm)
            Edit = new TopicForm
            {
                Raised = Topic.Raised,
                Conclusion = Topic.Conclusion,
                Decision = Topic.Decision,
                OwnerMemberId = Topic.OwnerMemberId,
                DueOn = $"{Topic.DueOn:yyyy-MM-dd}",
            };
        return true;
    }
}
