using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Outbox;

public sealed record OutboxItem(long Id, string Channel, string To, string Body, DateTimeOffset DueAt, int Attempts);

public sealed record SendFailure(string? Error);

/// <summary>
/// The messages waiting for the district's SMS or e-mail gateway. Yihao never talks to a gateway itself: the district's
/// sender (a script on the government network, with a district admin's token) takes what is due and reports each one
/// back. Until a sender runs, messages simply wait: nothing is lost.
/// </summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/outbox").WithTags("Outbox");

        g.MapGet("/",
            (int? limit, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (!s.IsDistrictAdmin) return Problems.Forbidden();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Outbox.AsNoTracking()
                .Where(o => o.DistrictId == s.DistrictId && o.SentAt == null && o.DueAt <= now && o.Attempts < 5)
                .OrderBy(o => o.DueAt).ThenBy(o => o.Id).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
            return TypedResults.Ok(
                due.Select(o =>
                new OutboxItem(o.Id, o.Channel, o.To, o.Body, new DateTimeOffset(o.DueAt, TimeSpan.Zero), o.Attempts))
                    .ToList());
        })).Produces<List<OutboxItem>>();

        g.MapPost("/{id:long}/sent",
            (long id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (!s.IsDistrictAdmin) return Problems.Forbidden();
            var message = await db.Outbox.FirstOrDefaultAsync(o => o.Id == id && o.DistrictId == s.DistrictId, ct);
            if (message is null) return Problems.NotFound();
            if (message.SentAt is null)
            {
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.NoContent();
        }));

        g.MapPost("/{id:long}/failed",
            (long id, SendFailure body, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (!s.IsDistrictAdmin) return Problems.Forbidden();
            var message = await db.Outbox.FirstOrDefaultAsync(o => o.Id == id && o.DistrictId == s.DistrictId, ct);
            if (message is null) return Problems.NotFound();
            if (message.SentAt is not null) return TypedResults.NoContent();
            message.Attempts++;
            message.LastError = body.Error is { Length: > 500 } e ? e[..500] : body.Error;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }));
        return api;
    }
}
