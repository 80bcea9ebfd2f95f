using Microsoft.AspNetCore.Localization;

namespace Yihao.Web.Infrastructure;

/// <summary>Simplified Chinese unless the user picks English (a cookie) or an API client asks for it
/// (Accept-Language).</summary>
public static class Localization
{
    public const string Cookie = ".yihao.culture";

    public static IApplicationBuilder UseYihaoLocalization(this IApplicationBuilder app)
    {
        var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(L.Chinese),
            SupportedCultures = [L.Chinese, L.English],
            SupportedUICultures = [L.Chinese, L.English],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider { CookieName = Cookie },
            new CustomRequestCultureProvider(http =>
                http.Request.Path.StartsWithSegments("/api") ? acceptLanguage.DetermineProviderCultureResult(http)
                    : Task.FromResult<ProviderCultureResult?>(null)),
        ];
        acceptLanguage.Options = options;
        return app.UseRequestLocalization(options);
    }

    /// <summary>A path on this site: "/x", never "//host" or "/\\host", which browsers treat as another site.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl);

    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var pick = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";
            http.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(pick)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true
                });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
}
