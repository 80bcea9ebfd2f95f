using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// Every token and cookie carries a tag of its account's security stamp (Identity's <c>SecurityStamp</c>); a request is
/// let in only while the tag matches the account's stamp now. Disabling or locking an account, a new password, role or
/// node, or "sign out everywhere" give the account a new stamp, and its old tokens and cookies stop working at once.
/// <para>
/// The stamps are held in memory, so that the check-in burst pays a dictionary lookup, not a query: all accounts of the
/// district are read in one query and read again after <c>Auth:StampCacheSeconds</c> (60 by default), which is how a
/// change made on another server reaches this one. A change saved on this server clears the account's entry after its
/// commit, and the next request reads the account's row.
/// </para>
/// </summary>
public sealed class AccountStamps
{
    /// <summary>The claim of a cookie's principal that holds the tag.</summary>
    public const string Claim = "yihao:stamp";

    readonly IServiceScopeFactory scopes;
    readonly TimeProvider clock;
    readonly TimeSpan ttl;

    /// <summary>Accounts changed or looked up since the snapshot was read: these win over it until a newer
    /// one.</summary>
    readonly ConcurrentDictionary<int, (string? Tag, long Seq)> recent = new();
    volatile Snapshot? snapshot;
    Task<Snapshot>? loading;
    readonly Lock gate = new();
    long seq;

    sealed record Snapshot(Dictionary<int, string> Tags, DateTimeOffset LoadedAt, long Seq);

    public AccountStamps(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, BranchChanges changes)
    {
        this.scopes = scopes;
        this.clock = clock;
        ttl = TimeSpan.FromSeconds(config.GetValue("Auth:StampCacheSeconds", 60));
        changes.AccountsChanged += Forget;
    }

    /// <summary>The short, one-way tag of a stamp that tokens and cookies carry (the stamp itself never leaves the
    /// server).</summary>
    public static string Tag(string? stamp)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? ""), hash);
        return Base64Url.EncodeToString(hash[..12]);
    }

    /// <summary>Whether the account exists and its stamp is still the one tagged; completes at once for a cached
    /// account.</summary>
    public ValueTask<bool> IsCurrentAsync(int userId, string? tag)
    {
        if (string.IsNullOrEmpty(tag))
            return ValueTask.FromResult(false);
        var snap = snapshot;
        if (recent.TryGetValue(userId, out var held) && (snap is null || held.Seq >= snap.Seq))
            return held.Tag is null ? LookUpAsync(userId, tag) : ValueTask.FromResult(held.Tag == tag);
        if (snap is null)
            return LoadThenCheckAsync(userId, tag);
        var now = clock.GetUtcNow();
        if (now - snap.LoadedAt > ttl || now < snap.LoadedAt)
            _ = LoadAsync(); // the old one serves while the new one is read
        return snap.Tags.TryGetValue(userId, out var known)
            ? ValueTask.FromResult(known == tag)
            : LookUpAsync(userId, tag);
    }

    /// <summary>Said after a commit that changed these accounts: their next request reads their row.</summary>
    void Forget(IEnumerable<int> userIds)
    {
        var at = Interlocked.Increment(ref seq);
        foreach (var id in userIds)
            recent[id] = (null, at);
    }

    async ValueTask<bool> LoadThenCheckAsync(int userId, string tag) =>
        (await LoadAsync()).Tags.TryGetValue(userId, out var known) ? known == tag : await LookUpAsync(userId, tag);

    async ValueTask<bool> LookUpAsync(int userId, string tag)
    {
        var at = Interlocked.Increment(ref seq);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        var stamp = await db
            .Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp })
            .FirstOrDefaultAsync();
        // An account that does not exist is held as an empty tag, which no token carries.
        var now = stamp is null ? "" : Tag(stamp.SecurityStamp);
        recent.AddOrUpdate(userId, (now, at), (_, old) => old.Seq > at ? old : (now, at));
        return now == tag;
    }

    Task<Snapshot> LoadAsync()
    {
        lock (gate)
        {
            return loading is { IsCompleted: false } running ? running : loading = Task.Run(ReadAllAsync);
        }
    }

    async Task<Snapshot> ReadAllAsync()
    {
        var at = Interlocked.Increment(ref seq);
        var loadedAt = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        var rows = await db.Users.AsNoTracking().Select(u => new { u.Id, u.SecurityStamp }).ToListAsync();
        var fresh = new Snapshot(rows.ToDictionary(r => r.Id, r => Tag(r.SecurityStamp)), loadedAt, at);
        snapshot = fresh;
        foreach (var (id, held) in recent)
            if (held.Seq < at)
                recent.TryRemove(new KeyValuePair<int, (string?, long)>(id, held));
        return fresh;
    }

    /// <summary>What gives an account a new stamp when it changes: anything that decides who it is and what it may
    /// do.</summary>
    static readonly string[] Decisive =
    [
        nameof(User.PasswordHash),
        nameof(User.Role),
        nameof(User.OrgId),
        nameof(User.MemberId),
        nameof(User.DistrictId),
        nameof(User.LockoutEnd),
        nameof(User.LockoutEnabled),
        nameof(User.UserName),
    ];

    /// <summary>
    /// Before a save: an account whose password, role, node, member, lock or name changed gets a new stamp, whatever
    /// code changed it. Returns the accounts whose stamp changes or which are deleted, to forget after the commit.
    /// </summary>
    internal static IEnumerable<int> Renew(IEnumerable<EntityEntry<User>> users)
    {
        foreach (var e in users)
        {
            if (e.State == EntityState.Deleted)
            {
                yield return e.Entity.Id;
                continue;
            }
            if (e.State != EntityState.Modified)
                continue;
            var stamp = e.Property(u => u.SecurityStamp);
            if (!Equals(stamp.OriginalValue, stamp.CurrentValue))
            {
                yield return e.Entity.Id;
                continue;
            }
            if (!Decisive.Any(p => !Equals(e.Property(p).OriginalValue, e.Property(p).CurrentValue)))
                continue;
            e.Entity.SecurityStamp = Base32Stamp();
            yield return e.Entity.Id;
        }
    }

    static string Base32Stamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
}
