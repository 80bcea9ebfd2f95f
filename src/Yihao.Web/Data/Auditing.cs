using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yihao.Web.Domain;

namespace Yihao.Web.Data;

/// <summary>Who is changing things now: the signed-in user, a job, or the system at start-up.</summary>
public sealed class AuditActor
{
    public int? UserId { get; set; }
    public string UserName { get; set; } = "system";
}

/// <summary>Writes an audit entry for every change, in the same transaction as the change, chained by hash.</summary>
static class Auditing
{
    /// <summary>Chinese stays readable in the log instead of \uXXXX escapes.</summary>
    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    static readonly HashSet<string> Hidden = [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(User.ConcurrencyStamp)];

    public static async Task<int> SaveAsync(YihaoDb db, bool accept, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var e in db.ChangeTracker.Entries<AuditEntry>())
            if (e.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit log is append-only.");

        foreach (var e in db.ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            e.Entity.Version++;

        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
            .Select(e => (Entry: e, State: e.State, Before: e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();
        if (changes.Count == 0) return await db.SaveWithoutAuditAsync(accept, ct);

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.LockAuditChainAsync(ct);
            var count = await db.SaveWithoutAuditAsync(accept, ct);
            var prev = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? AuditEntry.Genesis;
            var at = AuditEntry.Truncate(db.Clock.GetUtcNow().UtcDateTime);
            foreach (var (entry, state, before) in changes)
            {
                var audit = new AuditEntry
                {
                    DistrictId = DistrictOf(entry),
                    At = at,
                    UserId = db.Actor.UserId,
                    UserName = db.Actor.UserName,
                    Action = state switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                    Entity = entry.Metadata.ClrType.Name,
                    EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                    Before = before,
                    After = state == EntityState.Deleted ? null : Snapshot(entry, original: false),
                    PrevHash = prev,
                };
                if (state == EntityState.Modified) (audit.Before, audit.After) = Diff(audit.Before, audit.After);
                audit.Hash = audit.ComputeHash();
                prev = audit.Hash;
                db.AuditEntries.Add(audit);
            }
            await db.SaveWithoutAuditAsync(true, ct);
            if (own is not null) await own.CommitAsync(ct);
            return count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Appends one entry that stands for a bulk change (the demo load), outside the per-row path.</summary>
    public static async Task AppendAsync(YihaoDb db, int districtId, string action, string entity, string entityId, string? after, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.LockAuditChainAsync(ct);
            var prev = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? AuditEntry.Genesis;
            var audit = new AuditEntry
            {
                DistrictId = districtId,
                At = AuditEntry.Truncate(db.Clock.GetUtcNow().UtcDateTime),
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                Action = action,
                Entity = entity,
                EntityId = entityId,
                After = after,
                PrevHash = prev,
            };
            audit.Hash = audit.ComputeHash();
            db.AuditEntries.Add(audit);
            await db.SaveWithoutAuditAsync(true, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    static int DistrictOf(EntityEntry e) =>
        e.Metadata.FindProperty("DistrictId") is { } p ? (int)(e.Property(p.Name).CurrentValue ?? 0) : 0;

    static string Snapshot(EntityEntry e, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            if (Hidden.Contains(p.Metadata.Name)) continue;
            values[p.Metadata.Name] = original ? p.OriginalValue : p.CurrentValue;
        }
        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>0.0 and 0 are the same number: compare numbers by value, everything else by text.</summary>
    static bool Same(JsonElement x, JsonElement y) =>
        x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number ? x.GetDecimal() == y.GetDecimal() : x.GetRawText() == y.GetRawText();

    /// <summary>Keeps only the fields that changed, so an entry reads as what happened.</summary>
    static (string?, string?) Diff(string? before, string? after)
    {
        if (before is null || after is null) return (before, after);
        var b = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(before)!;
        var a = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(after)!;
        var changed = a.Keys.Where(k => !b.TryGetValue(k, out var v) || !Same(v, a[k])).ToHashSet();
        if (changed.Count == 0) return (before, after);
        changed.Add("Id");
        return (JsonSerializer.Serialize(b.Where(kv => changed.Contains(kv.Key)).ToDictionary(), Json),
                JsonSerializer.Serialize(a.Where(kv => changed.Contains(kv.Key)).ToDictionary(), Json));
    }
}
