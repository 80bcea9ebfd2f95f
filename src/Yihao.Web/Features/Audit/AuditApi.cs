using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);

public sealed record ChainCheck(bool Intact, int Checked, long? FirstBrokenId);

/// <summary>The audit log (审计日志): read by district admins; never changed by the application.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("Audit");

        g.MapGet("/",
            (string? entity, string? entityId, int? page, int? pageSize, ClaimsPrincipal user, YihaoDb db,
            CancellationToken ct) =>
            WithScope(user, db, ct, async s => s.IsDistrictAdmin
                ? TypedResults.Ok(await ListAsync(s, db, entity, entityId, page ?? 1, pageSize ?? 50, ct))
                    : Problems.Forbidden()))
            .Produces<AuditPage>()
            .WithDescription(
                "The district's entries, newest first. The check-in writer logs the new attendance rows of a batch " +
                    "in one entry: " +
                             "its entityId names the first and last row (\"0000001201-0000001231\"), its after is a " +
                                 "list of the rows. " +
                             "Asked for one row's entityId, the answer includes the entry that lists it.");

        g.MapGet("/verify", (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s => s.IsDistrictAdmin ? TypedResults.Ok(await VerifyAsync(db, ct)) : Problems.Forbidden()))
            .Produces<ChainCheck>();
        return api;
    }

    public static async Task<AuditPage> ListAsync(Scope scope, YihaoDb db, string? entity, string? entityId, int page,
        int pageSize, CancellationToken ct)
    {
        // Only the district's own entries: those of district 0 (rows with no district) belong to no district, and with
        // no system-wide role there is no one to show them to through this API.
        var q = db.AuditEntries.Where(a => a.DistrictId == scope.DistrictId);
        if (!string.IsNullOrWhiteSpace(entity)) q = q.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            // a range as the page shows it finds its entry
            entityId = AuditEntry.RowsTyped(entityId) ?? entityId.Trim();
            var holding = long.TryParse(entityId, NumberStyles.None, CultureInfo.InvariantCulture, out var row)
                && row > 0
                ? await HoldingAsync(scope, db, entity, row, ct) : null;
            q = q.Where(a => a.EntityId == entityId);
            // Apart, not joined by an OR: each part is a lookup by the index on the entity id.
            if (holding is not null) q = q.Concat(db.AuditEntries.Where(a => a.Id == holding.Id));
        }
        pageSize = Math.Clamp(pageSize, 1, 200);
        var total = await q.CountAsync(ct);
        var items = await q.AsNoTracking().OrderByDescending(a => a.Id)
            .Skip((Math.Clamp(page, 1, 1_000_000) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        foreach (var e in items) MaskPersonal(e);
        return new AuditPage(items, total);
    }

    /// <summary>
    /// A member's ID number, phone and birth date are shown in the log as everywhere else, masked: a whole value only
    /// through a reveal (docs/privacy.md). The stored entry and its hash are untouched; only what is read is masked.
    /// </summary>
    static void MaskPersonal(AuditEntry e)
    {
        if (e.Entity != nameof(Member)) return;
        e.Before = Masked(e.Before);
        e.After = Masked(e.After);
    }

    static string? Masked(string? snapshot)
    {
        if (snapshot is null || !snapshot.StartsWith('{')) return snapshot;
        var fields = JsonSerializer.Deserialize<SortedDictionary<string, JsonElement>>(snapshot);
        if (fields is null) return snapshot;
        var masked = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            masked[name] = (name, value.ValueKind) switch
            {
                (nameof(Member.IdNumber), JsonValueKind.String) => NationalId.Mask(value.GetString()!),
                (nameof(Member.Phone), JsonValueKind.String) => Phone.Mask(value.GetString()!),
                // The year, as every masked view shows it: the whole date would narrow the ID number's guesses.
                (nameof(Member.BirthDate), JsonValueKind.String) when value.GetString() is { Length: >= 4 } d =>
                    d[..4] + "-**-**",
                _ => value,
            };
        return Auditing.Snapshot(masked);
    }

    /// <summary>
    /// The entry that stands for many new rows (<see cref="AuditEntry.Rows"/>) and lists the row <paramref name="id"/>:
    /// of those whose first row is not above it, the one with the greatest first row, by the index on the entity id;
    /// then its list read. Their ranges never overlap within a district: only the check-in writer writes them, and it
    /// numbers a batch's rows under the chain's lock, after the last batch's, on one server or several; another
    /// writer's row numbered inside a range is a gap the list does not name. Such entries always name the district of
    /// their rows.
    /// </summary>
    static async Task<AuditEntry?> HoldingAsync(Scope scope, YihaoDb db, string? entity, long id, CancellationToken ct)
    {
        var after = AuditEntry.RowsAfter(id);
        foreach (var name in Auditing.ManyToAnEntry.Where(e => string.IsNullOrWhiteSpace(entity) || e == entity))
        {
            var near = await db.AuditEntries.AsNoTracking()
                .Where(a => a.DistrictId == scope.DistrictId && a.Entity == name && a.EntityId.CompareTo(after) < 0
                    && a.EntityId.Length == 21)
                .OrderByDescending(a => a.EntityId).FirstOrDefaultAsync(ct);
            if (near is not null && AuditEntry.TryRows(near.EntityId, out var first, out var last) && first <= id
                && id <= last && Lists(near.After, id))
                return near;
        }
        return null;
    }

    /// <summary>Whether an entry's text lists the row; a text that is not such a list (an edited entry, which verify
    /// reports) lists none.</summary>
    static bool Lists(string? rows, long id)
    {
        if (rows is null) return false;
        try
        {
            using var list = JsonDocument.Parse(rows);
            return list.RootElement.ValueKind == JsonValueKind.Array && list.RootElement.EnumerateArray()
                .Any(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("Id", out var v)
                    && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n == id);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Recomputes every hash in order, a chunk at a time.</summary>
    public static async Task<ChainCheck> VerifyAsync(YihaoDb db, CancellationToken ct)
    {
        var prev = AuditEntry.Genesis;
        long after = 0;
        var count = 0;
        while (true)
        {
            var chunk = await db.AuditEntries.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(1000)
                .ToListAsync(ct);
            if (chunk.Count == 0) return new ChainCheck(true, count, null);
            if (AuditEntry.FirstBroken(chunk, prev) is { } broken) return new ChainCheck(false, count, broken);
            count += chunk.Count;
            prev = chunk[^1].Hash;
            after = chunk[^1].Id;
        }
    }
}
