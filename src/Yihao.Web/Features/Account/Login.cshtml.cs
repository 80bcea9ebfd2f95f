using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Yihao.Web.Domain;
using Yihao.Web.Features.Auth;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Account;

/// <summary>The sign-in page. Its views are never rate-limited (every member lands here after scanning); its posts
/// are.</summary>
[EnableRateLimiting(Security.SignInLimit)]
public sealed class LoginModel(SignInManager<User> signIn, SignIn check, DeviceCookies devices) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public void OnGet() { }

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
            return Page();
        }
        devices.Set(Response, user.Id, attempt.DeviceToken!);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
