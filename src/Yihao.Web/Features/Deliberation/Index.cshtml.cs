using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Deliberation;

/// <summary>The deliberation topics under the user's node (a town sees its branches' open and overdue ones); the
/// secretary raises a topic from a deliberation item of a held day, and puts an open one on the next plan.</summary>
public sealed class DeliberationIndexModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy)
    : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty] public RaiseForm Form { get; set; } = new();
    public List<TopicView> Topics { get; private set; } = [];
    public List<(int Id, string Title)> Items { get; private set; } = [];
    public List<(int Id, string Name)> Members { get; private set; } = [];

    public sealed class RaiseForm
    {
        public int AgendaItemId { get; set; }
        public string? Raised { get; set; }
        public string? Conclusion { get; set; }
        public string? Decision { get; set; }
        public int? OwnerMemberId { get; set; }
        public string? DueOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await Deliberation.Topics.RaiseAsync(Me, Db, clock, new RaiseRequest(Form.AgendaItemId,
            Form.Raised, Form.Conclusion, Form.Decision, Form.OwnerMemberId, Form.DueOn), HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            Flash = L.T("Topic raised: {0} follows it up by {1}.", (await Deliberation.Topics.ViewsAsync(Db, clock,
                [outcome.Value.Topic], HttpContext.RequestAborted))[0].OwnerName, L.Date(outcome.Value.Topic.DueOn));
            return Redirect($"/Deliberation/{outcome.Value.Topic.Id}");
        }
        ShowProblems(outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>One tap on the plan page: the open topic goes on the draft's agenda, and back to the plan.</summary>
    public async Task<IActionResult> OnPostAgendaAsync(int id, int dayId)
    {
        var outcome = await Deliberation.Topics.ToAgendaAsync(Me, Db, clock, policy.Value, id,
            new ToAgendaRequest(dayId), HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        Flash = outcome.IsOk ? L.T("Put on the agenda as a deliberation item.")
            : string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Redirect($"/ActivityDays/{dayId}");
    }

    async Task<bool> LoadAsync()
    {
        var listed = await Deliberation.Topics.ListAsync(Me, Db, clock, null, State, HttpContext.RequestAborted);
        if (!listed.IsOk) return false;
        Topics = listed.Value!;
        if (Me.Role != Roles.BranchSecretary) return true;
        var taken = Db.DeliberationTopics.Where(t => t.DistrictId == Me.DistrictId && t.OrgId == Me.OrgId)
            .Select(t => t.AgendaItemId);
        Items = (await Db.AgendaItems.AsNoTracking()
                .Where(a => a.Category == AgendaCategory.Deliberation && !taken.Contains(a.Id))
                .Join(Db.ActivityDays.Where(d => d.OrgId == Me.OrgId
                        && (d.State == ActivityState.Approved || d.State == ActivityState.Closed)),
                    a => a.ActivityDayId, d => d.Id, (a, d) => new { a.Id, a.Title, d.Month })
                .OrderByDescending(x => x.Month).Take(50).ToListAsync())
            .Select(x => (x.Id, $"{x.Month:yyyy-MM} {x.Title}")).ToList();
        Members = (await Db.Members.AsNoTracking().Where(m => m.OrgId == Me.OrgId).OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name }).ToListAsync()).Select(m => (m.Id, m.Name)).ToList();
        Form.DueOn ??= L.Date(DistrictTime.Today(clock).AddMonths(1));
        return true;
    }
}
