using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Deliberation;

public static class DeliberationApi
{
    public static RouteGroupBuilder MapDeliberationApi(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/deliberation/topics").WithTags("Deliberation");
        topics.MapGet("", (int? orgId, string? state, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.ListAsync(s, db, clock, orgId, state, ct), Task.FromResult)))
            .Produces<List<TopicView>>()
            .WithSummary(L.CivicSummary("The deliberation topics under a node (?state=open, overdue, done, dropped)."));

        topics.MapGet("/{id:int}", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.GetAsync(s, db, clock, id, ct), Task.FromResult)))
            .Produces<TopicView>()
            .WithSummary(L.CivicSummary("A deliberation topic with its whole history."));

        // A repeat for the same agenda item answers 200 with the topic there is; a new one 201.
        topics.MapPost("", (RaiseRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var outcome = await Topics.RaiseAsync(s, db, clock, body, ct);
                if (!outcome.IsOk) return outcome.ToHttp(_ => Results.Empty);
                var view = (await Topics.ViewsAsync(db, clock, [outcome.Value.Topic], ct))[0];
                return outcome.Value.New
                    ? TypedResults.Created($"/api/v1/deliberation/topics/{view.Id}", view) : TypedResults.Ok(view);
            })).Produces<TopicView>(StatusCodes.Status201Created).Produces<TopicView>()
            .WithSummary(L.CivicSummary(
                "Raises a topic from a deliberation item: what was raised, the decision, owner, due date."
            ));

        topics.MapPut("/{id:int}", (int id, TopicEdit body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.EditAsync(s, db, clock, id, body, ct),
                async t => (await Topics.ViewsAsync(db, clock, [t], ct))[0]))).Produces<TopicView>()
            .WithSummary(L.CivicSummary(
                "Changes an open topic: what was raised, conclusion, decision, owner, due date; omitted fields kept."
            ));

        topics.MapPost("/{id:int}/follow-ups", (int id, FollowUpRequest body,
                [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.FollowUpAsync(s, db, clock, id, body, key, ct),
                async t => (await Topics.ViewsAsync(db, clock, [t], ct))[0]))).Produces<TopicView>()
            .WithSummary(L.CivicSummary("Records a follow-up of an open topic: when and what was done."));

        topics.MapPost("/{id:int}/done", (int id, CloseRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.DoneAsync(s, db, clock, id, body, ct),
                async t => (await Topics.ViewsAsync(db, clock, [t], ct))[0]))).Produces<TopicView>()
            .WithSummary(L.CivicSummary("Marks a topic done, saying what came of it."));

        topics.MapPost("/{id:int}/drop", (int id, DropRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.DropAsync(s, db, clock, id, body, ct),
                async t => (await Topics.ViewsAsync(db, clock, [t], ct))[0]))).Produces<TopicView>()
            .WithSummary(L.CivicSummary("Drops a topic; the reason is required."));

        topics.MapPost("/{id:int}/agenda", (int id, ToAgendaRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
                await Respond(await Topics.ToAgendaAsync(s, db, clock, policy.Value, id, body, ct),
                    async d => ActivityDayView.Of(d, await db.Orgs.Where(o => o.Id == d.OrgId)
                        .Select(o => o.Name).FirstAsync(ct), s))))
            .Produces<ActivityDayView>()
            .WithSummary(L.CivicSummary("Puts an open topic on a draft plan's agenda; a repeat adds it once."));

        api.MapGet("/deliberation/days/{id:int}/pending", (int id, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Topics.PendingAsync(s, db, id, ct),
                rows => Topics.ViewsAsync(db, clock, rows, ct))))
            .WithTags("Deliberation").Produces<List<TopicView>>()
            .WithSummary(L.CivicSummary("The branch's open topics not yet on this plan's agenda."));
        return api;
    }
}
