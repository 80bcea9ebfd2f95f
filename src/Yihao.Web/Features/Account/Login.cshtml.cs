using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Auth;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Account;

[EnableRateLimiting(Security.SignInLimit)]
public sealed class LoginModel(SignInManager<User> signIn, YihaoDb db) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, problem) = await AuthApi.CheckPasswordAsync(signIn, db, Username, Password);
        if (user is null)
        {
            Problem = L.T(problem!);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
