using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Me;

public sealed record NotificationView(int Id, int? ActivityDayId, string Title, string Body, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

/// <summary>
/// A month of my attendance (我的考勤): a make-up owed for it is overdue (逾期) when its due date has passed undone, and
/// stays so when it was done late, as on the secretary's list of make-ups.
/// </summary>
public sealed record HistoryRow(int ActivityDayId, string Month, string Status, DateOnly? MakeUpDue,
    DateOnly? MakeUpDone, bool MakeUpOverdue);

public sealed record MyDay(ActivityDayView Day, string? MyStatus, string? MyLeave, bool HasStudyNote);

public sealed record MeView(int MemberId, string Name, string BranchName, MyDay? Next,
    IReadOnlyList<NotificationView> Notifications, IReadOnlyList<HistoryRow> History);

/// <summary>A member's own view (我的): the next activity day and its notice, their leave, study notes and attendance
/// history.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/me").WithTags("Me");
        g.MapGet("/",
            (ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            s.MemberId is { } me ? TypedResults.Ok(await LoadAsync(db, clock, me, ct)) : Problems.NotFound()))
            .Produces<MeView>();
        g.MapGet("/stars",
            (ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            s.MemberId is { } me ? TypedResults.Ok(await MyStars.LoadAsync(db, clock, me, ct)) : Problems.NotFound()))
            .Produces<List<MyStar>>();
        g.MapPost("/notifications/{id:int}/read",
            (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            s.MemberId is { } me && await Notices.MarkReadAsync(db, clock, me, id, ct) ? TypedResults.NoContent()
                : Problems.NotFound()));
        g.MapGet("/thought-reports",
            (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            s.MemberId is { } me ? TypedResults.Ok(await ThoughtReports.MineAsync(db, me, ct)) : Problems.NotFound()))
            .Produces<List<ThoughtReportView>>();
        g.MapPost("/thought-reports",
            (ThoughtReportBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            await Respond(await ThoughtReports.SubmitAsync(s, db, clock, body, ct),
                async t =>
                ThoughtReports.View(t,
                    await db.Members.Where(m => m.Id == t.MemberId).Select(m => m.Name).FirstAsync(ct)))))
            .Produces<ThoughtReportView>();
        api.MapGet("/orgs/{branchId:int}/thought-reports",
            (int branchId, string? month, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (s.IsMember || !await s.Orgs(db).AnyAsync(o => o.Id == branchId, ct)) return Problems.NotFound();
            return Plans.ParseMonth(month) is { } m
                ? TypedResults.Ok(await ThoughtReports.ForBranchAsync(db, branchId, m, ct))
                : Problems.Invalid("month", "Write the month as 2026-12.");
        })).WithTags("Me").Produces<List<ThoughtReportView>>();
        return api;
    }

    public static async Task<MeView> LoadAsync(YihaoDb db, TimeProvider clock, int memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Include(m => m.Org).FirstAsync(m => m.Id == memberId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var next = await db.ActivityDays.AsNoTracking().Include(d => d.Agenda)
            .Where(d => d.OrgId == member.OrgId && d.State == ActivityState.Approved && d.EndsAt >= now.AddDays(-1))
            .OrderBy(d => d.StartsAt).FirstOrDefaultAsync(ct);
        MyDay? mine = null;
        if (next is not null)
        {
            var status = await db.Attendances.Where(a => a.ActivityDayId == next.Id && a.MemberId == memberId)
                .Select(a => (AttendanceStatus?)a.Status).FirstOrDefaultAsync(ct);
            var leave = await db.LeaveRequests.Where(l => l.ActivityDayId == next.Id && l.MemberId == memberId)
                .Select(l => (LeaveDecision?)l.Decision).FirstOrDefaultAsync(ct);
            var noted = await db.StudyNotes.AnyAsync(n => n.ActivityDayId == next.Id && n.MemberId == memberId, ct);
            mine = new MyDay(ActivityDayView.Of(next, member.Org!.Name), status is { } st ? Words.Camel(st) : null,
                leave is { } l ? Words.Camel(l) : null, noted);
        }
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.MemberId == memberId)
            .OrderByDescending(n => n.Id).Take(20).ToListAsync(ct);
        // Attendance has no index by member alone: at the morning's scans each row wrote a page of it picked at random,
        // and on SQLite that was a fifth of the burst. A member's rows are read through the days of the branches the
        // member has been in, by the member-and-day key: a member is expected, and so has attendance, only where a
        // transfer took them (the first, on joining, too).
        var branches = db.Transfers.Where(t => t.MemberId == memberId).Select(t => t.ToOrgId);
        var history = await db.ActivityDays.Where(d => branches.Contains(d.OrgId))
            .Join(db.Attendances.Where(a => a.MemberId == memberId), d => d.Id, a => a.ActivityDayId,
                (d, a) => new { a.ActivityDayId, d.Month, a.Status })
            .OrderByDescending(x => x.Month).Take(24).ToListAsync(ct);
        var makeUps = await db.MakeUps.AsNoTracking().Where(m => m.MemberId == memberId)
            .ToDictionaryAsync(m => m.ActivityDayId, ct);
        var today = DistrictTime.Today(clock);
        return new MeView(member.Id, member.Name, member.Org!.Name, mine,
            notifications.Select(n =>
                new NotificationView(n.Id, n.ActivityDayId, n.Title, n.Body, ActivityDayView.Local(n.CreatedAt),
                n.ReadAt is { } r ? ActivityDayView.Local(r) : null)).ToList(),
            history.Select(h =>
            {
                var m = makeUps.GetValueOrDefault(h.ActivityDayId);
                return new HistoryRow(h.ActivityDayId, h.Month.ToString("yyyy-MM"), Words.Camel(h.Status), m?.DueOn,
                    m?.DoneOn, m?.IsOverdue(today) ?? false);
            }).ToList());
    }
}
