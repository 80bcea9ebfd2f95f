using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Account;

/// <summary>Choosing a new password; an account made with a printed first password lands here at its first
/// sign-in.</summary>
[Authorize]
public sealed class PasswordModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    IPasswordHasher<User> hasher,
    YihaoDb db
) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? New { get; set; }
    [BindProperty] public string? Again { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Required { get; private set; }
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Required = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Required = user.MustChangePassword;
        db.Actor.UserId = user.Id;
        db.Actor.UserName = user.UserName ?? "";
        if (string.IsNullOrEmpty(New) || New != Again) Problems.Add(L.T("The two new passwords differ."));
        else if (Required)
            await ReplaceFirstAsync(user, New);
        else if (New == Current) Problems.Add(L.T("Choose a password different from the old one."));
        else
        {
            var result = await users.ChangePasswordAsync(user, Current ?? "", New);
            if (!result.Succeeded)
                Problems.AddRange(
                    result.Errors.Select(e =>
                    L.T(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is wrong."
                        : Accounts.EditAccounts.PasswordProblem(e.Code))).Distinct());
        }
        if (Problems.Count > 0) return Page();
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // The new password gave the account a new stamp: the other browsers are signed out, this one signs in anew.
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect(Localization.IsLocal(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>
    /// The printed first password was typed a moment ago to sign in: asking for it again only slows a member who
    /// scanned a meeting's code. The new one passes the same rules and must differ from it.
    /// </summary>
    async Task ReplaceFirstAsync(User user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            Problems.AddRange(valid.Errors.Select(e => L.T(Accounts.EditAccounts.PasswordProblem(e.Code))));
        }
        if (Problems.Count == 0 && await users.CheckPasswordAsync(user, password))
            Problems.Add(L.T("Choose a password different from the old one."));
        if (Problems.Count > 0)
            return;
        user.PasswordHash = hasher.HashPassword(user, password); // the save below gives the account a new stamp
    }

    /// <summary>退出所有设备: every cookie and token of this account stops working, this browser's too.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await Auth.SignOutEverywhere.DoAsync(db, users, user, user);
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }
}
