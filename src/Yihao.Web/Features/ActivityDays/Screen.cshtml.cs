using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>The meeting screen: a QR code that changes every few seconds and the count of present over expected,
/// updating live.</summary>
public sealed class ScreenModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> options) : YihaoPage(db)
{
    readonly ActivityPolicy policy = options.Value;

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public ActivityDay Day { get; private set; } = null!;
    public string BranchName { get; private set; } = "";
    public int StepSeconds => policy.CodeStepSeconds;
    public int OpensBefore => policy.CheckInOpensMinutesBefore;

    /// <summary>When check-in opens; before then the screen says only that.</summary>
    public DateTime OpensAt => Day.StartsAt.AddMinutes(-OpensBefore);

    /// <summary>before, open or after: the window at the first paint (the polling keeps it current).</summary>
    public string Phase { get; private set; } = "before";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Phase = PhaseAt(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    string PhaseAt(DateTime now) =>
        CheckIns.WindowOpen(Day, policy, now) ? "open"
        : now < OpensAt ? "before"
        : "after";

    /// <summary>What the screen polls: the current code's link and the counts.</summary>
    public async Task<IActionResult> OnGetStatusAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var code = ActivityDaysApi.Code(Day, Request, clock, policy);
        var expected = await Expected.At(Db, Day.OrgId, Expected.DateOf(Day)).CountAsync();
        // Who is in the room, latest first: the secretary sees at a glance who has not come yet.
        var names = await Db
            .Attendances.Where(a => a.ActivityDayId == Day.Id && a.Status == AttendanceStatus.Present)
            .OrderByDescending(a => a.At)
            .ThenByDescending(a => a.Id)
            .Join(Db.Members, a => a.MemberId, m => m.Id, (a, m) => m.Name)
            .ToListAsync();
        var phase = PhaseAt(clock.GetUtcNow().UtcDateTime);
        var open = code.Open;
        return new JsonResult(
            new { code.Url, open, phase, present = names.Count, expected, names, token = code.Token });
    }

    /// <summary>The current code as a PNG; the query string only defeats caches.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var url = ActivityDaysApi.Code(Day, Request, clock, policy).Url;
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(10), "image/png");
    }

    async Task<bool> LoadAsync()
    {
        var day = await Plans.FindAsync(Me, Db, Id);
        if (day is null || !Plans.MayPlan(Me)) return false;
        Day = day;
        BranchName = await Db.Orgs.Where(o => o.Id == day.OrgId).Select(o => o.Name).FirstAsync();
        return true;
    }
}
