using System.Security.Claims;
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
        if (!string.IsNullOrWhiteSpace(entityId)) q = q.Where(a => a.EntityId == entityId);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip((Math.Clamp(page, 1, 1_000_000) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(items, total);
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
