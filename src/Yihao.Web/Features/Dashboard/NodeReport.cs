using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

public static partial class DashboardFigures
{
    /// <summary>
    /// The preamble of the reports of a node (the monthly report, the year's results): not for members, the node in
    /// the viewer's scope (else not found), the months the request asks for by <paramref name="period"/> (else its
    /// problem), and the node's full figures over them.
    /// </summary>
    public static async Task<Outcome<NodeReport>> ReportAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int orgId, Func<DateOnly, Outcome<(DateOnly From, DateOnly To, string Period)>> period, CancellationToken ct)
    {
        if (scope.IsMember)
            return Fail.Forbidden;
        var node = await NodeAsync(scope, db, clock, orgId, period, ct);
        if (!node.IsOk)
            return new Fail(node.Kind, node.Problems);
        var (org, today, from, to, label) = node.Value;
        var view = await ForAsync(db, org, from, to, label, today, false, ct);
        return new NodeReport(org, today, from, to, view);
    }

    /// <summary>The node a request names, in the viewer's scope (else not found), today, and the months the request
    /// asks for by <paramref name="period"/> (else its problem).</summary>
    public static async Task<Outcome<(Org Org, DateOnly Today, DateOnly From, DateOnly To, string Period)>> NodeAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int orgId,
        Func<DateOnly, Outcome<(DateOnly From, DateOnly To, string Period)>> period, CancellationToken ct)
    {
        var org = await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null)
            return Fail.NotFound;
        var today = DistrictTime.Today(clock);
        var months = period(today);
        if (!months.IsOk)
            return new Fail(months.Kind, months.Problems);
        var (from, to, label) = months.Value;
        return (org, today, from, to, label);
    }
}

/// <summary>What a report of a node starts from: the node, today, the report's months and the node's figures over
/// them.</summary>
public sealed record NodeReport(Org Org, DateOnly Today, DateOnly From, DateOnly To, DashboardView View);
