using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Features.Commitments;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Dues;
using Yihao.Web.Features.Members;
using Yihao.Web.Features.Service;
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

        MapLedgerExports(g);
        g.MapDayExports();
    }

    /// <summary>The ledgers' exports: a branch's dues sheet and an org's arrears, commitments and service
    /// entries.</summary>
    static void MapLedgerExports(RouteGroupBuilder g)
    {
        g.MapGet("/orgs/{id:int}/dues/sheet/export.xlsx", (int id, string? month, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                if ((month is null ? DuesLedger.ThisMonth(clock) : Plans.ParseMonth(month)) is not { } at)
                    return Problems.Invalid("month", "Write the month as 2026-12.");
                var sheet = await DuesLedger.SheetAsync(s, db, id, at, ct);
                return sheet.IsOk ? DuesSheetOf(sheet.Value!) : sheet.ToHttp(_ => Results.Empty);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("A branch's monthly dues collection sheet (?month=), as .xlsx.");

        g.MapGet("/orgs/{id:int}/dues/arrears/export.xlsx", (int id, string? from, string? to, ClaimsPrincipal user,
            YihaoDb db, TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var v = await DuesLedger.ArrearsAsync(s, db, clock, id, from, to, ct);
                return v.IsOk ? await ArrearsOf(db, v.Value!, ct) : v.ToHttp(_ => Results.Empty);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The members under an org who owe dues over a window (?from=&to=), as .xlsx.");

        g.MapGet("/orgs/{id:int}/commitments/export.xlsx", (int id, int? year, bool? overdue, ClaimsPrincipal user,
            YihaoDb db, TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                var v = await CommitmentBook.BoardAsync(s, db, clock, id, year, overdue == true, ct);
                return v.IsOk ? await CommitmentsOf(db, v.Value!, ct) : v.ToHttp(_ => Results.Empty);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("An org's commitments of a year (?year=, ?overdue=true), as .xlsx.");

        g.MapGet("/service/entries/export.xlsx", (int? orgId, string? kind, string? period, string? state,
            string? metric, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var v = await ServiceLedger.ListAsync(s, db, new ServiceFilter(orgId, kind, period, state, metric), ct);
                return v.IsOk ? await ServiceOf(db, v.Value!, ct) : v.ToHttp(_ => Results.Empty);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The service ledger's entries, filtered as the list, as .xlsx.");
    }

    static Task<Dictionary<int, string>> NamesAsync(YihaoDb db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.Orgs.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    static XlsxExport<DuesSheetRow> DuesSheetOf(DuesSheet s) =>
        new($"{s.BranchName}-{s.Month}-{L.T("Dues collection sheet")}", s.Month,
        [
            new("Member's name", r => r.Name, 10),
            new("Standard (yuan)", r => r.Standard, Kind: XlsxKind.Money),
            new("Paid", r => r.Paid),
            new("Amount paid (yuan)", r => r.Payment?.Amount, Kind: XlsxKind.Money),
            new("Months paid", r => r.Payment?.Months),
            new("Paid on", r => r.Payment?.PaidOn, Kind: XlsxKind.Date),
            new("Receipt no.", r => r.Payment?.ReceiptNo, 12),
            new("Months owed", r => r.MonthsOwed),
            new("Owed (yuan)", r => r.AmountOwed, Kind: XlsxKind.Money),
        ], Xlsx.Rows(s.Rows));

    static async Task<XlsxExport<ArrearsMember>> ArrearsOf(YihaoDb db, ArrearsView v, CancellationToken ct)
    {
        var names = await NamesAsync(db, v.Owed.Select(o => o.BranchId), ct);
        return new($"{v.OrgName}-{v.From}-{v.To}-{L.T("Dues arrears")}", L.T("Dues arrears"),
        [
            new("Branch", m => names.GetValueOrDefault(m.BranchId), 20),
            new("Member's name", m => m.Name, 10),
            new("Months owed", m => m.MonthsOwed),
            new("Owed (yuan)", m => m.AmountOwed, Kind: XlsxKind.Money),
            new("Months unpaid", m => string.Join("、", m.Months), 30),
        ], Xlsx.Rows(v.Owed));
    }

    static async Task<XlsxExport<CommitmentView>> CommitmentsOf(YihaoDb db, CommitmentBoard b, CancellationToken ct)
    {
        var names = await NamesAsync(db, b.Commitments.Select(c => c.OrgId), ct);
        return new($"{b.OrgName}-{b.Year}-{L.T("Commitments")}", $"{b.Year}",
        [
            new("Branch", c => names.GetValueOrDefault(c.OrgId), 20),
            new("Member's name", c => c.MemberName, 10),
            new("Commitment", c => c.What, 40),
            new("For whom", c => c.ForWhom, 12),
            new("Made on", c => c.MadeOn, Kind: XlsxKind.Date),
            new("Due on", c => c.DueOn, Kind: XlsxKind.Date),
            new("Progress", c => L.T(StateWord(c.State)), 10),
            new("Overdue", c => c.Overdue),
            new("Confirmed on", c => c.ConfirmedOn, Kind: XlsxKind.Date),
        ], Xlsx.Rows(b.Commitments));
    }

    static async Task<XlsxExport<ServiceEntryView>> ServiceOf(YihaoDb db, List<ServiceEntryView> rows,
        CancellationToken ct)
    {
        var names = await NamesAsync(db, rows.Select(e => e.OrgId), ct);
        return new(L.T("Service ledger"), L.T("Service ledger"),
        [
            new("Branch", e => names.GetValueOrDefault(e.OrgId), 20),
            new("Kind", e => L.T(KindWord(e.Kind)), 10),
            new("Service date", e => e.DoneOn, Kind: XlsxKind.Date),
            new("Service given", e => e.What, 40),
            new("Members", e => string.Join("、", e.Members.Select(m => m.Name)), 16),
            new("Person served", e => e.ForWhom, 12),
            new("Result", e => e.Outcome ?? e.DisputeOutcome, 16),
            new("Hours", e => e.Hours),
            new("Progress", e => L.T(StateWord(e.State)), 10),
        ], Xlsx.Rows(rows));
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

    /// <summary>A commitment's or an entry's state (camelCase in the API) as an English key.</summary>
    static string StateWord(string state) => state switch
    {
        "open" => "Open",
        "reported" => "Reported, awaiting confirmation",
        "confirmed" => "Confirmed",
        "sentBack" => "Sent back",
        "pending" => "Awaiting confirmation",
        _ => state,
    };

    static string KindWord(string kind) => kind switch
    {
        "dispute" => "Dispute mediated",
        "thingDone" => "Thing done for the people",
        "pairingVisit" => "Pairing visit",
        "volunteering" => "Volunteering",
        "petition" => "Petition received",
        _ => kind,
    };

    static async IAsyncEnumerable<TOut> Select<TIn, TOut>(IAsyncEnumerable<TIn> rows, Func<TIn, TOut> map)
    {
        await foreach (var r in rows)
            yield return map(r);
    }
}
