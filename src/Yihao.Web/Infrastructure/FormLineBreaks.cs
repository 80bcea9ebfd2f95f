using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// A form's line breaks as one character. A browser posts a textarea's breaks as CR LF but counts each as one against
/// its <c>maxlength</c>: a note the phone let through would otherwise be refused as too long, and stored with two kinds
/// of break. Every page's form of fields is read here once, before antiforgery and binding see it.
/// </summary>
public static class FormLineBreaks
{
    public static IApplicationBuilder UseFormLineBreaks(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            // Forms of fields only: a file's form is read by its page, under its own size limit.
            if (http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded",
                    StringComparison.OrdinalIgnoreCase) == true && !http.Request.Path.StartsWithSegments("/api")
                && await ReadAsync(http) is { } form && form.Any(f => f.Value.Any(v => v?.Contains('\r') == true)))
                http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(
                    form.ToDictionary(f => f.Key, f => new StringValues([.. f.Value.Select(Lf)])), form.Files)));
            await next(http);
        });

    /// <summary>The form, or null where it cannot be read: the page then meets the same problem as before.</summary>
    static async Task<IFormCollection?> ReadAsync(HttpContext http)
    {
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    static string? Lf(string? value) => value?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
