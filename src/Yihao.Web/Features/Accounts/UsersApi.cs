using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Accounts;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Accounts");

        g.MapGet("/",
            (ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            s.ManagesAccounts ? TypedResults.Ok(await EditAccounts.ListAsync(s, db, clock, ct)) : Problems.Forbidden()))
            .Produces<List<UserView>>();

        g.MapPost("/",
            (CreateUserRequest body, ClaimsPrincipal user, YihaoDb db, UserManager<User> users, TimeProvider clock,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s => await Respond(await EditAccounts.CreateAsync(s, db, users, clock, body, ct),
                async u =>
                    new UserView(u.Id, u.UserName!, u.Role, u.OrgId,
                    await db.Orgs.Where(o => o.Id == u.OrgId).Select(o => o.Name).FirstAsync(ct), u.MemberId,
                        u.DisplayName, false),
                v => TypedResults.Created($"/api/v1/users/{v.Id}", v))))
            .Produces<UserView>(StatusCodes.Status201Created);

        g.MapPost("/{id:int}/sign-out-everywhere", (int id, ClaimsPrincipal user, YihaoDb db, UserManager<User> users,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
                (await EditAccounts.SignOutEverywhereAsync(s, db, users, id, ct))
                    .ToHttp(_ => TypedResults.NoContent())))
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/orgs/{branchId:int}/member-accounts",
            (int branchId, ClaimsPrincipal user, YihaoDb db, UserManager<User> users, TimeProvider clock,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await MemberAccounts.CreateForBranchAsync(s, db, users, clock, branchId, ct),
                    Task.FromResult)))
            .WithTags("Accounts").Produces<List<NewMemberAccount>>();
        return api;
    }
}
