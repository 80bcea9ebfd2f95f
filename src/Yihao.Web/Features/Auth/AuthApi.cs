using Microsoft.AspNetCore.Identity;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Auth;

public sealed record TokenRequest(string? Username, string? Password);

/// <summary>Send the token as "Authorization: Bearer {accessToken}"; it works for expiresIn seconds, then sign in again.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest body, SignInManager<User> signIn, YihaoDb db, ApiTokens tokens, TimeProvider clock) =>
        {
            var (user, problem) = await CheckPasswordAsync(signIn, db, body.Username, body.Password);
            if (user is null) return TypedResults.Problem(title: L.T(problem!), statusCode: StatusCodes.Status401Unauthorized);
            if (user.MustChangePassword) return TypedResults.Problem(title: L.T("Choose your own password first: sign in on the web page, which asks for it."), statusCode: StatusCodes.Status403Forbidden);
            return TypedResults.Ok(new TokenResponse(ApiTokens.Scheme, tokens.Issue(user, clock.GetUtcNow()), (int)tokens.Lifetime.TotalSeconds));
        }).AllowAnonymous().Produces<TokenResponse>().WithTags("Auth").RequireRateLimiting(Security.SignInLimit);
        return api;
    }

    /// <summary>One check for the sign-in page and the token endpoint: counts failures toward lock-out and never says which part was wrong.</summary>
    public static async Task<(User? User, string? Problem)> CheckPasswordAsync(SignInManager<User> signIn, YihaoDb db, string? username, string? password)
    {
        db.Actor.UserName = (username ?? "").Trim() is { Length: > 0 and <= 50 } n ? n : "anonymous";
        const string wrong = "Wrong user name or password.";
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return (null, wrong);
        var user = await signIn.UserManager.FindByNameAsync(username.Trim());
        if (user is null) return (null, wrong);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut) return (null, "Too many failed sign-ins; the account is locked for 15 minutes.");
        return result.Succeeded ? (user, null) : (null, wrong);
    }
}
