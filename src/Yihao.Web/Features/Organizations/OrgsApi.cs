using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Organizations;

public static class OrgsApi
{
    public static RouteGroupBuilder MapOrgsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/orgs").WithTags("Organizations");

        g.MapGet("/root", (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            TypedResults.Ok(await OrgView.ForAsync(db, await db.Orgs.FirstAsync(o => o.Id == s.OrgId, ct), ct))))
            .Produces<OrgView>();

        g.MapGet("/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await s.Orgs(db).FirstOrDefaultAsync(o => o.Id == id, ct) is { } org
                ? TypedResults.Ok(await OrgView.ForAsync(db, org, ct)) : Problems.NotFound()))
            .Produces<OrgView>();

        g.MapGet("/{id:int}/children",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            var org = await s.Orgs(db).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (org is null) return Problems.NotFound();
            return TypedResults.Ok(await ChildrenAsync(db, org, ct));
        })).Produces<List<OrgView>>();

        g.MapPost("/",
            (CreateOrgRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await EditTree.CreateAsync(s, db, clock, body, ct), o => OrgView.ForAsync(db, o, ct),
                v => TypedResults.Created($"/api/v1/orgs/{v.Id}", v))))
            .Produces<OrgView>(StatusCodes.Status201Created);

        g.MapPut("/{id:int}",
            (int id, RenameOrgRequest body, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await EditTree.RenameAsync(s, db, id, body, ct), o => OrgView.ForAsync(db, o, ct))))
            .Produces<OrgView>();

        g.MapPost("/{id:int}/move",
            (int id, MoveOrgRequest body, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await EditTree.MoveAsync(s, db, id, body, ct), o => OrgView.ForAsync(db, o, ct))))
            .Produces<OrgView>();

        g.MapPost("/{id:int}/close",
            (int id, CloseOrgRequest? body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await EditTree.CloseAsync(s, db, clock, id, body ?? new(null), ct),
                o => OrgView.ForAsync(db, o, ct))))
            .Produces<OrgView>();
        return api;
    }

    public static async Task<List<OrgView>> ChildrenAsync(YihaoDb db, Domain.Org org, CancellationToken ct)
    {
        var children = await db.Orgs.Where(o => o.ParentId == org.Id).OrderBy(o => o.ClosedOn != null).ThenBy(o => o.Id)
            .ToListAsync(ct);
        return await OrgView.ForAsync(db, children, org.DistrictId, org.Path, ct);
    }
}
