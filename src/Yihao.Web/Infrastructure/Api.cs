using System.Security.Claims;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

public static class Api
{
    /// <summary>Resolves the caller's scope once per request; a token whose account is gone answers 401.</summary>
    public static async Task<IResult> WithScope(ClaimsPrincipal user, YihaoDb db, CancellationToken ct, Func<Scope,
        Task<IResult>> handler)
    {
        var scope = await Scope.ForAsync(user, db, ct);
        return scope is null ? TypedResults.Unauthorized() : await handler(scope);
    }

    /// <summary>An outcome's value turned into its view (which may need the database), or the outcome's
    /// problem.</summary>
    public static async Task<IResult> Respond<T,
        TView>(Outcome<T> outcome, Func<T, Task<TView>> view, Func<TView, IResult>? ok = null) =>
        outcome.IsOk ? (ok ?? (v => TypedResults.Ok(v)))(await view(outcome.Value!))
            : outcome.ToHttp(_ => Results.Empty);
}
