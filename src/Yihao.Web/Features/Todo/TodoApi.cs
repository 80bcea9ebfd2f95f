using System.Security.Claims;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Todo;

/// <summary>What is due for the caller's branch or town, and the town's reminder (催报).</summary>
public static class TodoApi
{
    public static RouteGroupBuilder MapTodoApi(this RouteGroupBuilder api)
    {
        api.MapGet("/todo", (ClaimsPrincipal user, YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy,
            CancellationToken ct) => WithScope(user, db, ct, async s => s.Role switch
            {
                Roles.BranchSecretary => TypedResults.Ok((await Due.ForBranchAsync(db, clock, policy.Value,
                    s.OrgId, ct)).Concat(await LedgerDue.ForAsync(s, db, clock, ct)).ToList()),
                Roles.TownAdmin => TypedResults.Ok(await Due.ForTownAsync(s, db, clock, policy.Value, ct) with
                {
                    Items = await LedgerDue.ForAsync(s, db, clock, ct),
                }),
                Roles.Inspector => TypedResults.Ok(await LedgerDue.ForAsync(s, db, clock, ct)),
                _ => Problems.Forbidden(),
            }))
            .WithTags("Activity days");

        api.MapPost("/orgs/{branchId:int}/urge", (int branchId, string? month, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Respond(
                await Urging.UrgeAsync(s, db, clock, policy.Value, branchId, month, ct), Task.FromResult)))
            .WithTags("Activity days").Produces<UrgeResult>();
        return api;
    }
}
