using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;

namespace Yihao.Web.Features.CheckIn;

/// <summary>
/// The address inside the QR code. The code lives only seconds, while a member may first have to sign in: so the scan
/// proves presence at once (a short-lived signed cookie) and the check-in page uses that proof after sign-in.
/// </summary>
public static class ScanEndpoint
{
    public const string Purpose = "Yihao.ScanProof.v1";
    /// <summary>Long enough to sign in and choose a first password after the scan.</summary>
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Which member used each proof: one scan checks in one member, so a copied cookie or a shared phone adds
    /// nobody.</summary>
    static readonly MemoryCache Used = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public static string CookieName(int dayId) => $"yihao.scan.{dayId}";

    public static void MapScan(this IEndpointRouteBuilder app) =>
        app.MapGet("/c/{dayId:int}",
            async (int dayId, string? t, HttpContext http, MeetingFacts meetings, TimeProvider clock,
            IOptions<ActivityPolicy> policy, IDataProtectionProvider dp) =>
        {
            // The day as the scans hold it: a whole branch opens this address within a minute.
            var day = (await meetings.ForAsync(dayId))?.Day;
            var now = clock.GetUtcNow().UtcDateTime;
            if (day is null || !CheckIns.WindowOpen(day, policy.Value, now)
                || !CheckIns.TokenValid(day, policy.Value, t, now))
                return Results.Redirect($"/CheckIn/{dayId}?expired=1");
            var proof = dp.CreateProtector(Purpose).ToTimeLimitedDataProtector()
                .Protect($"{dayId}|{Guid.NewGuid():N}", ProofLifetime);
            http.Response.Cookies.Append(CookieName(dayId), proof,
                new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    MaxAge = ProofLifetime,
                    IsEssential = true,
                    Secure = http.Request.IsHttps
                });
            DeviceKey.Ensure(http);
            return Results.Redirect($"/CheckIn/{dayId}");
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>The nonce of a fresh proof of having scanned this day's code, or null.</summary>
    public static string? Proof(HttpRequest request, IDataProtectionProvider dp, int dayId)
    {
        if (!request.Cookies.TryGetValue(CookieName(dayId), out var proof)) return null;
        try
        {
            var text = dp.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(proof);
            return text.StartsWith($"{dayId}|", StringComparison.Ordinal) ? text[(text.IndexOf('|') + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Binds a proof to the member who uses it first; false when another member already used it.</summary>
    public static bool Claim(string nonce, int memberId)
    {
        lock (Used)
        {
            if (Used.TryGetValue(nonce, out int owner)) return owner == memberId;
            Used.Set(nonce, memberId,
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ProofLifetime });
            return true;
        }
    }
}
