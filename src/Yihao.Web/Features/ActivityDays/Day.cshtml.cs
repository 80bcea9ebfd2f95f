using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>One activity day: its plan and review, then on the day the attendance, leave, closing and
/// make-ups.</summary>
public sealed class DayModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> options, PersonalCodes codes,
    CheckInWriter writer) : YihaoPage(db)
{
    public const int AgendaRows = 6;
    readonly ActivityPolicy policy = options.Value;

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public PlanForm Plan { get; set; } = new();
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public int MemberId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PersonalCode { get; set; }
    [BindProperty] public string? DoneOn { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public SixMustsBody Musts { get; set; } = new(false, false, false, false, false, false, null);
    [BindProperty] public string? Caption { get; set; }
    public SixMustsView? SixMusts { get; private set; }
    public int PhotoCount { get; private set; }
    public DayCompliance? Compliance { get; private set; }

    public ActivityDay Day { get; private set; } = null!;
    public string BranchName { get; private set; } = "";
    public AttendanceSheet? Sheet { get; private set; }
    public List<(LeaveRequest Leave, string Name)> Leaves { get; private set; } = [];
    public List<MakeUpView> MakeUps { get; private set; } = [];
    public bool CanPlan => Plans.MayPlan(Me);
    public bool CanReview => Me.Role is Roles.TownAdmin or Roles.DistrictAdmin;
    public bool CheckInOpen => CheckIns.WindowOpen(Day, policy, clock.GetUtcNow().UtcDateTime);
    public bool Started => clock.GetUtcNow().UtcDateTime >= Day.StartsAt;

    public sealed class PlanForm
    {
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? Place { get; set; }
        public string? LiaisonLeader { get; set; }
        public string? StudyMaterial { get; set; }
        public List<AgendaInput> Agenda { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync() =>
        await RunAsync(SavePlanAsync, "Plan", "Draft saved. Submit it for review when it is ready.");

    /// <summary>
    /// 提交审核 submits what is on the screen: the plan form is saved and submitted in one transaction, so a secretary who
    /// fills it in and taps submit never sends the old values; a refused submit keeps what was typed on the form.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync() => await RunAsync(async () =>
    {
        await using var tx = await Db.Database.BeginTransactionAsync();
        var saved = await SavePlanAsync();
        if (!saved.IsOk) return saved;
        var submitted = await Plans.SubmitAsync(Me, Db, clock, policy, Id);
        if (submitted.IsOk) await tx.CommitAsync();
        return submitted;
    }, "Plan", "Submitted for review: the town's organization office reviews it next.",
        d => Task.FromResult<(string, string?)>((d.Late
            ? L.T("Submitted for review, late: the deadline was {0}. The town's organization office reviews it next.",
                policy.PlanDeadline(d.Month).ToString("MM-dd", CultureInfo.InvariantCulture))
            : L.T("Submitted for review: the town's organization office reviews it next."), null)));

    /// <summary>The last day to submit this plan, and whether it has passed (the submit button asks first).</summary>
    public DateOnly Deadline => policy.PlanDeadline(Day.Month);
    public bool PastDeadline => DistrictTime.Today(clock) > Deadline;

    Task<Outcome<ActivityDay>> SavePlanAsync() => Plans.UpdateAsync(Me, Db, clock, policy, Id,
        // Every field as the form holds it: an emptied field is "" (cleared), not null (kept).
        new PlanRequest(null, Plan.StartsAt ?? "", Plan.EndsAt ?? "", Plan.Place ?? "", Plan.LiaisonLeader ?? "",
            Plan.Agenda, Plan.StudyMaterial ?? ""));

    public async Task<IActionResult> OnPostApproveAsync() => await RunAsync(
        () => Plans.ReviewAsync(Me, Db, clock, policy, Id, new ReviewRequest(true, Comment)), "",
        "Approved: the notice is published and the branch's members are told.", async d =>
        {
            var told = await Db.Notifications.CountAsync(n => n.ActivityDayId == d.Id);
            var texts = await Db.Outbox.CountAsync(o => o.Key.StartsWith($"notice:{d.Id}:"));
            return await NextInQueueAsync(
                L.T("{0} {1}: approved, the notice is published, {2} members told ({3} by SMS).",
                BranchName, d.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), told, texts));
        });

    public async Task<IActionResult> OnPostReturnAsync() => await RunAsync(
        () => Plans.ReviewAsync(Me, Db, clock, policy, Id, new ReviewRequest(false, Comment)), "",
        "Returned: the branch secretary is told, with your comment.", async d =>
            await NextInQueueAsync(L.T("{0} {1}: returned, {2} branch secretaries told, with your comment.", BranchName,
                d.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                await Todo.SecretaryNotices.ReachableAsync(Db, d.OrgId))));

    /// <summary>After a decision the reviewer goes on to the next plan waiting, told what the last one came to.
    /// </summary>
    async Task<(string, string?)> NextInQueueAsync(string said)
    {
        var queue = (await ActivityDaysApi.ReviewQueueAsync(Me, Db, HttpContext.RequestAborted))
            .Where(q => q.Id != Id).ToList();
        return queue.Count == 0
            ? (said + " " + L.T("No more plans wait for review."),
                Me.Role == Roles.TownAdmin ? "/Todo" : "/ActivityDays")
            : (said + " " + L.T("Next: {0}, {1} plans waiting.", queue[0].OrgName, queue.Count),
                $"/ActivityDays/{queue[0].Id}");
    }

    public async Task<IActionResult> OnPostCheckInAsync() => await RunAsync(() =>
        CheckIns.BySecretaryAsync(Me, Db, clock, policy, codes, writer, Id,
            new ManualCheckIn(string.IsNullOrWhiteSpace(PersonalCode) ? MemberId : null, PersonalCode, Reason)));

    public async Task<IActionResult> OnPostLeaveAsync(int leaveId, bool approve) =>
        await RunAsync(() => DayClosing.DecideLeaveAsync(Me, Db, clock, leaveId, new LeaveDecide(approve)));

    public async Task<IActionResult> OnPostCloseAsync() => await RunAsync(
        () => DayClosing.CloseAsync(Me, Db, clock, policy, Id), "", "Saved.", async d =>
        {
            var sheet = await CheckIns.SheetAsync(Db, d);
            var owed = await Db.MakeUps.CountAsync(m => m.ActivityDayId == d.Id && m.DoneOn == null);
            var due = Expected.DateOf(d).AddDays(policy.MakeUpDays);
            return (L.T("The day is closed: {0} of {1} took part, {2} excused, {3} absent; {4} make-ups due by {5}.",
                sheet.Present + sheet.Online + sheet.AtDoor, sheet.Expected, sheet.Excused, sheet.Unexcused, owed,
                due.ToString("MM-dd", CultureInfo.InvariantCulture)), null);
        });

    public async Task<IActionResult> OnPostMakeUpAsync() =>
        await RunAsync(() => DayClosing.RecordMakeUpAsync(Me, Db, clock, Id, MemberId, new MakeUpDone(DoneOn, What)));

    public async Task<IActionResult> OnPostSixMustsAsync() =>
        await RunAsync(() => DayRecords.SaveSixMustsAsync(Me, Db, clock, Id, Musts));

    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, [FromServices] IFileStore store)
    {
        if (photo is null || photo.Length == 0 || photo.Length > DayPhoto.MaxBytes)
            return await RunAsync(() =>
                Task.FromResult<Outcome<DayPhoto>>(Fail.Invalid("file", "A photo is at most 5 MB.")));
        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer);
        var upload = new UploadedFile(buffer.ToArray(), photo.FileName);
        return await RunAsync(() => DayRecords.AddPhotoAsync(Me, Db, store, clock, Id, upload, Caption));
    }

    public async Task<IActionResult> OnPostDoorVisitAsync() =>
        await RunAsync(() => DayClosing.DoorVisitAsync(Me, Db, clock, policy, Id, new DoorVisitBody(MemberId, What)));

    /// <summary>Runs one action; success comes back to this page with a note, a problem stays on it with the
    /// reason.</summary>
    /// <param name="after">what the action came to, said with real counts, and where to go next (this page when
    /// null)</param>
    async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, string prefix = "", string done = "Saved.",
        Func<T, Task<(string Said, string? Next)>>? after = null)
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await action();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            var (said, next) = after is null ? (L.T(done), null) : await after(outcome.Value!);
            Flash = said;
            return Redirect(next ?? $"/ActivityDays/{Id}");
        }
        ShowProblems(outcome, prefix);
        await LoadAsync();
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        Db.ChangeTracker.Clear();
        var day = await Plans.FindAsync(Me, Db, Id);
        if (day is null || Me.IsMember) return false;
        Day = day;
        BranchName = await Db.Orgs.Where(o => o.Id == day.OrgId).Select(o => o.Name).FirstAsync();
        if (day.State is ActivityState.Approved or ActivityState.Closed)
        {
            Sheet = await CheckIns.SheetAsync(Db, day);
            SixMusts =
                SixMustsView.Of(await Db.SixMusts.AsNoTracking().FirstOrDefaultAsync(s => s.ActivityDayId == day.Id));
            PhotoCount = await Db.DayPhotos.CountAsync(p => p.ActivityDayId == day.Id);
            Compliance = DayCompliance.Of(
                day, SixMusts, PhotoCount, policy.PhotoRequired, clock.GetUtcNow().UtcDateTime);
            var today = DistrictTime.Today(clock);
            MakeUps =
                (await Db.MakeUps.AsNoTracking().Where(m => m.ActivityDayId == day.Id)
                .Join(Db.Members, m => m.MemberId, x => x.Id, (m, x) => new { m, x.Name }).ToListAsync())
                .Select(r =>
                    new MakeUpView(r.m.MemberId, r.Name, r.m.DueOn, r.m.DoneOn, r.m.What, r.m.IsOverdue(today)))
                    .ToList();
        }
        Leaves =
            (await Db.LeaveRequests.AsNoTracking().Where(l => l.ActivityDayId == day.Id)
            .Join(Db.Members, l => l.MemberId, m => m.Id, (l, m) => new { l, m.Name }).ToListAsync())
            .Select(x => (x.l, x.Name)).ToList();
        if (Plan.Place is null)
        {
            Plan = new PlanForm
            {
                StartsAt = DistrictTime.Local(day.StartsAt).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                EndsAt = DistrictTime.Local(day.EndsAt).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                Place = day.Place,
                LiaisonLeader = day.LiaisonLeader,
                StudyMaterial = day.StudyMaterial,
                Agenda = day.Agenda.OrderBy(a => a.Position)
                    .Select(a => new AgendaInput(Words.Camel(a.Category), a.Title)).ToList(),
            };
        }
        while (Plan.Agenda.Count < AgendaRows) Plan.Agenda.Add(new AgendaInput(null, null));
        return true;
    }
}
