using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// What an API token says: the account, its member, the moment it stops working and the tag of the account's security
/// stamp when it was issued (<see cref="AccountStamps"/>): a new stamp revokes it.
/// </summary>
public sealed record TokenClaims(
    int UserId, string UserName, string Role, int OrgId, int? MemberId, DateTimeOffset Expires, string Stamp = "");

/// <summary>
/// The API's bearer tokens: the account's claims in plain text and an HMAC-SHA256 over them with a key only the server
/// holds. A token says who is calling, nothing secret: what the account may see is read from the database on every
/// request (<see cref="Scope.ForAsync"/>). Checking one costs a single HMAC, a few microseconds; the encrypted tickets
/// this replaces cost about 170 µs each here, the largest part of a check-in when a district scans at once.
/// </summary>
public sealed class ApiTokens
{
    public const string Scheme = "Bearer";
    const string Version = "y2";

    readonly byte[] key;
    readonly TimeSpan lifetime;

    /// <summary>
    /// A keyed HMAC per thread, reset after each use: a one-shot HMAC sets the key up anew each time, 2.2–2.7 µs
    /// against 0.9 here, paid on every scan. Made again when the thread meets another key (a test's second server).
    /// </summary>
    [ThreadStatic] static (byte[] Key, IncrementalHash Hmac)? perThread;

    public ApiTokens(IConfiguration config, string keyFile)
    {
        lifetime = TimeSpan.FromHours(config.GetValue("Auth:TokenHours", 8));
        key = config["Auth:TokenKey"] is { Length: > 0 } configured ? Convert.FromBase64String(configured)
            : LoadOrCreateKey(keyFile);
        if (key.Length < 32) throw new InvalidOperationException("Auth:TokenKey must be at least 32 bytes (base64).");
    }

    void Mac(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        if (perThread is not { } held || held.Key != key)
        {
            perThread?.Hmac.Dispose();
            perThread = held = (key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
        }
        var hmac = held.Hmac;
        hmac.AppendData(payload);
        hmac.GetHashAndReset(mac);
    }

    /// <summary>The key beside the data-protection keys (every server of a district shares that folder), made once on
    /// first start.</summary>
    static byte[] LoadOrCreateKey(string file)
    {
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            // the key is readable by the server's account only
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(file, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            return fresh;
        }
        catch (IOException) when (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim()); // another process made it first
        }
    }

    public TimeSpan Lifetime => lifetime;

    public string Issue(User user, DateTimeOffset now) =>
        Issue(new TokenClaims(user.Id, user.UserName ?? "", user.Role, user.OrgId, user.MemberId, now + lifetime,
            AccountStamps.Tag(user.SecurityStamp)));

    public string Issue(TokenClaims c)
    {
        var payload =
            string.Join('|', Version, c.UserId.ToString(CultureInfo.InvariantCulture), c.UserName, c.Role,
            c.OrgId.ToString(CultureInfo.InvariantCulture),
            c.MemberId?.ToString(CultureInfo.InvariantCulture) ?? "",
                c.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            c.Stamp);
        var bytes = Encoding.UTF8.GetBytes(payload);
        Span<byte> mac = stackalloc byte[32];
        Mac(bytes, mac);
        return Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>The claims of a genuine token that has not expired, or null for anything else.</summary>
    public TokenClaims? Read(ReadOnlySpan<char> token, DateTimeOffset now)
    {
        try
        {
            return ReadCore(token, now);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    TokenClaims? ReadCore(ReadOnlySpan<char> token, DateTimeOffset now)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > 1024) return null;
        Span<byte> payload = stackalloc byte[768];
        Span<byte> mac = stackalloc byte[48];
        // Decoding throws on what is not Base64Url at all; IsValid first keeps a garbage header from costing an
        // exception.
        if (!Base64Url.IsValid(token[..dot]) || !Base64Url.IsValid(token[(dot + 1)..], out var macLength)
            || macLength != 32 ||
            !Base64Url.TryDecodeFromChars(token[..dot], payload, out var length)
                || !Base64Url.TryDecodeFromChars(token[(dot + 1)..], mac, out _))
            return null;
        payload = payload[..length];
        Span<byte> expected = stackalloc byte[32];
        Mac(payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac[..32])) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 8 || parts[0] != Version ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var userId) ||
            !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var orgId) ||
            !long.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return null;
        int? member = int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        var claims =
            new TokenClaims(userId, parts[2], parts[3], orgId, member, DateTimeOffset.FromUnixTimeSeconds(expires),
            parts[7]);
        return claims.Expires > now ? claims : null;
    }

    public static ClaimsPrincipal Principal(TokenClaims c)
    {
        var identity = new ClaimsIdentity(Scheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, c.UserId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, c.UserName));
        identity.AddClaim(new Claim(ClaimTypes.Role, c.Role));
        identity.AddClaim(new Claim(Scope.OrgClaim, c.OrgId.ToString(CultureInfo.InvariantCulture)));
        if (c.MemberId is { } member) identity.AddClaim(
            new Claim(Scope.MemberClaim, member.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The token of a bearer authorization header, or empty.</summary>
    public static ReadOnlySpan<char> FromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return default;
        return value.AsSpan(7).Trim();
    }
}

/// <summary>
/// Reads the API's bearer tokens; a missing or bad one is simply not signed in, and the API answers 401. So does a
/// token whose account no longer exists or has a new security stamp.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens,
    AccountStamps stamps)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var claims = ReadToken();
        if (claims is null) return ApiTokens.FromHeader(Request).IsEmpty
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail("The token is not valid or has expired.");
        if (!await stamps.IsCurrentAsync(claims.UserId, claims.Stamp))
            return AuthenticateResult.Fail("The token was revoked.");
        return AuthenticateResult.Success(new AuthenticationTicket(ApiTokens.Principal(claims), Scheme.Name));
    }

    TokenClaims? ReadToken()
    {
        var token = ApiTokens.FromHeader(Request);
        return token.IsEmpty ? null : tokens.Read(token, TimeProvider.GetUtcNow());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
