using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Members;

public static class MembersApi
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/members").WithTags("Members");

        g.MapGet("/",
            (int? orgId, int? page, int? pageSize, string? q, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            var result = await ListAsync(s, db, orgId ?? s.OrgId, q, page ?? 1, pageSize ?? 50, ct);
            return result is null ? Problems.NotFound() : TypedResults.Ok(result);
        })).Produces<MemberPage>();

        g.MapGet("/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await FindAsync(s, db, id, ct) is { } v ? TypedResults.Ok(v) : Problems.NotFound()))
            .Produces<MemberView>();

        g.MapPost("/",
            (MemberBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await EditMembers.CreateAsync(s, db, clock, body, ct), m => ViewAsync(s, db, m, ct),
                v => TypedResults.Created($"/api/v1/members/{v.Id}", v))))
            .Produces<MemberView>(StatusCodes.Status201Created);

        g.MapPut("/{id:int}",
            (int id, MemberBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await EditMembers.UpdateAsync(s, db, clock, id, body, ct), m => ViewAsync(s, db, m, ct))))
            .Produces<MemberView>();

        g.MapGet("/{id:int}/transfers",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await s.Members(db).AnyAsync(m => m.Id == id && (!s.IsMember || s.MemberId == id), ct)
                ? TypedResults.Ok(await EditMembers.HistoryAsync(db, id, ct)) : Problems.NotFound()))
            .Produces<List<TransferView>>();

        g.MapPost("/{id:int}/transfers",
            (int id, TransferRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await EditMembers.TransferAsync(s, db, clock, id, body, ct), m => ViewAsync(s, db, m, ct))))
            .Produces<MemberView>();

        g.MapPost("/{id:int}/reveal",
                (int id, RevealRequest body, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                    WithScope(user, db, ct, async s =>
                        (await Reveals.RevealAsync(s, db, id, body, ct)).ToHttp(v => TypedResults.Ok(v))))
            .Produces<RevealView>()
            .WithDescription("The whole ID number or phone of one member, for the district admin or the member's " +
                             "own branch secretary, with the reason typed; every reveal is written to the audit log " +
                             "with its reason.");

        api.MapPost("/orgs/{branchId:int}/members/import",
            (int branchId, HttpRequest request, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var (file, problem) = await Upload.ReadFileAsync(request, "file", ImportRoster.MaxBytes, ct);
                if (problem is { } p) return p;
                var outcome = await ImportRoster.RunAsync(s, db, clock, branchId, file!, ct);
                if (!outcome.IsOk) return outcome.ToHttp(_ => Results.Empty);
                var result = outcome.Value!;
                return result.Ok
                    ? TypedResults.Ok(
                        new { imported = result.Imported, created = result.Created, updated = result.Updated })
                    : TypedResults.Problem(title: L.T("The file has bad rows; nothing was imported."), statusCode: 400,
                        extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
            }))
            .WithTags("Members").AcceptsFile("file");
        return api;
    }

    /// <summary>The members under a node, a page at a time; null when the node is outside the scope.</summary>
    public static async Task<MemberPage?> ListAsync(Scope scope, YihaoDb db, int orgId, string? q, int page,
        int pageSize, CancellationToken ct)
    {
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null) return null;
        page = Math.Clamp(page, 1, 1_000_000);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query =
            db.Members.Where(m => m.DistrictId == org.DistrictId
            && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(org.Path)));
        // A fellow member's record is not a member's to read.
        if (scope.IsMember) query = query.Where(m => m.Id == scope.MemberId);
        if (q?.Trim() is { Length: > 0 } term) query = query.Where(m => m.Name.Contains(term));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(m => m.OrgId).ThenBy(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new { Member = m, OrgName = m.Org!.Name }).ToListAsync(ct);
        return new MemberPage(rows.Select(r => MemberView.Of(r.Member, r.OrgName, scope)).ToList(), total);
    }

    public static async Task<MemberView?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct)
    {
        var row = await scope.Members(db).Where(m => m.Id == id).Select(m => new { Member = m, OrgName = m.Org!.Name })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : MemberView.Of(row.Member, row.OrgName, scope);
    }

    static async Task<MemberView> ViewAsync(Scope scope, YihaoDb db, Member m, CancellationToken ct) =>
        MemberView.Of(m, await db.Orgs.Where(o => o.Id == m.OrgId).Select(o => o.Name).FirstAsync(ct), scope);
}
