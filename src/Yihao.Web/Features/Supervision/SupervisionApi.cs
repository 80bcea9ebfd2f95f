using System.Security.Claims;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Supervision;

/// <summary>The supervision API (督查): inspections, problem lists and their rectification, samples, phone
/// checks.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/supervision").WithTags("Supervision");
        g.MapAnomaliesApi();

        g.MapGet("/checklist", (ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s => Inspections.Reads(s)
                ? TypedResults.Ok((await Inspections.RuleAsync(db, s.DistrictId, clock, ct)).Checklist.Select(L.T)
                    .ToList())
                : Problems.Forbidden()))
            .Produces<List<string>>()
                .WithDescription("The district's checklist, from its policy (supervision.checklist).");

        g.MapGet("/inspections", (int? orgId, string? kind, string? state, int? skip, int? take, ClaimsPrincipal user,
            YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
                (await Inspections.ListAsync(s, db, new Inspections.Filter(orgId, kind, state, skip ?? 0, take ?? 100),
                    ct))
                    .ToHttp(v => TypedResults.Ok(v))))
            .Produces<InspectionList>()
            .WithDescription("Covert visits not yet recorded are listed for inspectors and district admins only.");

        g.MapPost("/inspections", (InspectionRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await Inspections.PlanAsync(s, db, clock, body, ct),
                    async a => (a.New, await Inspections.ViewAsync(db, a.Inspection, ct)),
                    v => v.New ? TypedResults.Created($"/api/v1/supervision/inspections/{v.Item2.Id}", v.Item2)
                        : TypedResults.Ok(v.Item2))))
            .Produces<InspectionView>(StatusCodes.Status201Created).Produces<InspectionView>()
            .WithDescription("The same kind, branch, date and inspector again answers the first plan (200).");

        g.MapGet("/inspections/{id:int}", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Inspections.FindAsync(s, db, id, ct) is { } i
                ? TypedResults.Ok(await Inspections.ViewAsync(db, i, ct)) : Problems.NotFound()))
            .Produces<InspectionView>();

        g.MapPost("/inspections/{id:int}/record", (int id, RecordRequest body, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await Inspections.RecordAsync(s, db, clock, id, body, ct),
                    i => Inspections.ViewAsync(db, i, ct))))
            .Produces<InspectionView>();

        g.MapPost("/inspections/{id:int}/problem-list", (int id, IssueRequest body, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await ProblemLists.IssueAsync(s, db, clock, id, body, ct),
                    async a => (a.New, await ProblemLists.ViewAsync(db, clock, a.List, ct)),
                    v => v.New ? TypedResults.Created($"/api/v1/supervision/problem-lists/{v.Item2.Id}", v.Item2)
                        : TypedResults.Ok(v.Item2))))
            .Produces<ProblemListView>(StatusCodes.Status201Created).Produces<ProblemListView>()
            .WithDescription(
                "One list per inspection: issuing again answers the first (200). A deadline left out is today plus " +
                             "the policy's supervision.rectifyDays.");

        g.MapGet("/problem-lists", (int? orgId, string? state, bool? overdue, bool? answered, int? skip, int? take,
            ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                (await ProblemLists.ListAsync(s, db, clock,
                    new ProblemLists.Filter(orgId, state, overdue, answered, skip ?? 0, take ?? 100), ct))
                    .ToHttp(v => TypedResults.Ok(v))))
            .Produces<ProblemListPage>();

        g.MapGet("/problem-lists/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await ProblemLists.FindAsync(s, db, id, ct) is { } l
                ? TypedResults.Ok(await ProblemLists.ViewAsync(db, clock, l, ct)) : Problems.NotFound()))
            .Produces<ProblemListView>();

        g.MapPost("/problem-items/{id:int}/answer", (int id, HttpRequest request, ClaimsPrincipal user, YihaoDb db,
            IFileStore store, TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            if (!request.HasFormContentType) return Problems.Invalid("text",
                "Send the answer as a form (multipart/form-data).");
            var form = await request.ReadFormAsync(ct);
            var files = new List<UploadedFile>();
            foreach (var f in form.Files)
            {
                if (f.Length > Domain.ProblemEvidence.MaxBytes) return Problems.Invalid("files",
                    "Each file is at most 10 MB.");
                using var ms = new MemoryStream();
                await f.CopyToAsync(ms, ct);
                files.Add(new UploadedFile(ms.ToArray(), f.FileName));
            }
            return await Respond(
                await ProblemLists.AnswerAsync(s, db, store, clock, id, form["text"].ToString(), files, ct),
                i => ListOfAsync(s, db, clock, i.ListId, ct));
        })).Accepts<IFormFile>("multipart/form-data").Produces<ProblemListView>()
            .WithDescription("Form fields: text (what was done) and up to five files (photos or PDF, 10 MB each).");

        g.MapPost("/problem-items/{id:int}/accept", (int id, ItemReview body, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await ProblemLists.AcceptAsync(s, db, clock, id, body, ct),
                    i => ListOfAsync(s, db, clock, i.ListId, ct))))
            .Produces<ProblemListView>();

        g.MapPost("/problem-items/{id:int}/reopen", (int id, ItemReview body, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Respond(await ProblemLists.ReopenAsync(s, db, clock, id, body, ct),
                    i => ListOfAsync(s, db, clock, i.ListId, ct))))
            .Produces<ProblemListView>();

        g.MapGet("/evidence/{id:int}", (int id, HttpContext http, ClaimsPrincipal user, YihaoDb db, IFileStore store,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
                await ProblemLists.EvidenceAsync(s, db, id, ct) is { } e
                    ? await StoredFiles.ServeAsync(http, store, e.File, e.Name)
                    : Problems.NotFound()));

        g.MapSamplesApi();
        return api;
    }

    static async Task<ProblemListView> ListOfAsync(Scope s, YihaoDb db, TimeProvider clock, int listId,
        CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await ProblemLists.ViewAsync(db, clock, (await ProblemLists.FindAsync(s, db, listId, ct))!, ct);
    }
}
