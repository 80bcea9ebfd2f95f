using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>
/// Supervision's home: for an inspector (and the district admin) what is planned, the samples drawn, what is to be
/// recorded and the problem lists waiting for verification; for a town admin its branches' lists, open and overdue;
/// for a branch secretary the branch's lists and what is due.
/// </summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty] public InspectionRequest Plan { get; set; } = new(null, null, null, null, null);
    [BindProperty] public SampleRequest Draw { get; set; } = new(null, null, null, null, null);

    public bool Supervises => Inspections.Supervises(Me);
    public InspectionList? Planned { get; private set; }
    public InspectionList? Recent { get; private set; }
    public List<SampleView> Samples { get; private set; } = [];
    public IReadOnlyList<AnomalyView> Anomalies { get; private set; } = [];
    public ProblemListPage? ToVerify { get; private set; }
    public ProblemListPage? Lists { get; private set; }
    public List<(int Id, string Name)> Branches { get; private set; } = [];
    public List<(int Id, string Name)> Nodes { get; private set; } = [];
    public string Today => DistrictTime.Today(clock).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPlanAsync()
    {
        var outcome = await Inspections.PlanAsync(Me, Db, clock, Plan);
        if (outcome.IsOk)
        {
            var (row, made) = (outcome.Value!.Inspection, outcome.Value!.New);
            Flash = made ? L.T("The inspection is planned for {0}; record it here when it is done.",
                    row.PlannedOn.ToString("yyyy-MM-dd"))
                : L.T("This inspection was planned already; here it is.");
            return Redirect($"/Supervision/Inspections/{row.Id}");
        }
        ShowProblems(outcome, "Plan");
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDrawAsync()
    {
        var outcome = await Supervision.Samples.DrawAsync(Me, Db, clock, Draw);
        if (outcome.IsOk)
        {
            Flash = L.T("The sample is drawn and stored with its seed; anyone can draw it again to check it.");
            return Redirect($"/Supervision/Samples/{outcome.Value!.Draw.Id}");
        }
        ShowProblems(outcome, "Draw");
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        if (!Inspections.Reads(Me)) return false;
        Db.ChangeTracker.Clear();
        var ct = HttpContext.RequestAborted;
        var lists =
            await ProblemLists.ListAsync(Me, Db, clock, new ProblemLists.Filter(OrgId, null, null, null, 0, 200), ct);
        if (lists.Kind == OutcomeKind.NotFound) return false;
        Lists = lists.Value;
        Recent = (await Inspections.ListAsync(Me, Db, new Inspections.Filter(OrgId, null, "recorded", 0, 50), ct))
            .Value;
        Planned = (await Inspections.ListAsync(Me, Db, new Inspections.Filter(OrgId, null, "planned", 0, 200), ct))
            .Value;
        if (!Supervises) return true;
        ToVerify =
            (await ProblemLists.ListAsync(Me, Db, clock, new ProblemLists.Filter(OrgId, "open", null, true, 0, 200),
            ct)).Value;
        Anomalies = (await Supervision.Anomalies.ListAsync(Me, Db, clock, null, OrgId, null, ct)).Value ?? [];
        foreach (var d in await Supervision.Samples.Visible(Me, Db).AsNoTracking().OrderByDescending(d => d.Id).Take(20)
            .ToListAsync(ct))
            Samples.Add(await Supervision.Samples.ViewAsync(Db, d, false, ct));
        var orgs = await Me.Orgs(Db).AsNoTracking().Where(o => o.ClosedOn == null).OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct);
        Branches = [.. orgs.Where(o => o.Kind.IsBranch()).Select(o => (o.Id, o.Name))];
        Nodes = [.. orgs.Where(o => !o.Kind.IsBranch()).Select(o => (o.Id, o.Name))];
        return true;
    }
}
