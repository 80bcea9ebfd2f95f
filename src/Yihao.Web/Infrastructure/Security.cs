using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
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

    public static IServiceCollection AddYihaoSecurity(this IServiceCollection services, IConfiguration config,
        string contentRoot)
    {
        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // No lock-out after failures: anyone could lock anyone out. Guessing is slowed instead
                // (SignInThrottle); an admin's lock (LockoutEnd) still holds.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<YihaoDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>();

        var keys = Path.GetFullPath(config["DataProtection:KeysFolder"] ?? Path.Combine("data", "keys"), contentRoot);
        services.AddDataProtection().SetApplicationName("Yihao").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton(_ => new ApiTokens(config, Path.Combine(keys, "api-token.key")));
        services.AddSingleton<AccountStamps>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddScoped<Features.Auth.SignIn>();
        services.Configure<ForwardedHeadersOptions>(o => TrustProxies(o, TrustedProxies(config)));

        // One authentication per request: an API call with a token is read as a token once (the authorization policy
        // reuses the result), and a page as its cookie; nobody pays for trying the other.
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Authorization.Count > 0
                    ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme)
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
                o.Events.OnValidatePrincipal = ValidateStampAsync;
                o.Events.OnRedirectToLogin = ToLoginAsync;
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokens.Scheme).RequireAuthenticatedUser());


        // A coarse guard against a flood of sign-in posts from one address, sized for a meeting room behind one
        // address: 30,000 members in an hour through five addresses are 100 a minute each, 600 in the busiest ten
        // minutes. Page views are never counted. Wrong passwords are slowed by SignInThrottle, not here.
        var perMinute = config.GetValue("RateLimits:SignInPerMinute", 600);
        var burst = Math.Max(perMinute, config.GetValue("RateLimits:SignInBurst", 1200));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignInLimit, http => !HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page view")
                : RateLimitPartition.GetTokenBucketLimiter(SignInThrottle.AddressKey(http.Connection.RemoteIpAddress),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = perMinute,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    }));
        });
        return services;
    }

    /// <summary>A form sent after the session ran out comes back, once signed in, to its page (not to the handler it
    /// was sent to, which has no page of its own): the browser then puts what was typed back (drafts.js).</summary>
    static Task ToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method))
        {
            var query = QueryString.Create(QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase)));
            var back = request.PathBase + request.Path + query;
            context.RedirectUri =
                context.Options.LoginPath + QueryString.Create(context.Options.ReturnUrlParameter, back);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The addresses (or networks, "10.0.0.0/8") of the TLS proxies in front, from <c>Network:TrustedProxies</c> (a
    /// list, or one string with commas). Only their X-Forwarded-For and X-Forwarded-Proto are believed.
    /// </summary>
    public static string[] TrustedProxies(IConfiguration config)
    {
        var section = config.GetSection("Network:TrustedProxies");
        var listed = section.GetChildren().Select(c => c.Value).OfType<string>();
        var joined = (section.Value ?? "").Split(',');
        return [.. listed.Concat(joined).Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    static void TrustProxies(ForwardedHeadersOptions o, string[] proxies)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var p in proxies)
            if (p.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(p));
            else o.KnownProxies.Add(IPAddress.Parse(p));
    }

    /// <summary>
    /// The client's own address behind the configured proxies. Without any configured nothing is forwarded: with empty
    /// lists the middleware would believe anyone's X-Forwarded-For.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var config = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return TrustedProxies(config).Length == 0 ? app : app.UseForwardedHeaders();
    }

    /// <summary>A page's cookie is good while its account's security stamp is the one it was issued with.</summary>
    static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var stamps = context.HttpContext.RequestServices.GetRequiredService<AccountStamps>();
        var principal = context.Principal;
        if (int.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) &&
            await stamps.IsCurrentAsync(id, principal!.FindFirstValue(AccountStamps.Claim)))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>Puts the account's role and node into its principal, for both the cookie and the token.</summary>
sealed class ScopeClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim(Scope.OrgClaim, user.OrgId.ToString()));
        id.AddClaim(new Claim(AccountStamps.Claim, AccountStamps.Tag(user.SecurityStamp)));
        if (user.DisplayName is { } name) id.AddClaim(new Claim("yihao:display", name));
        if (user.MemberId is { } member) id.AddClaim(
            new Claim(Scope.MemberClaim, member.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return id;
    }
}

