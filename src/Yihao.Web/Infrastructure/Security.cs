using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>Accounts, sign-in and the two ways in: a cookie for pages, a bearer token for the API.</summary>
public static class Security
{
    public const string ApiPolicy = "api";
    public const string SignInLimit = "sign-in";
    const string Either = "cookie-or-token";

    public static IServiceCollection AddYihaoSecurity(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<YihaoDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>();

        var keys = Path.GetFullPath(config["DataProtection:KeysFolder"] ?? Path.Combine("data", "keys"), contentRoot);
        services.AddDataProtection().SetApplicationName("Yihao").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton(_ => new ApiTokens(config, Path.Combine(keys, "api-token.key")));

        // One authentication per request: an API call with a token is read as a token once (the authorization policy reuses the
        // result), and a page as its cookie; nobody pays for trying the other.
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Authorization.Count > 0 ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.Cookie.Name = "yihao";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokens.Scheme).RequireAuthenticatedUser());


        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("RateLimits:SignInPerMinute", 60), Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}

/// <summary>Puts the account's role and node into its principal, for both the cookie and the token.</summary>
sealed class ScopeClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim(Scope.OrgClaim, user.OrgId.ToString()));
        if (user.DisplayName is { } name) id.AddClaim(new Claim("yihao:display", name));
        if (user.MemberId is { } member) id.AddClaim(new Claim(Scope.MemberClaim, member.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return id;
    }
}

