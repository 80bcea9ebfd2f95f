using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// Slows password guessing without letting anyone lock an account (OWASP's advice against brute force and lock-out
/// abuse). Failed sign-ins are counted twice, in memory and on the injected clock:
/// <list type="bullet">
/// <item>per account name (known or not, so that the answers never tell which names exist): the first
/// <c>FreeFailures</c> cost nothing, each one after makes the next attempt wait twice as long as the last, from
/// <c>FirstDelaySeconds</c> up to <c>MaxDelaySeconds</c>, whichever address it comes from; a success or a quiet day
/// clears the count;</item>
/// <item>per client address (an IPv6 address by its /64): a bucket of <c>AddressFailures</c> failures that refills by
/// <c>AddressFailuresPerHour</c>; an empty bucket blocks the address's sign-ins until it refills a little.</item>
/// </list>
/// A sign-in from a known device (<see cref="DeviceCookies"/>) passes both: the owner gets in while a stranger is
/// slowed. Attempts refused here never reach the password hasher and are not failures. Settings under <c>SignIn:</c>.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration config)
{
    readonly int freeFailures = config.GetValue("SignIn:FreeFailures", 5);
    readonly TimeSpan firstDelay = TimeSpan.FromSeconds(config.GetValue("SignIn:FirstDelaySeconds", 1.0));
    readonly TimeSpan maxDelay = TimeSpan.FromSeconds(config.GetValue("SignIn:MaxDelaySeconds", 300.0));
    readonly TimeSpan forgetAfter = TimeSpan.FromHours(config.GetValue("SignIn:ForgetAfterHours", 24.0));
    readonly double addressBurst = config.GetValue("SignIn:AddressFailures", 300.0);
    readonly double addressPerSecond = config.GetValue("SignIn:AddressFailuresPerHour", 3600.0) / 3600;
    readonly int deviceFailures = config.GetValue("SignIn:DeviceFailures", 10);

    const int MaxEntries = 200_000;

    sealed class Account
    {
        public int Failures;
        public DateTimeOffset Last;
        public DateTimeOffset Until;
        public DateTimeOffset Reported;
    }

    sealed class Address
    {
        public double Left;
        public DateTimeOffset At;
        public DateTimeOffset BlockedAt;
        public DateTimeOffset Reported;
    }

    readonly ConcurrentDictionary<string, Account> accounts = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Address> addresses = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> devices = new(StringComparer.Ordinal);

    /// <summary>
    /// What the throttle decided. <see cref="Report"/> says the decision is new (a fresh delay or block, or the first
    /// attempt refused by it) and belongs in the audit log; repeats within one block are not written again.
    /// </summary>
    public readonly record struct Decision(bool Allowed, TimeSpan RetryAfter, string? By, bool Report)
    {
        public static readonly Decision Pass = new(true, TimeSpan.Zero, null, false);
    }

    /// <summary>The key of a client address: IPv4 as it is, IPv6 by its /64 (one household or phone has a whole
    /// one).</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
            return "local";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    static string NameKey(string name) => name.Trim().ToUpperInvariant();

    /// <summary>Whether an attempt for this name from this address may be checked now.</summary>
    public Decision Check(string name, string address)
    {
        var now = clock.GetUtcNow();
        if (addresses.TryGetValue(address, out var a))
            lock (a)
            {
                Refill(a, now);
                if (a.Left < 1)
                {
                    var wait = TimeSpan.FromSeconds((1 - a.Left) / addressPerSecond);
                    var report = a.Reported < a.BlockedAt;
                    a.Reported = now;
                    return new Decision(false, wait, "address", report);
                }
            }
        if (accounts.TryGetValue(NameKey(name), out var n))
            lock (n)
            {
                if (n.Until > now)
                {
                    var report = n.Reported < n.Last;
                    n.Reported = now;
                    return new Decision(false, n.Until - now, "account", report);
                }
            }
        return Decision.Pass;
    }

    /// <summary>A wrong password (or an unknown name): counts against the name and the address.</summary>
    public Decision Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        Prune();
        var decision = Decision.Pass;
        var a = addresses.GetOrAdd(address, _ => new Address { Left = addressBurst, At = now });
        lock (a)
        {
            Refill(a, now);
            a.Left -= 1;
            if (a.Left < 1)
            {
                a.BlockedAt = now;
                decision = new Decision(false, TimeSpan.FromSeconds((1 - a.Left) / addressPerSecond), "address", true);
            }
        }
        var n = accounts.GetOrAdd(NameKey(name), _ => new Account());
        lock (n)
        {
            if (now - n.Last > forgetAfter)
                n.Failures = 0;
            n.Failures++;
            n.Last = now;
            if (n.Failures > freeFailures)
            {
                var doublings = Math.Min(n.Failures - freeFailures - 1, 30);
                var delay = TimeSpan.FromTicks(Math.Min(firstDelay.Ticks << doublings, maxDelay.Ticks));
                n.Until = now + delay;
                if (delay > decision.RetryAfter)
                    decision = new Decision(false, delay, "account", true);
            }
        }
        return decision;
    }

    /// <summary>A right password from a device that is not known: the name's count starts again.</summary>
    public void Succeeded(string name) => accounts.TryRemove(NameKey(name), out _);

    /// <summary>Whether a device cookie is still trusted: one that failed too often is one no more.</summary>
    public bool DeviceTrusted(string device) =>
        !devices.TryGetValue(device, out var failures) || failures < deviceFailures;

    public void DeviceFailed(string device) => devices.AddOrUpdate(device, 1, (_, f) => f + 1);

    public void DeviceSucceeded(string device) => devices.TryRemove(device, out _);

    void Refill(Address a, DateTimeOffset now)
    {
        if (now <= a.At)
            return;
        a.Left = Math.Min(addressBurst, a.Left + (now - a.At).TotalSeconds * addressPerSecond);
        a.At = now;
    }

    /// <summary>Keeps memory bounded against a flood of made-up names: entries that hold nobody back go
    /// first.</summary>
    void Prune()
    {
        if (accounts.Count + addresses.Count < MaxEntries)
            return;
        var now = clock.GetUtcNow();
        foreach (var (key, n) in accounts)
            if (n.Until <= now)
                accounts.TryRemove(key, out _);
        foreach (var (key, a) in addresses)
            if (a.Left + (now - a.At).TotalSeconds * addressPerSecond >= addressBurst)
                addresses.TryRemove(key, out _);
        if (devices.Count > MaxEntries)
            devices.Clear();
    }
}
