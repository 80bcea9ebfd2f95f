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

        g.MapGet("/", (string? entity, string? entityId, int? page, int? pageSize, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => s.IsDistrictAdmin
                ? TypedResults.Ok(await ListAsync(s, db, entity, entityId, page ?? 1, pageSize ?? 50, ct)) : Problems.Forbidden()))
            .Produces<AuditPage>();

        g.MapGet("/verify", (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => s.IsDistrictAdmin ? TypedResults.Ok(await VerifyAsync(db, ct)) : Problems.Forbidden()))
            .Produces<ChainCheck>();
        return api;
    }

    public static async Task<AuditPage> ListAsync(Scope scope, YihaoDb db, string? entity, string? entityId, int page, int pageSize, CancellationToken ct)
    {
        var q = db.AuditEntries.Where(a => a.DistrictId == scope.DistrictId || a.DistrictId == 0);
        if (!string.IsNullOrWhiteSpace(entity)) q = q.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            var holding = long.TryParse(entityId, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0
                ? await HoldingAsync(scope, db, entity, row, ct) : [];
            q = holding.Count == 0 ? q.Where(a => a.EntityId == entityId) : q.Where(a => a.EntityId == entityId || holding.Contains(a.Id));
        }
        pageSize = Math.Clamp(pageSize, 1, 200);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip((Math.Clamp(page, 1, 1_000_000) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(items, total);
    }

    /// <summary>
    /// The entries that stand for many new rows (<see cref="AuditEntry.Rows"/>) and list the row <paramref name="id"/>: each such
    /// entity's few with the greatest first row not above it, by the index on the entity id (a writer's batches follow each other,
    /// so it is the first of them unless several servers wrote at once), then their lists read.
    /// </summary>
    static async Task<List<long>> HoldingAsync(Scope scope, YihaoDb db, string? entity, long id, CancellationToken ct)
    {
        var after = AuditEntry.RowsAfter(id);
        var found = new List<long>();
        foreach (var name in string.IsNullOrWhiteSpace(entity) ? Auditing.ManyToAnEntry : [entity])
        {
            var near = await db.AuditEntries.AsNoTracking()
                .Where(a => a.DistrictId == scope.DistrictId && a.Entity == name && a.EntityId.CompareTo(after) < 0)
                .OrderByDescending(a => a.EntityId).Take(4).ToListAsync(ct);
            found.AddRange(near.Where(a => AuditEntry.TryRows(a.EntityId, out var first, out var last) && first <= id && id <= last && Lists(a.After, id)).Select(a => a.Id));
        }
        return found;
    }

    static bool Lists(string? rows, long id)
    {
        if (rows is null) return false;
        using var list = JsonDocument.Parse(rows);
        return list.RootElement.ValueKind == JsonValueKind.Array &&
               list.RootElement.EnumerateArray().Any(r => r.TryGetProperty("Id", out var v) && v.TryGetInt64(out var n) && n == id);
    }

    /// <summary>Recomputes every hash in order, a chunk at a time.</summary>
    public static async Task<ChainCheck> VerifyAsync(YihaoDb db, CancellationToken ct)
    {
        var prev = AuditEntry.Genesis;
        long after = 0;
        var count = 0;
        while (true)
        {
            var chunk = await db.AuditEntries.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(5000).ToListAsync(ct);
            if (chunk.Count == 0) return new ChainCheck(true, count, null);
            if (AuditEntry.FirstBroken(chunk, prev) is { } broken) return new ChainCheck(false, count, broken);
            count += chunk.Count;
            prev = chunk[^1].Hash;
            after = chunk[^1].Id;
        }
    }
}
