using System.Security.Claims;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Dashboard;

/// <summary>What the drift check found: how many rollups it compared and every count that differs from the
/// records.</summary>
public sealed record RollupCheck(int Rows, IReadOnlyList<RollupDrift> Drift);

public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Dashboard");

        g.MapGet(
                "/orgs/{id:int}/dashboard",
                (
                    int id,
                    string? month,
                    string? year,
                    ClaimsPrincipal user,
                    YihaoDb db,
                    TimeProvider clock,
                    CancellationToken ct
                ) =>
                    WithScope(user, db, ct, async s =>
                        await Respond(
                            await DashboardFigures.ForAsync(s, db, clock, id, month, year, ct),
                            Task.FromResult
                        )
                    )
            )
            .Produces<DashboardView>()
            .WithSummary(
                "A node's figures for a month (?month=2026-12) or a year (?year=2026; the current year is "
                    + "the twelve months up to this one), its children's and the"
                    + " trend month by month; from the rollups. "
                    + "definitions in docs/dashboard.md"
            );

        g.MapGet("/orgs/{id:int}/report", (int id, string? month, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                    await Respond(await MonthReport.ForAsync(s, db, clock, id, month, ct), Task.FromResult)))
            .Produces<MonthReportView>()
            .WithSummary("A node's monthly report (?month=2026-12): the month's figures, the best and worst ten "
                + "branches by attendance, the branches with red warnings, the overdue problem lists (not members).");

        g.MapGet("/orgs/{id:int}/year-results", (int id, string? year, ClaimsPrincipal user, YihaoDb db,
                TimeProvider clock, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                    await Respond(await YearResults.ForAsync(s, db, clock, id, year, ct), Task.FromResult)))
            .Produces<YearResultsView>()
            .WithSummary("一年成效: a node's year (?year=2026, January to December) beside the source's figures — "
                + "attendance, disputes resolved, things done, commitments fulfilled, the most volunteers in one town "
                + "— each from the records (docs/figures.md; not members). A year without records says so "
                + "(hasRecords false).");

        g.MapGet("/rollups/check", (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                    s.IsDistrictAdmin ? TypedResults.Ok(await CheckAsync(db, s.DistrictId, ct)) : Problems.Forbidden()
                )
            )
            .Produces<RollupCheck>()
            .WithSummary(
                "Recomputes every rollup of the district from the records and lists each count that differs "
                    + "(district admins)."
            );

        g.MapPost("/rollups/rebuild", (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                {
                    if (!s.IsDistrictAdmin)
                        return Problems.Forbidden();
                    await Rollups.RebuildAsync(db, s.DistrictId, ct);
                    return TypedResults.Ok(await CheckAsync(db, s.DistrictId, ct));
                })
            )
            .Produces<RollupCheck>()
            .WithSummary(
                "Makes every rollup of the district anew from the records (district admins); answers with the "
                    + "check after it. Doing it twice changes nothing."
            );
        return api;
    }

    static async Task<RollupCheck> CheckAsync(YihaoDb db, int districtId, CancellationToken ct) =>
        new(
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Set<Domain.MonthRollup>(),
                r => r.DistrictId == districtId,
                ct
            ),
            await Rollups.CheckAsync(db, districtId, ct)
        );
}
