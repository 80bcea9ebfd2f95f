using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Auth;
using Yihao.Web.Features.CheckIn;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Account;

/// <summary>The sign-in page. Its views are never rate-limited (every member lands here after scanning); its posts
/// are.</summary>
[EnableRateLimiting(Security.SignInLimit)]
public sealed partial class LoginModel(
    SignInManager<User> signIn,
    SignIn check,
    DeviceCookies devices,
    YihaoDb db,
    IDataProtectionProvider dp
) : PageModel
{
    /// <summary>The meeting a scan brought the member here for: branch, month, start and place.</summary>
    public sealed record ScannedMeeting(string Branch, DateOnly Month, DateTime StartsAt, string Place);

    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }
    public ScannedMeeting? Meeting { get; private set; }

    /// <summary>A slip's QR code names its account (?u=), so the member types only the password.</summary>
    public async Task OnGetAsync(string? u)
    {
        Username ??= u is { Length: <= 256 } ? u : null;
        await FindMeetingAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = await check.CheckAsync(HttpContext, Username, Password, null);
        if (attempt.User is not { } user)
        {
            Problem = attempt.Message;
            if (attempt.Throttled)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                attempt.SetRetryAfter(Response);
            }
            await FindMeetingAsync();
            return Page();
        }
        devices.Set(Response, user.Id, attempt.DeviceToken!);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>After a scan the page says which meeting signing in checks the member in to; only a fresh scan proof
    /// of that day shows it, so the page tells a passer-by nothing.</summary>
    async Task FindMeetingAsync()
    {
        if (ReturnUrl is null || CheckInPath().Match(ReturnUrl) is not { Success: true } match)
            return;
        if (!int.TryParse(match.Groups[1].Value, out var dayId) || ScanEndpoint.Proof(Request, dp, dayId) is null)
            return;
        Meeting = await db
            .ActivityDays.AsNoTracking()
            .Where(d => d.Id == dayId)
            .Join(db.Orgs, d => d.OrgId, o => o.Id, (d, o) => new ScannedMeeting(o.Name, d.Month, d.StartsAt, d.Place))
            .FirstOrDefaultAsync();
    }

    [GeneratedRegex("^/CheckIn/([0-9]{1,9})$")]
    private static partial Regex CheckInPath();
}
