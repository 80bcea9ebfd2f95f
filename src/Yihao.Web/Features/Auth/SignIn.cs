using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Auth;

/// <summary>What a sign-in came to: the account, or a problem with its status (and, when throttled, when to try
/// again).</summary>
public sealed record SignInAttempt(User? User, string? Problem, int Status, TimeSpan RetryAfter, string? DeviceToken)
{
    public bool Throttled => Status == StatusCodes.Status429TooManyRequests;

    /// <summary>The problem in the user's language (a throttled one says how many seconds to wait).</summary>
    public string Message => Throttled ? L.T(Problem!, RetrySeconds) : L.T(Problem!);

    public int RetrySeconds => (int)Math.Ceiling(Math.Max(RetryAfter.TotalSeconds, 1));

    /// <summary>The answer's Retry-After header, in whole seconds.</summary>
    public void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetrySeconds.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One check of a user name and password for the sign-in page and the token endpoint. It never locks an account: a
/// stranger's failures slow the stranger (<see cref="SignInThrottle"/>), and the owner on a known device passes. An
/// unknown name and a wrong password answer alike, after the same work (the hasher runs against a dummy hash).
/// </summary>
public sealed class SignIn(
    UserManager<User> users,
    IPasswordHasher<User> hasher,
    SignInThrottle throttle,
    DeviceCookies devices,
    YihaoDb db,
    TimeProvider clock
)
{
    public const string Wrong = "Wrong user name or password.";
    public const string TooMany = "Too many sign-in attempts. Try again in {0} seconds.";
    public const string Disabled = "This account is disabled. Ask your organization department.";

    static readonly User Nobody = new() { Role = Roles.Member, UserName = "nobody" };
    static string? dummyHash;

    /// <summary>A hash of a random password, made by the same hasher with the same cost as every account's.</summary>
    string DummyHash => dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    public async Task<SignInAttempt> CheckAsync(
        HttpContext http,
        string? username,
        string? password,
        string? deviceToken
    )
    {
        var name = (username ?? "").Trim();
        db.Actor.UserId = null;
        db.Actor.UserName = AuditActor.SignIn;
        if (name.Length is 0 or > 256 || string.IsNullOrEmpty(password) || password.Length > 1024)
            return new(null, Wrong, StatusCodes.Status401Unauthorized, TimeSpan.Zero, null);
        var address = SignInThrottle.AddressKey(http.Connection.RemoteIpAddress);
        var user = await users.FindByNameAsync(name) ?? await ByPhoneAsync(name);
        // A phone counts against its account's name, so that a phone and a user name share one allowance.
        var key = user?.UserName ?? name;
        var device = user is null
            ? null
            : devices.Read(deviceToken ?? http.Request.Cookies[DeviceCookies.CookieName(user.Id)], user.Id);
        var trusted = device is not null && throttle.DeviceTrusted(device.Id);
        if (!trusted)
        {
            var decision = throttle.Check(key, address);
            if (!decision.Allowed)
            {
                if (decision.Report)
                    await AuditAsync(user, key, address, "refused", decision);
                return new(null, TooMany, StatusCodes.Status429TooManyRequests, decision.RetryAfter, null);
            }
        }

        bool right;
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, DummyHash, password);
            right = false;
        }
        else
            right = await users.CheckPasswordAsync(user, password);
        if (!right)
        {
            if (trusted)
                throttle.DeviceFailed(device!.Id);
            else if (throttle.Failed(key, address) is { Report: true } decision)
                await AuditAsync(user, key, address, "delayed", decision);
            return new(null, Wrong, StatusCodes.Status401Unauthorized, TimeSpan.Zero, null);
        }
        if (trusted)
            throttle.DeviceSucceeded(device!.Id);
        else
            throttle.Succeeded(key);
        // Said only to whoever knows the password: the name alone tells nothing.
        if (user!.LockoutEnd is { } end && end > clock.GetUtcNow())
            return new(null, Disabled, StatusCodes.Status401Unauthorized, TimeSpan.Zero, null);
        db.Actor.UserId = user.Id;
        db.Actor.UserName = user.UserName ?? "";
        return new(user, null, StatusCodes.Status200OK, TimeSpan.Zero, devices.Issue(user.Id));
    }

    /// <summary>
    /// A member may sign in with the phone number on their member record (手机号登录). A phone shared by several
    /// accounts names none of them, and answers as an unknown name does.
    /// </summary>
    async Task<User?> ByPhoneAsync(string name)
    {
        if (name.Length != 11 || name[0] != '1' || !name.All(char.IsAsciiDigit))
            return null;
        var ids = await db
            .Users.Where(u => u.MemberId != null && db.Members.Any(m => m.Id == u.MemberId && m.Phone == name))
            .Select(u => u.Id)
            .Take(2)
            .ToListAsync();
        return ids.Count == 1 ? await users.FindByIdAsync(ids[0].ToString(CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>A throttling decision, in the log as a sign-in event of the client address (not as a change of the
    /// account).</summary>
    async Task AuditAsync(User? user, string name, string address, string what, SignInThrottle.Decision decision)
    {
        var district = user?.DistrictId
            ?? await db
                .Orgs.Where(o => o.ParentId == null)
                .OrderBy(o => o.Id)
                .Select(o => o.DistrictId)
                .FirstOrDefaultAsync();
        var after = JsonSerializer.Serialize(
            new
            {
                decision = what,
                by = decision.By,
                userName = name.Length > 50 ? name[..50] : name,
                address,
                retryAfterSeconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds),
            }
        );
        await Auditing.AppendAsync(db, district, "sign-in-throttle", "SignIn", address, after, CancellationToken.None);
    }
}
