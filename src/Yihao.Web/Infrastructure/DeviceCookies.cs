using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// OWASP's "device cookie": proof that this browser or app signed in to this account before. It is issued on every
/// successful sign-in (a cookie for the page, <c>deviceToken</c> in the API's answer), is bound to the account, and
/// lets its holder's sign-ins pass the throttle that slows strangers (<see cref="SignInThrottle"/>). It proves nothing
/// by itself: the password is still checked, and a device that fails too often is trusted no more.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock, IConfiguration config)
{
    public const string Purpose = "Yihao.Device.v1";
    readonly IDataProtector protector = protection.CreateProtector(Purpose);
    readonly TimeSpan lifetime = TimeSpan.FromDays(config.GetValue("SignIn:DeviceDays", 180));

    /// <summary>The device cookie's name, one per account a phone has signed in to (a secretary is a member
    /// too).</summary>
    public static string CookieName(int userId) => "yihao.device." + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A device, as read back: the account it is bound to and its own random id.</summary>
    public sealed record Device(int UserId, string Id);

    public TimeSpan Lifetime => lifetime;

    public string Issue(int userId) =>
        protector.Protect(
            string.Join(
                '|',
                userId.ToString(CultureInfo.InvariantCulture),
                Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            )
        );

    /// <summary>The device of a genuine, unexpired token bound to this account, or null.</summary>
    public Device? Read(string? token, int userId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
            return null;
        try
        {
            var parts = protector.Unprotect(token).Split('|');
            if (
                parts.Length != 3
                || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
                || id != userId
                || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var issued)
            )
                return null;
            var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
            return age < lifetime ? new Device(id, parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Sets the page's device cookie for this account.</summary>
    public void Set(HttpResponse response, int userId, string token) =>
        response.Cookies.Append(
            CookieName(userId),
            token,
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = response.HttpContext.Request.IsHttps,
                MaxAge = lifetime,
                IsEssential = true,
            }
        );
}
