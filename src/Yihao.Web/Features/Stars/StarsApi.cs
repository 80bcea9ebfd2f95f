using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Stars;

public sealed record MonthRecordRequest(string? Month, int MemberId, string? Service);

public sealed record MonthRecordView(int MemberId, string Month, string? Service);

public static class StarsApi
{
    public static RouteGroupBuilder MapStarsApi(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/orgs/{branchId:int}").WithTags("Stars");

        orgs.MapGet("/stars",
            (int branchId, string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await ForMonth(month, m => Boards.GetAsync(s, db, clock, branchId, m, ct))))
            .Produces<StarsView>();

        orgs.MapPost("/stars/propose",
            (int branchId, string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await ForMonth(month, m => Boards.ProposeAsync(s, db, clock, branchId, m, ct))))
            .Produces<ProposeResult>();

        orgs.MapPost("/stars/override",
            (int branchId, OverrideRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Boards.OverrideAsync(s, db, clock, branchId, body, ct), Task.FromResult)))
                .Produces<StarsView>();

        orgs.MapPost("/stars/confirm",
            (int branchId, string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await ForMonth(month, m => Boards.ConfirmAsync(s, db, clock, branchId, m, ct))))
            .Produces<StarsView>();

        orgs.MapPost("/stars/publish",
            (int branchId, string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await ForMonth(month, m => Boards.PublishAsync(s, db, clock, branchId, m, ct))))
            .Produces<StarsView>();

        orgs.MapPost("/stars/objections",
            (int branchId, ObjectionRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Boards.ObjectAsync(s, db, clock, branchId, body, ct),
                o => Task.FromResult(new { o.Id, o.MemberId, o.Reason, o.At }),
                v => TypedResults.Created($"/api/v1/orgs/{branchId}/stars?month={body.Month}", v))));

        orgs.MapPost("/member-months",
            (int branchId, MonthRecordRequest body, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await RecordMonthAsync(s, db, branchId, body, ct), Task.FromResult)))
                .Produces<MonthRecordView>();

        orgs.MapGet("/display-links",
            (int branchId, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            Boards.MayRate(s) && await s.Orgs(db).AnyAsync(o => o.Id == branchId, ct)
                ? TypedResults.Ok(await DisplayLinks.ListAsync(db, branchId, ct)) : Problems.NotFound()))
            .Produces<List<DisplayLinkView>>();
        orgs.MapPost("/display-links",
            (int branchId, HttpRequest request, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await DisplayLinks.CreateAsync(s, db, clock, branchId, ct),
                m => Task.FromResult(new { m.Link.Id, Url = DisplayLinks.Url(request, m) }),
                v => TypedResults.Created($"/api/v1/orgs/{branchId}/display-links", v))));
        orgs.MapDelete("/display-links/{linkId:int}",
            (int branchId, int linkId, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await DisplayLinks.RevokeAsync(s, db, clock, branchId, linkId, ct), _ => Task.FromResult(0),
                _ => TypedResults.NoContent())));

        var warnings = api.MapGroup("/warnings").WithTags("Warnings");
        warnings.MapGet("", (int? orgId, string? level, string? status, string? subjectKind, string? month, int? skip,
            int? take, string? q, string? sort, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Respond(await Warnings.ListAsync(s, db,
                new Warnings.Filter(orgId, level, status, subjectKind, month, skip ?? 0, take ?? 100, q, sort), ct),
                Task.FromResult)))
            .Produces<WarningList>();

        warnings.MapGet("/notices",
            (bool? markRead, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            TypedResults.Ok(await Warnings.UnreadAsync(s, db, clock, markRead ?? false, ct))))
                .Produces<List<WarningItem>>();

        warnings.MapGet("/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Warnings.FindAsync(s, db, id, ct) is { } w ? TypedResults.Ok(await Warnings.ViewAsync(db, w, ct))
                : Problems.NotFound()))
            .Produces<WarningItem>();

        warnings.MapPost("/{id:int}/follow-ups",
            (int id, FollowUpRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await Warnings.FollowUpAsync(s, db, clock, id, body, ct),
                w => Warnings.ViewAsync(db, w, ct))))
            .Produces<WarningItem>();

        warnings.MapPost("/evaluate",
            (string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (!s.IsDistrictAdmin) return Problems.Forbidden();
            if (Plans.ParseMonth(month) is not { } m) return Problems.Invalid("month", "Write the month as 2026-12.");
            return TypedResults.Ok(await Warnings.EvaluateAsync(db, clock, s.DistrictId, m, ct: ct));
        })).Produces<EvaluationResult>();

        var policy = api.MapGroup("/policy").WithTags("Policy");
        policy.MapGet("",
            (string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            var today = DistrictTime.Today(clock);
            var m = month is null ? new DateOnly(today.Year, today.Month, 1) : Plans.ParseMonth(month);
            return m is { } at ? TypedResults.Ok(Policies.View(await Policies.InForceAsync(db, s.DistrictId, at, ct)))
                : Problems.Invalid("month", "Write the month as 2026-12.");
        })).Produces<PolicyView>();

        policy.MapGet("/versions",
            (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            TypedResults.Ok(
                (await db.StarPolicies.AsNoTracking().Where(p => p.DistrictId == s.DistrictId)
                .OrderBy(p => p.EffectiveFrom).ToListAsync(ct)).Select(Policies.View).ToList())))
            .Produces<List<PolicyView>>();

        policy.MapPost("/versions",
            (PolicyRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            (await Policies.AddAsync(s, db, clock, body, ct)).ToHttp(added => added.New
                ? TypedResults.Created("/api/v1/policy/versions", Policies.View(added.Version))
                : TypedResults.Ok(Policies.View(added.Version)))))
            .Produces<PolicyView>(StatusCodes.Status201Created).Produces<PolicyView>();

        policy.MapPost("/what-if",
            (WhatIfRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await WhatIf.CompareAsync(s, db, clock, body, ct), Task.FromResult)))
                .Produces<WhatIfResult>();
        return api;
    }

    /// <summary>A handler for one month of a board: a month written wrong is a 400 before anything is read.</summary>
    static async Task<IResult> ForMonth<T>(string? month, Func<DateOnly, Task<Outcome<T>>> act) =>
        Plans.ParseMonth(month) is { } m ? await Respond(await act(m), Task.FromResult)
            : Problems.Invalid("month", "Write the month as 2026-12.");

    /// <summary>
    /// The secretary records what a member did for the people in a month: an entry of the service ledger (a thing done,
    /// 为群众办事), confirmed at once, done on the month's first day. A second save of the same month changes that entry's
    /// text; an empty one removes it. Dues are paid into the dues ledger.
    /// </summary>
    public static async Task<Outcome<MonthRecordView>> RecordMonthAsync(Scope scope, YihaoDb db, int branchId,
        MonthRecordRequest r, CancellationToken ct = default)
    {
        if (Plans.ParseMonth(r.Month) is not { } month) return Fail.Invalid("month", "Write the month as 2026-12.");
        if (await scope.Members(db)
            .FirstOrDefaultAsync(m => m.Id == r.MemberId && m.OrgId == branchId,
            ct) is not { } member) return Fail.NotFound;
        if (!Boards.MayRate(scope)) return Fail.Forbidden;
        var service = r.Service?.Trim();
        if (service?.Length > ServiceRules.TextMax) return Fail.Invalid("service", "The text is too long.");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (month > DistrictTime.Today(db.Clock)) return Fail.Invalid("month", "The month cannot be in the future.");
        var key = $"month:{member.Id}:{month:yyyy-MM}";
        var entry = await db.ServiceEntries.Include(e => e.Members).FirstOrDefaultAsync(e =>
            e.DistrictId == member.DistrictId && e.RecordedByUserId == scope.UserId && e.RequestKey == key, ct);
        if (string.IsNullOrEmpty(service))
        {
            if (entry is not null) db.ServiceEntries.Remove(entry);
        }
        else if (entry is null)
            db.ServiceEntries.Add(new ServiceEntry
            {
                DistrictId = member.DistrictId,
                OrgId = branchId,
                Kind = ServiceKind.ThingDone,
                State = ServiceState.Confirmed,
                What = service,
                DoneOn = month,
                RequestKey = key,
                RecordedByUserId = scope.UserId,
                RecordedBy = scope.UserName,
                RecordedAt = now,
                ConfirmedBy = scope.UserName,
                ConfirmedAt = now,
                Members = [new ServiceEntryMember { DistrictId = member.DistrictId, MemberId = member.Id }],
            });
        else entry.What = service;
        var row = await db.MemberMonths.FirstOrDefaultAsync(x => x.MemberId == member.Id && x.Month == month, ct);
        if (row is null) db.MemberMonths.Add(row =
            new MemberMonthRecord { DistrictId = member.DistrictId, MemberId = member.Id, Month = month });
        (row.RecordedBy, row.UpdatedAt) = (scope.UserName, now);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail
            : new MonthRecordView(member.Id, month.ToString("yyyy-MM"), string.IsNullOrEmpty(service) ? null : service);
    }
}
