using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.CallOuts;

public static class CallOutsApi
{
    public static RouteGroupBuilder MapCallOutsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/call-outs").WithTags("CallOuts");
        g.MapGet("", (bool? open, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                WithScope(user, db, ct, async s => TypedResults.Ok(await CallOutsDesk.ListAsync(s, db, open ?? false,
                    ct))))
            .Produces<List<CallOutView>>()
            .WithSummary(L.CivicSummary("The call-outs the caller sees (?open=true: only open ones)."));

        g.MapGet("/{id:int}", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                WithScope(user, db, ct, async s => await Respond(await CallOutsDesk.GetAsync(s, db, id, ct),
                    Task.FromResult)))
            .Produces<CallOutView>()
            .WithSummary(L.CivicSummary("A call-out; its organizer sees the sign-ups by name."));

        // A repeat with the same Idempotency-Key answers 200 with the call-out there is; a new one 201.
        g.MapPost("", (CallOutRequest body, [FromHeader(Name = "Idempotency-Key")] string? key,
                ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                {
                    var outcome = await CallOutsDesk.CallAsync(s, db, clock, body, key, ct);
                    if (!outcome.IsOk) return outcome.ToHttp(_ => Results.Empty);
                    var view = (await CallOutsDesk.ViewsAsync(s, db, [outcome.Value.CallOut], false, ct))[0];
                    return outcome.Value.New
                        ? TypedResults.Created($"/api/v1/call-outs/{view.Id}", view) : TypedResults.Ok(view);
                }))
            .Produces<CallOutView>(StatusCodes.Status201Created).Produces<CallOutView>()
            .WithSummary(L.CivicSummary(
                "Calls the members under the caller's node for volunteers; they are told in the app and by SMS."));

        g.MapPost("/{id:int}/sign-up", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await CallOutsDesk.SignUpAsync(s, db, clock, id, ct),
                    async c => (await CallOutsDesk.ViewsAsync(s, db, [c], false, ct))[0])))
            .Produces<CallOutView>()
            .WithSummary(L.CivicSummary("A member signs up; a second sign-up is the first."));

        g.MapPut("/{id:int}/attendance", (int id, AttendanceRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await CallOutsDesk.RecordAsync(s, db, clock, id, body, ct),
                    async c => (await CallOutsDesk.ViewsAsync(s, db, [c], true, ct))[0])))
            .Produces<CallOutView>()
            .WithSummary(L.CivicSummary(
                "The organizer records who came and their hours; each becomes a volunteering entry of the ledger."));

        g.MapPost("/{id:int}/close", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                WithScope(user, db, ct, async s => await Respond(await CallOutsDesk.CloseAsync(s, db, id, ct),
                    async c => (await CallOutsDesk.ViewsAsync(s, db, [c], false, ct))[0])))
            .Produces<CallOutView>()
            .WithSummary(L.CivicSummary("The organizer closes the call-out: no more sign-ups."));
        return api;
    }
}
