using System.Linq.Expressions;
using System.Reflection;
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
    /// <summary>The system's own writers, named in the log without an account; no account may take these
    /// names.</summary>
    public const string System = "system", CheckIn = "check-in", WarningRules = "warning-rules", SignIn = "sign-in";

    public static readonly string[] SystemNames = [System, CheckIn, WarningRules, SignIn];

    public int? UserId { get; set; }
    public string UserName { get; set; } = System;
}

/// <summary>Writes an audit entry for every change, in the same transaction as the change, chained by hash.</summary>
static class Auditing
{
    /// <summary>The action of the demo load's one summary entry.</summary>
    public const string SeedDemo = "seed-demo";

    /// <summary>Chinese stays readable in the log instead of \uXXXX escapes.</summary>
    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    static readonly HashSet<string> Hidden =
        [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(User.ConcurrencyStamp)];

    public static async Task<int> SaveAsync(YihaoDb db, bool accept, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var e in db.ChangeTracker.Entries<AuditEntry>())
            if (e.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit log is append-only.");

        foreach (var e in db.ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            e.Entity.Version++;
        db.AccountsPending.UnionWith(Infrastructure.AccountStamps.Renew(db.ChangeTracker.Entries<User>()).ToList());

        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not AuditEntry)
            .Select(e =>
                (Entry: e, State: e.State, Before: e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();
        if (changes.Count == 0) return await db.SaveWithoutAuditAsync(accept, ct);

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // A transaction of this save's own is rolled back whole on failure: EF's savepoints around each save in it
        // would only add four round trips, all under the chain's lock, which the scans' group commit waits for.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = own is null && savepoints;
        try
        {
            // The chain's lock first, as every audited write takes it: a closing that writes rows the scans write too
            // waits there, not in a deadlock. It comes with the chain's head, in one round trip.
            var prev = await db.LockAuditChainAsync(ct);
            var rollups = Features.Dashboard.Rollups.Collect(changes.Select(c => c.Entry));
            var count = await db.SaveWithoutAuditAsync(accept, ct);
            var at = AuditEntry.Truncate(db.Clock.GetUtcNow().UtcDateTime);
            foreach (var (entry, state, before) in changes)
            {
                var audit = new AuditEntry
                {
                    DistrictId = DistrictOf(entry),
                    At = at,
                    UserId = db.Actor.UserId,
                    UserName = db.Actor.UserName,
                    Action =
                        state switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                    Entity = entry.Metadata.ClrType.Name,
                    EntityId =
                        string.Join(",",
                        entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
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
            await Features.Dashboard.Rollups.AfterSaveAsync(db, rollups, ct); // the dashboards' counts, in this save
            var touched = db.Changes.Watched ? await BranchChanges.TouchedAsync(db, changes.Select(c => c.Entry), ct)
                : [];
            // said when the transaction commits
            db.RostersPending |= changes.Any(c => BranchChanges.ChangesRosters(c.Entry.Entity));
            db.DaysPending.UnionWith(changes.Select(c => c.Entry.Entity).OfType<ActivityDay>().Select(d => d.Id));
            if (own is not null) await own.CommitAsync(ct);
            foreach (var branch in touched) db.Changes.Changed(branch);
            return count;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// One change written outside the change tracker (bulk loads, the check-in writer): its district, what was done to
    /// which row, the row after, and for an update the changed fields before.
    /// </summary>
    public sealed record Written(int DistrictId, string Action, string Entity, string EntityId, string? After,
        string? Before = null);

    /// <summary>Appends one entry that stands for a bulk change (the demo load), outside the per-row path.</summary>
    public static Task AppendAsync(YihaoDb db, int districtId, string action, string entity, string entityId,
        string? after, CancellationToken ct) =>
        AppendAsync(db, [new Written(districtId, action, entity, entityId, after)], ct);

    /// <summary>Appends entries for rows written in bulk, chained under the chain's lock, in the caller's transaction
    /// or one of its own.</summary>
    public static async Task AppendAsync(YihaoDb db, IEnumerable<Written> changes, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var prev = await db.LockAuditChainAsync(ct);
            var entries = Chain(prev, db.Clock.GetUtcNow().UtcDateTime, db.Actor, changes);
            await BulkCopy.InsertAsync(db, "audit_entries", Columns, entries.Select(Row), ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The audit table's columns, in the order of <see cref="Row"/>, for writers that insert entries
    /// themselves.</summary>
    public static readonly string[] Columns =
        ["district_id", "at", "user_id", "user_name", "action", "entity", "entity_id", "before", "after", "prev_hash",
        "hash"];

    public static object?[] Row(AuditEntry a) =>
        [a.DistrictId, a.At, a.UserId, a.UserName, a.Action, a.Entity, a.EntityId, a.Before, a.After, a.PrevHash,
        a.Hash];

    /// <summary>Entries for the changes, each chained to the one before, the first to <paramref name="prev"/> (the
    /// head, read under the chain's lock).</summary>
    public static List<AuditEntry> Chain(string prev, DateTime now, AuditActor actor, IEnumerable<Written> changes)
    {
        var at = AuditEntry.Truncate(now);
        var entries = new List<AuditEntry>();
        foreach (var c in changes)
        {
            var audit = new AuditEntry
            {
                DistrictId = c.DistrictId,
                At = at,
                UserId = actor.UserId,
                UserName = actor.UserName,
                Action = c.Action,
                Entity = c.Entity,
                EntityId = c.EntityId,
                Before = c.Before,
                After = c.After,
                PrevHash = prev,
            };
            audit.Hash = prev = audit.ComputeHash();
            entries.Add(audit);
        }
        return entries;
    }

    /// <summary>A row's values as the log shows them: every field by name, in name order, as the tracked path writes
    /// them.</summary>
    public static string Snapshot(SortedDictionary<string, object?> values) => JsonSerializer.Serialize(values, Json);

    /// <summary>
    /// The log's record of a new row written outside the change tracker (bulk writers): every stored field by name, the
    /// very text <see cref="Snapshot(SortedDictionary{string, object?})"/> makes of them, written straight from the
    /// fields in name order: the sorted dictionary and its serialization were most of an entry's cost.
    /// </summary>
    public static Written Created<T>(int districtId, int id, T row) where T : class =>
        new(districtId, "create", typeof(T).Name, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(json => Write(json, row)));

    /// <summary>
    /// One entry for many new rows of a district (the check-in writer's batch): its entity id their first and last ids
    /// (<see cref="AuditEntry.Rows"/>), its text theirs, each as <see cref="Created{T}(int, int, T)"/> writes it, in a
    /// list in id order. A morning's 30,000 scans were as many entries, each sent, indexed and hashed inside the
    /// writer's serial section: a sixth of a scan's cost across the machine, for entries that all said "check-in
    /// created this row".
    /// </summary>
    public static Written Created<T>(int districtId, IReadOnlyList<T> inIdOrder, Func<T, int> id) where T : class =>
        new(districtId, "create", typeof(T).Name, AuditEntry.Rows(id(inIdOrder[0]), id(inIdOrder[^1])), Text(json =>
        {
            json.WriteStartArray();
            foreach (var row in inIdOrder) Write(json, row);
            json.WriteEndArray();
        }));

    /// <summary>The entities whose new rows a writer logs many to an entry; the log's search looks inside their
    /// entries.</summary>
    public static readonly string[] ManyToAnEntry = [nameof(Attendance)];

    static string Text(Action<Utf8JsonWriter> write)
    {
        var text = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = Json.Encoder })) write(json);
        return System.Text.Encoding.UTF8.GetString(text.WrittenSpan);
    }

    static void Write<T>(Utf8JsonWriter json, T row) where T : class
    {
        json.WriteStartObject();
        foreach (var (name, write) in Stored<T>.InNameOrder)
        {
            json.WritePropertyName(name);
            write(json, row);
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// The log's record of fields a writer outside the change tracker changed in a row: each changed field before and
    /// after, as the tracked path's entry of an update shows them.
    /// </summary>
    public static Written Updated<T>(int districtId, string entityId,
        params (string Field, object? Before, object? After)[] fields) where T : class
    {
        SortedDictionary<string, object?> Values(Func<(string Field, object? Before, object? After), object?> pick) =>
            new(fields.ToDictionary(f => f.Field, pick), StringComparer.Ordinal);
        return new(districtId, "update", typeof(T).Name, entityId, Snapshot(Values(f => f.After)),
            Snapshot(Values(f => f.Before)));
    }

    /// <summary>A type's stored fields: its public settable scalars (navigations and computed values are not
    /// columns).</summary>
    static class Stored<T>
    {
        /// <summary>
        /// The fields in the order a snapshot lists them, each name encoded once, each with a writer of its value as a
        /// snapshot writes it (by its runtime type). The common kinds are read by a compiled getter and written
        /// straight: read by reflection and serialized as objects, a scan's entry cost the check-in writer's serial
        /// section 4 µs.
        /// </summary>
        public static readonly (JsonEncodedText Name, Action<Utf8JsonWriter, T> Write)[] InNameOrder =
            [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0
                && IsScalar(p.PropertyType))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                    .Select(f => (JsonEncodedText.Encode(f.Name, Json.Encoder), WriterOf(f)))];

        static bool IsScalar(Type t) => (Nullable.GetUnderlyingType(t) ?? t) is var u &&
            (u.IsPrimitive || u.IsEnum || u == typeof(string) || u == typeof(decimal) || u == typeof(DateTime)
                || u == typeof(DateOnly) || u == typeof(DateTimeOffset));

        static Func<T, TValue> Getter<TValue>(PropertyInfo field)
        {
            var row = Expression.Parameter(typeof(T));
            return Expression.Lambda<Func<T, TValue>>(
                Expression.Convert(Expression.Property(row, field), typeof(TValue)), row).Compile();
        }

        /// <summary>
        /// An int-based enum is written as its number (unless it names a converter of its own), a null text as null, as
        /// the serializer writes them; nullable and rarer kinds go through it.
        /// </summary>
        static Action<Utf8JsonWriter, T> WriterOf(PropertyInfo field)
        {
            var type = field.PropertyType;
            if (type == typeof(int) || type.IsEnum && Enum.GetUnderlyingType(type) == typeof(int)
                && type.GetCustomAttribute<System.Text.Json.Serialization.JsonConverterAttribute>() is null)
            {
                var get = Getter<int>(field);
                return (json, row) => json.WriteNumberValue(get(row));
            }
            if (type == typeof(string))
            {
                var get = Getter<string?>(field);
                return (json, row) =>
                    { if (get(row) is { } text) json.WriteStringValue(text); else json.WriteNullValue(); };
            }
            if (type == typeof(DateTime))
            {
                var get = Getter<DateTime>(field);
                return (json, row) => json.WriteStringValue(get(row));
            }
            if (type == typeof(bool))
            {
                var get = Getter<bool>(field);
                return (json, row) => json.WriteBooleanValue(get(row));
            }
            var value = Getter<object?>(field);
            return (json, row) => JsonSerializer.Serialize(json, value(row), Json);
        }
    }

    /// <summary>
    /// The district an entry belongs to. A district's own node is saved once before it knows its id: that entry is
    /// the new district's too, not one of district 0, which no district admin is shown.
    /// </summary>
    static int DistrictOf(EntityEntry e) =>
        e.Entity is Org { DistrictId: 0, ParentId: null, Id: > 0 } district ? district.Id
        : e.Metadata.FindProperty("DistrictId") is { } p ? (int)(e.Property(p.Name).CurrentValue ?? 0) : 0;

    static string Snapshot(EntityEntry e, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            if (Hidden.Contains(p.Metadata.Name)) continue;
            values[p.Metadata.Name] = original ? p.OriginalValue : p.CurrentValue;
        }
        return Snapshot(values);
    }

    /// <summary>0.0 and 0 are the same number: compare numbers by value, everything else by text.</summary>
    static bool Same(JsonElement x, JsonElement y) =>
        x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number ? x.GetDecimal() == y.GetDecimal()
            : x.GetRawText() == y.GetRawText();

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
