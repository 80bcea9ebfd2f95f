using System.Security.Cryptography;

namespace Yihao.Web.Features.CheckIn;

/// <summary>
/// The anonymous key of the browser that scans (设备标识): a random id the check-in page leaves in a cookie for a year
/// and a scan carries back (or an app sends as the <c>Yihao-Device</c> header). It says "the same browser", never who
/// holds it: nothing of the phone or the person goes into it. Many members checked in from one key on one day is an
/// anomaly the inspectors see (<see cref="Supervision.Anomalies"/>).
/// </summary>
public static class DeviceKey
{
    public const string CookieName = "yihao.device";
    public const string Header = "Yihao-Device";
    static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>The scan's key: the header's, else the cookie's; null when absent or not of the shape a key has (16 to
    /// 64 letters, digits, '-' or '_'), so no other text lands on the row.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers[Header];
        if (header.Count == 1 && Valid(header[0])) return header[0];
        return request.Cookies.TryGetValue(CookieName, out var cookie) && Valid(cookie) ? cookie : null;
    }

    /// <summary>The browser's key, made and left in the cookie on its first visit.</summary>
    public static string Ensure(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var key) && Valid(key)) return key!;
        key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-')
            .Replace('/', '_');
        http.Response.Cookies.Append(CookieName, key,
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                MaxAge = Lifetime,
                IsEssential = true,
                Secure = http.Request.IsHttps,
            });
        return key;
    }

    static bool Valid(string? key) =>
        key is { Length: >= 16 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
