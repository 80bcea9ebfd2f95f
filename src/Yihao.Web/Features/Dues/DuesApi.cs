using System.Security.Claims;
using Yihao.Web.Data;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Dues;

public static class DuesApi
{
    public static RouteGroupBuilder MapDuesApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members/{memberId:int}/dues").WithTags("Dues");
        members.MapGet("",
            (int memberId, string? from, string? to, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await DuesLedger.MemberAsync(s, db, clock, memberId, from, to, ct), Task.FromResult)))
            .Produces<MemberDuesView>();

        members.MapPost("/standards", (int memberId, DuesStandardRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await DuesLedger.SetStandardAsync(s, db, clock, memberId, body, ct), x => Task.FromResult(
                    new DuesStandardView(x.Id, x.EffectiveFrom.ToString("yyyy-MM"), x.Category?.ToString() is { } c
                        ? char.ToLowerInvariant(c[0]) + c[1..] : null, x.MonthlyIncome, x.Amount, x.Reason,
                            x.RecordedBy,
                        x.RecordedAt)),
                v => TypedResults.Created($"/api/v1/members/{memberId}/dues", v))))
            .Produces<DuesStandardView>(StatusCodes.Status201Created);

        // A repeat of the same payment answers 200 with the payment there is; a new one 201.
        members.MapPost("/payments", (int memberId, DuesPaymentRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            (await DuesLedger.PayAsync(s, db, clock, memberId, body, ct)).ToHttp(p => p.New
                ? TypedResults.Created($"/api/v1/members/{memberId}/dues", DuesEntryView.Of(p.Payment, false))
                : TypedResults.Ok(DuesEntryView.Of(p.Payment, false)))))
            .Produces<DuesEntryView>(StatusCodes.Status201Created).Produces<DuesEntryView>();

        members.MapPost("/reversals", (int memberId, DuesReversalRequest body, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            (await DuesLedger.ReverseAsync(s, db, clock, memberId, body, ct)).ToHttp(p => p.New
                ? TypedResults.Created($"/api/v1/members/{memberId}/dues", DuesEntryView.Of(p.Reversal, false))
                : TypedResults.Ok(DuesEntryView.Of(p.Reversal, false)))))
            .Produces<DuesEntryView>(StatusCodes.Status201Created).Produces<DuesEntryView>();

        var orgs = api.MapGroup("/orgs/{id:int}/dues").WithTags("Dues");
        orgs.MapGet("/sheet", (int id, string? month, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            var m = month is null ? DuesLedger.ThisMonth(clock) : Plans.ParseMonth(month);
            return m is { } at
                ? await Respond(await DuesLedger.SheetAsync(s, db, id, at, ct), Task.FromResult)
                : Problems.Invalid("month", "Write the month as 2026-12.");
        })).Produces<DuesSheet>();

        orgs.MapGet("/arrears", (int id, string? from, string? to, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
                CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Respond(await DuesLedger.ArrearsAsync(s, db, clock, id, from, to, ct), Task.FromResult)))
            .Produces<ArrearsView>();
        return api;
    }
}
