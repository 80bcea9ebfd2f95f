using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Features.Liaison;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.CheckIn;

/// <summary>Where a member lands after scanning: a fresh scan checks them in as soon as they are signed in (no further
/// tap), once, however often they scan. Without a proof the page says to scan again.</summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy,
    IDataProtectionProvider dp, MeetingFacts meetings, CheckInWriter writer) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int DayId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Expired { get; set; }
    public ActivityDay? Day { get; private set; }
    public string? BranchName { get; private set; }
    public Attendance? Done { get; private set; }
    /// <summary>For an assigned liaison leader: when they checked in at this meeting.</summary>
    public DateTime? LiaisonDone { get; private set; }
    public string? Problem { get; private set; }
    public bool Scanned => ScanEndpoint.Proof(Request, dp, DayId) is not null;

    /// <summary>Who is checked in, as the confirmation names them.</summary>
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // The scan was the member's act; signing in (and choosing a password) came between it and this page.
        if (Done is null && LiaisonDone is null && !Expired && Scanned) return await CheckInAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return await CheckInAsync();
    }

    async Task<IActionResult> CheckInAsync()
    {
        var nonce = ScanEndpoint.Proof(Request, dp, DayId);
        if (Me.Role == Roles.LiaisonLeader)
        {
            // One scan proves one person's presence: a liaison leader's claim is kept apart from every member id.
            var liaison =
                await Liaisons.CheckInAsync(Me, Db, clock, policy.Value, writer, DayId,
                _ => nonce is not null && ScanEndpoint.Claim(nonce, -Me.UserId));
            if (liaison.IsOk) LiaisonDone = liaison.Value!.LiaisonCheckedInAt;
            else Problem = string.Join(" ", liaison.Messages().Select(m => m.Message));
            return Page();
        }
        var me = Me.MemberId!.Value;
        var outcome =
            await CheckIns.SelfAsync(clock, policy.Value, meetings, writer, DayId, me,
            _ => nonce is not null && ScanEndpoint.Claim(nonce, me), DeviceKey.Ensure(HttpContext));
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Done = outcome.Value;
            Response.Cookies.Delete(ScanEndpoint.CookieName(DayId));
        }
        else Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        if (Me.Role == Roles.LiaisonLeader)
        {
            Day = await Db.ActivityDays.AsNoTracking()
                .FirstOrDefaultAsync(d => d.Id == DayId
                && Db.LiaisonAssignments.Any(a => a.UserId == Me.UserId && a.OrgId == d.OrgId));
            if (Day is null) return false;
            BranchName = await Db.Orgs.Where(o => o.Id == Day.OrgId).Select(o => o.Name).FirstAsync();
            LiaisonDone ??= Day.LiaisonCheckedInAt;
            PersonName = await Db.Users.Where(u => u.Id == Me.UserId).Select(u => u.DisplayName ?? u.UserName!)
                .FirstAsync();
            return true;
        }
        if (Me.MemberId is not { } me) return false;
        Day = await Db.ActivityDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == DayId);
        if (Day is null || !await Expected.At(Db, Day.OrgId, Expected.DateOf(Day))
            .AnyAsync(m => m.Id == me)) return false;
        BranchName = await Db.Orgs.Where(o => o.Id == Day.OrgId).Select(o => o.Name).FirstAsync();
        PersonName = await Db.Members.Where(m => m.Id == me).Select(m => m.Name).FirstAsync();
        Done ??= await Db.Attendances.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ActivityDayId == DayId && a.MemberId == me);
        return true;
    }
}
