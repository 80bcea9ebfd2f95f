using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

/// <summary>A signed-in page: resolves the user's scope before any handler runs.</summary>
public abstract class YihaoPage(YihaoDb db) : PageModel
{
    protected YihaoDb Db => db;
    public Scope Me { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var scope = await Scope.ForAsync(User, db, HttpContext.RequestAborted);
        if (scope is null)
        {
            context.Result = Challenge();
            return;
        }
        Me = scope;
        if (scope.MustChangePassword)
        {
            context.Result =
                Redirect("/Account/Password?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        await next();
    }

    /// <summary>Shows an outcome's problems on the form; the field names match the inputs' "Form.X" names.</summary>
    protected void ShowProblems<T>(Outcome<T> outcome, string prefix = "Form")
    {
        foreach (var (field, message) in outcome.Messages())
            ModelState.AddModelError(field.Length == 0 ? ""
                : $"{(prefix.Length == 0 ? "" : prefix + ".")}{char.ToUpperInvariant(field[0])}{field[1..]}", message);
    }

    [TempData]
    public string? Flash { get; set; }
}
