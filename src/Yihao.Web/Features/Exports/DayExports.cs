using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Exports;

/// <summary>
/// The exports of the activity days, a day's attendance and a branch's star board, each in the caller's scope through
/// the handlers the pages use. The days of an org (a town's year is thousands of rows) are read a page at a time and
/// written as they arrive.
/// </summary>
public static class DayExports
{
    public static void MapDayExports(this RouteGroupBuilder g)
    {
        g.MapGet("/orgs/{id:int}/activity-days/export.xlsx", (int id, int? year, ClaimsPrincipal user, YihaoDb db,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                if (year is < 2000 or > 2099)
                    return Problems.Invalid("year", "Write the year as 2026.");
                var org = await s.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
                return org is null ? Problems.NotFound() : DaysOf(s, db, org, year, ct);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("The activity days of the branches under an org (?year=), with their attendance rates, "
                + "as .xlsx.");

        g.MapGet("/activity-days/{id:int}/attendance/export.xlsx", (int id, ClaimsPrincipal user, YihaoDb db,
            CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                if (s.IsMember || await Plans.FindAsync(s, db, id, ct) is not { } day)
                    return Problems.NotFound();
                var branch = await db.Orgs.AsNoTracking().Where(o => o.Id == day.OrgId).Select(o => o.Name)
                    .FirstAsync(ct);
                return AttendanceOf($"{branch}-{day.Month:yyyy-MM}", await CheckIns.SheetAsync(db, day, ct));
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("A day's attendance sheet (每人的签到), as .xlsx; not for members.");

        g.MapGet("/orgs/{branchId:int}/stars/export.xlsx", (int branchId, string? month, ClaimsPrincipal user,
            YihaoDb db, TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
            {
                if (Plans.ParseMonth(month) is not { } m)
                    return Problems.Invalid("month", "Write the month as 2026-12.");
                var v = await Boards.GetAsync(s, db, clock, branchId, m, ct);
                if (!v.IsOk)
                    return v.ToHttp(_ => Results.Empty);
                var name = await db.Orgs.AsNoTracking().Where(o => o.Id == branchId).Select(o => o.Name)
                    .FirstAsync(ct);
                return StarsOf(name, v.Value!);
            }))
            .Produces(200, contentType: XlsxExport<int>.ContentType)
            .WithSummary("A branch's star board of a month (?month=), as the board shows it, as .xlsx.");
    }

    /// <summary>One row of the days' export: the day, its branch's name and its attendance rate once
    /// closed.</summary>
    public sealed record DayRow(ActivityDay Day, string Branch, double? Rate);

    static XlsxExport<DayRow> DaysOf(Scope s, YihaoDb db, Org org, int? year, CancellationToken ct)
    {
        var q = Plans.Visible(s, db.ActivityDays.AsNoTracking(), db)
            .Where(d => db.Orgs.Any(o => o.Id == d.OrgId && o.Path.StartsWith(org.Path)));
        if (year is { } y)
            q = q.Where(d => d.Month >= new DateOnly(y, 1, 1) && d.Month <= new DateOnly(y, 12, 1));
        var ordered = q.OrderBy(d => d.OrgId).ThenBy(d => d.Month).ThenBy(d => d.Id);
        var rows = Xlsx.Pages<DayRow>(async (skip, take) =>
        {
            var days = await ordered.Skip(skip).Take(take).ToListAsync(ct);
            var rates = await AttendanceStats.ClosedRatesAsync(db, days, ct);
            var ids = days.Select(d => d.OrgId).Distinct().ToList();
            var names = await db.Orgs.AsNoTracking().Where(o => ids.Contains(o.Id))
                .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            return days.Select(d => new DayRow(d, names.GetValueOrDefault(d.OrgId, ""),
                rates.TryGetValue(d.Id, out var r) ? r : null)).ToList();
        });
        var title = year is { } yy ? $"{org.Name}-{yy}-{L.T("Activity days")}" : $"{org.Name}-{L.T("Activity days")}";
        return new XlsxExport<DayRow>(title, L.T("Activity days"),
        [
            new("Branch", r => r.Branch, 20),
            new("Month", r => r.Day.Month.ToString("yyyy-MM"), Kind: XlsxKind.Text),
            new("Starts at", r => r.Day.StartsAt, Kind: XlsxKind.DateTime),
            new("Place", r => r.Day.Place, 20),
            new("State", r => L.State(r.Day.State), 8),
            new("Plan submitted late", r => r.Day.Late),
            new("Closed at", r => r.Day.ClosedAt, Kind: XlsxKind.DateTime),
            new("Attendance rate", r => r.Rate, Kind: XlsxKind.Percent),
        ], rows);
    }

    static XlsxExport<AttendanceRow> AttendanceOf(string title, AttendanceSheet sheet) =>
        new($"{title}-{L.T("Attendance")}", L.T("Attendance"),
        [
            new("Member's name", r => r.Name, 10),
            new("Participation", r => L.Of(Enum.Parse<Participation>(r.Participation, true)), 10),
            new("Status", r => r.Status is { } st ? L.Of(Enum.Parse<AttendanceStatus>(st, true)) : null, 10),
            new("Check-in method", r => r.Method is { } m ? MethodWord(m) : null, 10),
            new("Check-in time", r => r.At, Kind: XlsxKind.DateTime),
            new("Leave", r => r.Leave is { } l ? L.Of(Enum.Parse<LeaveDecision>(l, true)) : null),
            new("Note", r => r.Reason, 20),
        ], Xlsx.Rows(sheet.Items));

    static XlsxExport<StarItem> StarsOf(string branch, StarsView v) =>
        new($"{branch}-{v.Month}-{L.T("Star ratings")}", v.Month,
        [
            new("Member's name", i => i.Name, 10),
            new("Star", i => StarWords.Star(i.Star), 10),
            new("Reasons", i => string.Join("；", i.Reasons), 40),
            new("Adjusted from", i => i.Proposed is { } p ? StarWords.Star(p) : null, 10),
            new("Reason for the adjustment", i => i.OverrideReason, 20),
            new("Board state", _ => StarWords.Board(v.State), 8),
        ], Xlsx.Rows(v.Items));

    static string MethodWord(string method) => L.T(method switch
    {
        "qrScan" => "QR code scan",
        "personalCode" => "Personal code",
        "manual" => "By hand",
        "closing" => "At closing",
        "studyNote" => "Study note",
        "doorVisit" => "Door-step visit",
        _ => method,
    });
}
