using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Deliberation;

/// <summary>One topic: its decision and whole history; a follow-up, done, or dropped with a reason.</summary>
public sealed class TopicModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public string? DoneOn { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public TopicView Topic { get; private set; } = null!;
    public bool Keeps => Topics.Keeps(Me);
    public bool FollowsUp => Keeps || (Me.IsMember && Topic.OwnerMemberId == Me.MemberId);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostFollowUpAsync() => RunAsync(() =>
        Topics.FollowUpAsync(Me, Db, clock, Id, new FollowUpRequest(DoneOn, What), null, HttpContext.RequestAborted),
        "Follow-up recorded.");

    public Task<IActionResult> OnPostDoneAsync() => RunAsync(() =>
        Topics.DoneAsync(Me, Db, clock, Id, new CloseRequest(What), HttpContext.RequestAborted),
        "Done: the topic is closed, its history kept.");

    public Task<IActionResult> OnPostDropAsync() => RunAsync(() =>
        Topics.DropAsync(Me, Db, clock, Id, new DropRequest(Reason), HttpContext.RequestAborted),
        "Dropped: the reason is kept in the history.");

    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, string done)
    {
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T(done);
            return Redirect($"/Deliberation/{Id}");
        }
        ShowProblems(outcome, "");
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        var outcome = await Topics.GetAsync(Me, Db, clock, Id, HttpContext.RequestAborted);
        if (!outcome.IsOk) return false;
        Topic = outcome.Value!;
        return true;
    }
}
