using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Members;
using Yihao.Web.Features.Stars;
using Yihao.Web.Features.Supervision;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Exports;

/// <summary>
/// Excel exports (导出 Excel) of the dashboard and the lists, each in the caller's scope: the same handlers as the
/// lists, so an export holds exactly what the list shows the caller (a town admin's only its subtree; covert visits
/// not yet recorded only for those who may see them). Signed in by token or by the pages' cookie, so that a page's
/// button is a plain link.
/// </summary>
public static class ExportsApi
{
    public static void MapExports(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery().WithTags("Exports");

        g.MapGet("/orgs/{id:int}/members/export.xlsx", (int id, string? q, ClaimsPrincipal user, YihaoDb db,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
                await Scoped(s, db, id, ct) is { } org ? Members(s, db, org, q) : Problems.NotFound()))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The members under an org (masked as in the list), as .xlsx.");

        g.MapGet("/orgs/{id:int}/dashboard/export.xlsx", (int id, string? month, string? year, ClaimsPrincipal user,
            YihaoDb db, TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var v = await DashboardFigures.ForAsync(s, db, clock, id, month, year, ct);
                return v.IsOk ? Dashboard(v.Value!) : v.ToHttp(_ => Results.Empty);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The dashboard's figures for the org and each org under it (?month= or ?year=), as .xlsx.");

        g.MapGet("/warnings/export.xlsx", (int? orgId, string? level, string? status, string? month,
            ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var filter = new Warnings.Filter(orgId, level, status, null, month, 0, 1);
                var first = await Warnings.ListAsync(s, db, filter, ct);
                if (!first.IsOk)
                    return first.ToHttp(_ => Results.Empty);
                return WarningsOf(Xlsx.Pages(async (skip, take) =>
                    (await Warnings.ListAsync(s, db, filter with { Skip = skip, Take = take }, ct)).Value?.Items));
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The warnings under the caller's node, filtered as the list, as .xlsx.");

        g.MapGet("/supervision/inspections/export.xlsx", (int? orgId, string? kind, string? state,
            ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var filter = new Inspections.Filter(orgId, kind, state, 0, 1);
                var first = await Inspections.ListAsync(s, db, filter, ct);
                if (!first.IsOk)
                    return first.ToHttp(_ => Results.Empty);
                return InspectionsOf(Xlsx.Pages(async (skip, take) =>
                    (await Inspections.ListAsync(s, db, filter with { Skip = skip, Take = take }, ct)).Value?.Items));
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("Inspections as the list shows them (covert visits not yet recorded only to inspectors and "
                + "district admins), as .xlsx.");

        g.MapGet("/supervision/problem-lists/export.xlsx", (int? orgId, string? state, bool? overdue,
            ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var filter = new ProblemLists.Filter(orgId, state, overdue, null, 0, 1);
                var first = await ProblemLists.ListAsync(s, db, clock, filter, ct);
                if (!first.IsOk)
                    return first.ToHttp(_ => Results.Empty);
                return ProblemListsOf(Xlsx.Pages(async (skip, take) =>
                    (await ProblemLists.ListAsync(s, db, clock, filter with { Skip = skip, Take = take }, ct))
                        .Value?.Items));
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("Problem lists as the list shows them, as .xlsx.");
    }

    static Task<Org?> Scoped(Scope s, YihaoDb db, int id, CancellationToken ct) =>
        s.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);

    static XlsxExport<MemberView> Members(Scope s, YihaoDb db, Org org, string? q)
    {
        var query = s.Members(db).AsNoTracking().Where(m => db.Orgs.Any(o => o.Id == m.OrgId
            && o.Path.StartsWith(org.Path)));
        if (q?.Trim() is { Length: > 0 } term)
            query = query.Where(m => m.Name.Contains(term));
        var rows = query.OrderBy(m => m.OrgId).ThenBy(m => m.Id)
            .Select(m => new { Member = m, OrgName = m.Org!.Name }).AsAsyncEnumerable();
        return new XlsxExport<MemberView>($"{org.Name}-{L.T("Members")}", L.T("Members"),
        [
            new("Branch", m => m.OrgName, 20),
            new("Member's name", m => m.Name, 10),
            new("Gender", m => L.T(m.Gender == "male" ? "Male" : "Female")),
            new("Birth year", m => m.BirthYear),
            new("ID number", m => m.IdNumber, 20),
            new("Phone", m => m.Phone, 14),
            new("Joined the Party", m => m.JoinedOn, Kind: XlsxKind.Date),
            new("Monthly dues", m => m.MonthlyDues, Kind: XlsxKind.Money),
        ], Select(rows, r => MemberView.Of(r.Member, r.OrgName, s)));
    }

    static XlsxExport<NodeFigures> Dashboard(DashboardView v)
    {
        var rows = new List<NodeFigures> { new(v.OrgId, v.Name, v.Kind, v.Figures) };
        rows.AddRange(v.Children);
        return new XlsxExport<NodeFigures>($"{v.Name}-{v.Period}-{L.T("Dashboard")}", v.Period,
        [
            new("Name", n => n.Name, 20),
            new("Expected", n => n.Figures.Attendance.Expected),
            new("Present", n => n.Figures.Attendance.Present),
            new("Online or at the door", n => n.Figures.Attendance.Online + n.Figures.Attendance.AtDoor),
            new("Excused", n => n.Figures.Attendance.Excused),
            new("Unexcused", n => n.Figures.Attendance.Unexcused),
            new("Attendance rate", n => n.Figures.Attendance.Expected == 0 ? null : n.Figures.Attendance.Rate,
                Kind: XlsxKind.Percent),
            new("Branch-months", n => n.Figures.Days.Branches),
            new("Held", n => n.Figures.Days.Held),
            new("Held on time", n => n.Figures.Days.HeldOnTime),
            new("Not held", n => n.Figures.Days.NotHeld),
            new("Red stars", n => n.Figures.Stars.Red),
            new("Yellow (qualified)", n => n.Figures.Stars.Yellow),
            new("Blue (unqualified)", n => n.Figures.Stars.Blue),
            new("Red warnings", n => n.Figures.Warnings?.Red),
            new("Open warnings", n => n.Figures.Warnings?.Open),
        ], Xlsx.Rows(rows));
    }

    static XlsxExport<WarningItem> WarningsOf(IAsyncEnumerable<WarningItem> rows) =>
        new(L.T("Warnings"), L.T("Warnings"),
        [
            new("Branch", w => w.OrgName, 20),
            new("Subject", w => w.SubjectName, 12),
            new("Level", w => L.T(w.Level == "red" ? "Red" : "Yellow")),
            new("Status", w => w.Status, 10),
            new("Month", w => w.Month),
            new("Raised", w => w.RaisedAt, Kind: XlsxKind.DateTime),
            new("Resolved", w => w.ResolvedAt, Kind: XlsxKind.DateTime),
            new("Reasons", w => string.Join("；", w.Reasons), 40),
        ], rows);

    static XlsxExport<InspectionView> InspectionsOf(IAsyncEnumerable<InspectionView> rows) =>
        new(L.T("Inspections"), L.T("Inspections"),
        [
            new("Branch", i => i.Branch, 20),
            new("Kind", i => i.Kind, 10),
            new("Planned on", i => DateOnly.TryParse(i.PlannedOn, out var d) ? d : null, Kind: XlsxKind.Date),
            new("Inspector", i => i.Inspector, 10),
            new("Status", i => i.State, 10),
            new("Recorded", i => i.RecordedAt, Kind: XlsxKind.DateTime),
            new("Findings", i => i.Findings.Count),
            new("Outcome", i => i.Outcome, 30),
        ], rows);

    static XlsxExport<ProblemListView> ProblemListsOf(IAsyncEnumerable<ProblemListView> rows) =>
        new(L.T("Problem lists"), L.T("Problem lists"),
        [
            new("Branch", p => p.Branch, 20),
            new("Issued", p => p.IssuedAt, Kind: XlsxKind.DateTime),
            new("Issued by", p => p.IssuedBy, 10),
            new("Status", p => p.State, 10),
            new("Items", p => p.Items),
            new("Open", p => p.Open),
            new("Overdue", p => p.Overdue),
            new("Closed", p => p.ClosedAt, Kind: XlsxKind.DateTime),
        ], rows);

    static async IAsyncEnumerable<TOut> Select<TIn, TOut>(IAsyncEnumerable<TIn> rows, Func<TIn, TOut> map)
    {
        await foreach (var r in rows)
            yield return map(r);
    }
}
