using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Service;

public static class ServiceApi
{
    public static RouteGroupBuilder MapServiceApi(this RouteGroupBuilder api)
    {
        var entries = api.MapGroup("/service/entries").WithTags("Service");
        entries.MapGet("", (int? orgId, string? kind, string? period, string? state, string? metric,
                ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await ServiceLedger.ListAsync(s, db, new ServiceFilter(orgId, kind, period, state, metric),
                ct), Task.FromResult))).Produces<List<ServiceEntryView>>();

        entries.MapGet("/{id:int}", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Respond(await ServiceLedger.GetAsync(s, db, id, ct),
                Task.FromResult))).Produces<ServiceEntryView>();

        // A repeat with the same Idempotency-Key answers 200 with the entry there is; a new one 201.
        entries.MapPost("", (ServiceEntryRequest body, [FromHeader(Name = "Idempotency-Key")] string? key,
                ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var outcome = await ServiceLedger.RecordAsync(s, db, clock, body, key, ct);
                if (!outcome.IsOk) return outcome.ToHttp(_ => Results.Empty);
                var view = (await ServiceLedger.ViewsAsync(s, db, [outcome.Value.Entry], ct))[0];
                return outcome.Value.New
                    ? TypedResults.Created($"/api/v1/service/entries/{view.Id}", view) : TypedResults.Ok(view);
            })).Produces<ServiceEntryView>(StatusCodes.Status201Created).Produces<ServiceEntryView>();

        entries.MapPut("/{id:int}", (int id, ServiceEntryRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await ServiceLedger.ReviseAsync(s, db, clock, id, body, ct),
                async e => (await ServiceLedger.ViewsAsync(s, db, [e], ct))[0]))).Produces<ServiceEntryView>();

        entries.MapPost("/{id:int}/confirm", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await ServiceLedger.ConfirmAsync(s, db, clock, id, ct),
                async e => (await ServiceLedger.ViewsAsync(s, db, [e], ct))[0]))).Produces<ServiceEntryView>();

        entries.MapPost("/{id:int}/send-back", (int id, SendBackRequest body, ClaimsPrincipal user, YihaoDb db,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await ServiceLedger.SendBackAsync(s, db, id, body, ct),
                async e => (await ServiceLedger.ViewsAsync(s, db, [e], ct))[0]))).Produces<ServiceEntryView>();

        var pairings = api.MapGroup("/service/pairings").WithTags("Service");
        pairings.MapPost("", (PairingRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            (await ServiceLedger.PairAsync(s, db, clock, body, ct)).ToHttp(p => p.New
                ? TypedResults.Created($"/api/v1/service/pairings/{p.Pairing.Id}", new { p.Pairing.Id })
                : TypedResults.Ok(new { p.Pairing.Id }))));

        var orgs = api.MapGroup("/orgs/{id:int}/service").WithTags("Service");
        orgs.MapGet("/pairings", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Respond(await ServiceLedger.PairingsAsync(s, db, id, ct),
                Task.FromResult))).Produces<List<PairingView>>();
        orgs.MapGet("/counts", (int id, string? period, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await ServiceCounts.ForAsync(s, db, clock, id, period, ct), Task.FromResult)))
            .Produces<ServiceCountsView>();
        return api;
    }
}
