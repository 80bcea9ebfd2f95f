using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Commitments;

public static class CommitmentsApi
{
    public static RouteGroupBuilder MapCommitmentsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/commitments").WithTags("Commitments");
        // A repeat of the same commitment (the same member, words and day) answers 200 with the one there is.
        g.MapPost("", (CommitmentRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            var made = await CommitmentBook.MakeAsync(s, db, clock, body, ct);
            if (!made.IsOk) return made.ToHttp(_ => Results.Empty);
            var view = (await CommitmentBook.ViewsAsync(db, clock, [made.Value.Commitment], ct))[0];
            return made.Value.New ? TypedResults.Created($"/api/v1/commitments/{view.Id}", view)
                : TypedResults.Ok(view);
        })).Produces<CommitmentView>(StatusCodes.Status201Created).Produces<CommitmentView>();

        g.MapPost("/batch", (CommitmentBatchRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await CommitmentBook.MakeManyAsync(s, db, clock, body, ct),
                rows => CommitmentBook.ViewsAsync(db, clock, rows, ct))))
            .Produces<List<CommitmentView>>();

        g.MapGet("/{id:int}", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
                await Respond(await CommitmentBook.OneAsync(s, db, clock, id, ct), Task.FromResult)))
            .Produces<CommitmentView>();

        g.MapPost("/{id:int}/fulfilments", (int id, FulfilmentRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await CommitmentBook.FulfilAsync(s, db, clock, id, body, ct),
                c => CommitmentBook.ViewsAsync(db, clock, [c], ct).ContinueWith(t => t.Result[0], ct))))
            .Produces<CommitmentView>();

        g.MapPost("/{id:int}/answer", (int id, AnswerRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await CommitmentBook.AnswerAsync(s, db, clock, id, body, ct),
                c => CommitmentBook.ViewsAsync(db, clock, [c], ct).ContinueWith(t => t.Result[0], ct))))
            .Produces<CommitmentView>();

        var orgs = api.MapGroup("/orgs/{id:int}/commitments").WithTags("Commitments");
        orgs.MapGet("", (int id, int? year, bool? overdue, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await CommitmentBook.BoardAsync(s, db, clock, id, year, overdue ?? false, ct),
                Task.FromResult)))
            .Produces<CommitmentBoard>();

        orgs.MapGet("/counts", (int id, string? from, string? to, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            var org = await s.Orgs(db).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (org is null) return Problems.NotFound();
            var today = DistrictTime.Today(clock);
            var start = from is null ? new DateOnly(today.Year, 1, 1) : Domain.Words.Date(from);
            var end = to is null ? today : Domain.Words.Date(to);
            if (start is not { } f) return Problems.Invalid("from", "Write the date as 2026-12-01.");
            if (end is not { } t || t < f) return Problems.Invalid("to", "Write the date as 2026-12-01.");
            return TypedResults.Ok(await CommitmentBook.CommitmentCounts(db, org.DistrictId, org.Path, org.Id, f, t,
                ct));
        })).Produces<CommitmentCount>();
        return api;
    }
}
