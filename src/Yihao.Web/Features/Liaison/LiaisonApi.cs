using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Liaison;

public sealed record LiaisonCheckInView(int ActivityDayId, DateTimeOffset CheckedInAt, string By);

public static class LiaisonApi
{
    public static RouteGroupBuilder MapLiaisonApi(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/orgs/{branchId:int}/liaisons").WithTags("Liaison leaders");
        orgs.MapGet("",
            (int branchId, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await s.Orgs(db).AnyAsync(o => o.Id == branchId, ct)
                ? TypedResults.Ok(await Liaisons.ListAsync(db, branchId, null, ct)) : Problems.NotFound()))
            .Produces<List<LiaisonView>>();
        orgs.MapPost("",
            (int branchId, AssignRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Liaisons.AssignAsync(s, db, clock, branchId, body, ct),
                async a => (await Liaisons.ListAsync(db, a.OrgId, a.UserId, ct)).Single())))
            .Produces<LiaisonView>();
        orgs.MapDelete("/{userId:int}",
            (int branchId, int userId, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await Liaisons.UnassignAsync(s, db, branchId, userId, ct), _ => Task.FromResult(0),
                _ => TypedResults.NoContent())));

        api.MapGet("/liaison/branches",
            (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            s.Role == Roles.LiaisonLeader ? TypedResults.Ok(await Liaisons.ListAsync(db, null, s.UserId, ct))
                : Problems.Forbidden()))
            .WithTags("Liaison leaders").Produces<List<LiaisonView>>();

        api.MapPost("/activity-days/{id:int}/liaison-check-in",
            (int id, CheckInRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CheckInWriter writer, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return await Respond(
                    await Liaisons.CheckInAsync(s, db, clock, policy.Value, writer, id,
                    d => CheckIns.TokenValid(d, policy.Value, body.Code, now), ct),
                    d => Task.FromResult(ViewOf(d.Id, (d.LiaisonCheckedInAt!.Value, d.LiaisonCheckedInBy!))));
            })).WithTags("Liaison leaders").Produces<LiaisonCheckInView>();
        return api;
    }

    /// <summary>The answer to a liaison leader's check-in, here and in the scans' lane (<see
    /// cref="CheckInLane"/>).</summary>
    public static LiaisonCheckInView ViewOf(int dayId, (DateTime At, string By) first) =>
        new(dayId, ActivityDayView.Local(first.At), first.By);
}
