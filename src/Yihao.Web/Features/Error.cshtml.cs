using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features;

/// <summary>The page people see for a failed request (404, 403, a too-large upload, a server error), in their language,
/// with the status kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Message => Code switch
    {
        404 => L.T("Not found."),
        403 => L.T("Your role may not do this."),
        413 => L.T("The upload is too large."),
        400 => L.T("The request is malformed."),
        429 => L.T("Too many requests; wait a minute and try again."),
        _ => L.T("Something went wrong on the server; nothing was changed."),
    };

    public void OnGet(int? code) => Code = code ?? 500;

    public void OnPost(int? code) => Code = code ?? 500;
}
