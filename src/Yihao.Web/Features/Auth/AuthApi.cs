using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Auth;

/// <summary>
/// A sign-in for the API. <c>deviceToken</c> is the one a former sign-in of this app answered with: a known device gets
/// in while strangers' guesses at the account are being slowed.
/// </summary>
public sealed record TokenRequest(string? Username, string? Password, string? DeviceToken = null);

/// <summary>
/// Send the token as "Authorization: Bearer {accessToken}"; it works for expiresIn seconds, then sign in again. Keep
/// deviceToken and send it with the next sign-in.
/// </summary>
public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string? DeviceToken = null);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest body, HttpContext http, SignIn signIn,
            ApiTokens tokens, TimeProvider clock) =>
        {
            var attempt = await signIn.CheckAsync(http, body.Username, body.Password, body.DeviceToken);
            if (attempt.User is not { } user)
            {
                if (attempt.Throttled) attempt.SetRetryAfter(http.Response);
                return TypedResults.Problem(title: attempt.Message, statusCode: attempt.Status);
            }
            if (user.MustChangePassword)
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: L.T("Choose your own password first: sign in on the web page, which asks for it."));
            return TypedResults.Ok(new TokenResponse(ApiTokens.Scheme, tokens.Issue(user, clock.GetUtcNow()),
                (int)tokens.Lifetime.TotalSeconds, attempt.DeviceToken));
        }).AllowAnonymous().Produces<TokenResponse>().WithTags("Auth").RequireRateLimiting(Security.SignInLimit);

        // 退出所有设备: every token and cookie of the caller's account stops working, this one included.
        api.MapPost("/auth/sign-out-everywhere",
            async Task<IResult> (ClaimsPrincipal principal, UserManager<User> users,
            Data.YihaoDb db) =>
        {
            if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
            await SignOutEverywhere.DoAsync(db, users, user, user);
            return TypedResults.NoContent();
        }).WithTags("Auth");
        return api;
    }
}
