using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using QRCoder;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Me;

/// <summary>A member's phone view (我的): the next activity day and its notice, leave, the study note, my code, my
/// history.</summary>
public sealed partial class IndexModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy, PersonalCodes codes)
    : YihaoPage(db)
{
    public MeView View { get; private set; } = null!;
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Report { get; set; }
    public List<ThoughtReportView> Reports { get; private set; } = [];
    public string? ThisMonthsReport =>
        Reports.FirstOrDefault(r => r.Month == DistrictTime.Today(clock).ToString("yyyy-MM"))?.Text;
    public string? Problem { get; private set; }
    public bool BeforeStart => View.Next is { } n && clock.GetUtcNow() < n.Day.StartsAt;
    public DateTimeOffset Now => clock.GetUtcNow();
    public List<MyStar> Stars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.MemberId is not { } me) return Redirect("/Organizations");
        View = await MeApi.LoadAsync(Db, clock, me, HttpContext.RequestAborted);
        await LoadRestAsync(me);
        // Opening the page is reading the notices on it.
        foreach (var n in View.Notifications.Where(n => n.ReadAt is null)) await Notices.MarkReadAsync(Db, clock, me,
            n.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(int dayId) =>
        await AfterAsync(L.T("Leave asked for; the secretary decides and you will get a notice."), async me =>
            (await DayClosing.AskLeaveAsync(Db, clock, dayId, me, new LeaveAsk(Reason))).Messages());

    public async Task<IActionResult> OnPostNoteAsync(int dayId) =>
        await AfterAsync(L.T("Study note handed in; the secretary can read it."), async me =>
            (await DayClosing.SubmitNoteAsync(Db, clock, policy.Value, dayId, me, new StudyNoteBody(Note))).Messages());

    public async Task<IActionResult> OnPostReportAsync() =>
        await AfterAsync(L.T("Thought report handed in for this month."), async _ =>
            (await ThoughtReports.SubmitAsync(Me, Db, clock, new ThoughtReportBody(Report))).Messages());

    /// <summary>
    /// What a month's make-up says to the member: when it was done (and that it was late), or by when it is owed, and
    /// once that date has passed, that it is overdue: a July absence read "2026-07-16 前补课" in November as if there were
    /// still time.
    /// </summary>
    public static string MakeUp(HistoryRow h) => (h.MakeUpDone, h.MakeUpDue) switch
    {
        ({ } done, _) => h.MakeUpOverdue ? L.T("{0}, made up late", L.Date(done)) : L.Date(done),
        (null, { } due) => h.MakeUpOverdue ? L.T("Overdue: it was due by {0}", L.Date(due))
            : L.T("due {0}", L.Date(due)),
        _ => "",
    };

    /// <summary>Red while a make-up is owed past its date; one made up, late or not, is settled.</summary>
    public static string? MakeUpClass(HistoryRow h) => h.MakeUpOverdue && h.MakeUpDone is null ? "overdue" : null;

    /// <summary>My personal code as a QR image, for the secretary to scan when I have no phone of my own at
    /// hand.</summary>
    public IActionResult OnGetCode()
    {
        if (Me.MemberId is not { } me) return NotFound();
        using var data = QRCodeGenerator.GenerateQrCode(codes.For(me), QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    async Task<IActionResult> AfterAsync(string done,
        Func<int, Task<IEnumerable<(string Field, string Message)>>> action)
    {
        if (Me.MemberId is not { } me) return NotFound();
        var problems = (await action(me)).Select(p => p.Message).ToList();
        if (problems.Count == 0)
        {
            Flash = done;
            return Redirect("/Me");
        }
        Problem = string.Join(" ", problems);
        View = await MeApi.LoadAsync(Db, clock, me, HttpContext.RequestAborted);
        await LoadRestAsync(me);
        return Page();
    }

    async Task LoadRestAsync(int me)
    {
        Reports = await ThoughtReports.MineAsync(Db, me, HttpContext.RequestAborted);
        Stars = await MyStars.LoadAsync(Db, clock, me, HttpContext.RequestAborted);
        await LoadServingAsync();
    }

    TimeProvider Clock => clock;
}
