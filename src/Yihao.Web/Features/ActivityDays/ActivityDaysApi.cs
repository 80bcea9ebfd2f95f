using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.ActivityDays;

public sealed record CheckInRequest(string? Code);

public sealed record CodeView(string Token, string Url, int StepSeconds, bool Open);

public static class ActivityDaysApi
{
    public static RouteGroupBuilder MapActivityDaysApi(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/orgs").WithTags("Activity days");
        var g = api.MapGroup("/activity-days").WithTags("Activity days");

        orgs.MapGet("/{branchId:int}/activity-days",
            (int branchId, int? year, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            var branch = await s.Orgs(db).FirstOrDefaultAsync(o => o.Id == branchId, ct);
            if (branch is null) return Problems.NotFound();
            var q = Plans.Visible(s, db.ActivityDays.Include(d => d.Agenda), db).Where(d => d.OrgId == branchId);
            if (year is < 2000 or > 2099) return Problems.Invalid("year", "Write the month as 2026-12.");
            if (year is { } y) q = q.Where(d => d.Month >= new DateOnly(y, 1, 1) && d.Month <= new DateOnly(y, 12, 1));
            var days = await q.OrderByDescending(d => d.Month).Take(120).ToListAsync(ct);
            return TypedResults.Ok(days.Select(d => ActivityDayView.Of(d, branch.Name, s)).ToList());
        })).Produces<List<ActivityDayView>>();

        orgs.MapPost("/{branchId:int}/activity-days",
            (int branchId, PlanRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await Plans.DraftAsync(s, db, clock, policy.Value, branchId, body, ct),
                    d => ViewAsync(db, d, ct),
                v => TypedResults.Created($"/api/v1/activity-days/{v.Id}", v))))
            .Produces<ActivityDayView>(StatusCodes.Status201Created);

        orgs.MapGet("/{id:int}/attendance",
            (int id, string? month, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            var org = await s.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
            if (org is null) return Problems.NotFound();
            if (Plans.ParseMonth(month) is not { } m) return Problems.Invalid("month", "Write the month as 2026-12.");
            return TypedResults.Ok(await AttendanceStats.ForAsync(db, org, m, ct));
        })).Produces<AttendanceCounts>();

        g.MapGet("/review-queue",
            (ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            s.Role is Roles.TownAdmin or Roles.DistrictAdmin ? TypedResults.Ok(await ReviewQueueAsync(s, db, ct))
                : Problems.Forbidden()))
            .Produces<List<ActivityDayView>>();

        g.MapGet("/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Plans.FindAsync(s, db, id, ct) is { } d ? TypedResults.Ok(await ViewAsync(db, d, ct, s))
                : Problems.NotFound()))
            .Produces<ActivityDayView>();

        g.MapPut("/{id:int}",
            (int id, PlanRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await Plans.UpdateAsync(s, db, clock, policy.Value, id, body, ct),
                    d => ViewAsync(db, d, ct))))
            .Produces<ActivityDayView>();

        g.MapPost("/{id:int}/submit",
            (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await Plans.SubmitAsync(s, db, clock, policy.Value, id, ct), d => ViewAsync(db, d, ct))))
            .Produces<ActivityDayView>();

        g.MapPost("/{id:int}/review",
            (int id, ReviewRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await Plans.ReviewAsync(s, db, clock, policy.Value, id, body, ct),
                    d => ViewAsync(db, d, ct))))
            .Produces<ActivityDayView>();

        g.MapGet("/{id:int}/code",
            (int id, HttpRequest request, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            {
                var day = await Plans.FindAsync(s, db, id, ct);
                if (day is null) return Problems.NotFound();
                if (!Plans.MayPlan(s)) return Problems.Forbidden();
                return TypedResults.Ok(Code(day, request, clock, policy.Value));
            })).Produces<CodeView>();

        // The hot path of the day: the member comes from the signed token (an account's member never changes) and the
        // day's facts from a few seconds' cache, so a scan reads nothing and waits only for its row's group commit.
        g.MapPost("/{id:int}/check-in",
            async (int id, CheckInRequest body, ClaimsPrincipal user, TimeProvider clock,
            IOptions<ActivityPolicy> policy, MeetingFacts meetings, CheckInWriter writer, HttpRequest request,
            CancellationToken ct) =>
        {
            if (!int.TryParse(user.FindFirstValue(Scope.MemberClaim), CultureInfo.InvariantCulture,
                out var me)) return Problems.Forbidden();
            var now = clock.GetUtcNow().UtcDateTime;
            return await Respond(
                await CheckIns.SelfAsync(clock, policy.Value, meetings, writer, id, me,
                d => CheckIns.TokenValid(d, policy.Value, body.Code, now), Features.CheckIn.DeviceKey.Of(request), ct),
                a => Task.FromResult(AttendanceOf(a)));
        }).Produces<AttendanceView>();

        g.MapPost("/{id:int}/attendance",
            (int id, ManualCheckIn body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, PersonalCodes codes, CheckInWriter writer, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await CheckIns.BySecretaryAsync(s, db, clock, policy.Value, codes, writer, id, body, ct),
                    a => Task.FromResult(AttendanceOf(a)))))
            .Produces<AttendanceView>();

        g.MapGet("/{id:int}/attendance",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Plans.FindAsync(s, db, id, ct) is { } d && !s.IsMember
                ? TypedResults.Ok(await CheckIns.SheetAsync(db, d, ct)) : Problems.NotFound()))
            .Produces<AttendanceSheet>();

        g.MapPost("/{id:int}/leave",
            (int id, LeaveAsk body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
            s.MemberId is { } me
                ? await Respond(await DayClosing.AskLeaveAsync(db, clock, id, me, body, ct),
                l => Task.FromResult(LeaveOf(l))) : Problems.Forbidden()))
            .Produces<LeaveView>();

        g.MapGet("/{id:int}/leave",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            if (await Plans.FindAsync(s, db, id, ct) is null || s.IsMember) return Problems.NotFound();
            var leaves = await db.LeaveRequests.AsNoTracking().Where(l => l.ActivityDayId == id)
                .OrderBy(l => l.RequestedAt).ToListAsync(ct);
            return TypedResults.Ok(leaves.Select(LeaveOf).ToList());
        })).Produces<List<LeaveView>>();

        api.MapPost("/leave/{leaveId:int}/decision",
            (int leaveId, LeaveDecide body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await DayClosing.DecideLeaveAsync(s, db, clock, leaveId, body, ct),
                    l => Task.FromResult(LeaveOf(l)))))
            .WithTags("Activity days").Produces<LeaveView>();

        g.MapPost("/{id:int}/close",
            (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await DayClosing.CloseAsync(s, db, clock, policy.Value, id, ct),
                    d => ViewAsync(db, d, ct))))
            .Produces<ActivityDayView>();

        g.MapGet("/{id:int}/make-ups",
            (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (await Plans.FindAsync(s, db, id, ct) is null || s.IsMember) return Problems.NotFound();
            var today = DistrictTime.Today(clock);
            var rows = await db.MakeUps.AsNoTracking().Where(m => m.ActivityDayId == id)
                .Join(db.Members, m => m.MemberId, x => x.Id, (m, x) => new { m, x.Name }).ToListAsync(ct);
            return TypedResults.Ok(
                rows.Select(r =>
                new MakeUpView(r.m.MemberId, r.Name, r.m.DueOn, r.m.DoneOn, r.m.What, r.m.IsOverdue(today))).ToList());
        })).Produces<List<MakeUpView>>();

        g.MapPut("/{id:int}/make-ups/{memberId:int}",
            (int id, int memberId, MakeUpDone body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) =>
            WithScope(user, db, ct,
                async s => await Respond(await DayClosing.RecordMakeUpAsync(s, db, clock, id, memberId, body, ct),
                m => Task.FromResult(
                    new MakeUpView(m.MemberId, "", m.DueOn, m.DoneOn, m.What,
                    m.IsOverdue(DistrictTime.Today(clock)))))))
            .Produces<MakeUpView>();

        g.MapPost("/{id:int}/study-notes",
            (int id, StudyNoteBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct, async s => s.MemberId is { } me
                ? await Respond(await DayClosing.SubmitNoteAsync(db, clock, policy.Value, id, me, body, ct),
                    n => Task.FromResult(
                    new StudyNoteView(n.Id, n.MemberId, n.Text, ActivityDayView.Local(n.SubmittedAt))))
                : Problems.Forbidden()))
            .Produces<StudyNoteView>();

        g.MapPost("/{id:int}/door-visits",
            (int id, DoorVisitBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await DayClosing.DoorVisitAsync(s, db, clock, policy.Value, id, body, ct),
                    a => Task.FromResult(AttendanceOf(a)))))
            .Produces<AttendanceView>();
        g.MapGet("/{id:int}/six-musts", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Plans.FindAsync(s, db, id, ct) is not null && !s.IsMember
                ? TypedResults.Ok(await MustsViewAsync(db, policy.Value, clock, id,
                    await db.SixMusts.AsNoTracking().FirstOrDefaultAsync(m => m.ActivityDayId == id, ct), ct))
                : Problems.NotFound()))
            .Produces<SixMustsView>();

        g.MapPut("/{id:int}/six-musts", (int id, SixMustsBody body, ClaimsPrincipal user, YihaoDb db,
            TimeProvider clock, IOptions<ActivityPolicy> policy, CancellationToken ct) =>
                WithScope(user, db, ct, async s =>
                await Respond(await DayRecords.SaveSixMustsAsync(s, db, clock, id, body, ct),
                    m => MustsViewAsync(db, policy.Value, clock, id, m, ct))))
            .Produces<SixMustsView>();

        g.MapPost("/{id:int}/photos", (int id, HttpRequest request, ClaimsPrincipal user, YihaoDb db, IFileStore store,
            TimeProvider clock, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            var (file, problem) = await Upload.ReadFileAsync(request, "file", DayPhoto.MaxBytes, ct);
            if (problem is { } p) return p;
            var form = await request.ReadFormAsync(ct);
            var upload = new UploadedFile(file!, form.Files.GetFile("file")?.FileName);
            var added = await DayRecords.AddPhotoAsync(s, db, store, clock, id, upload, form["caption"].ToString(), ct);
            // A photo the day has already is answered as it is (200), not made again (201).
            return added.ToHttp(a => a.Added
                ? TypedResults.Created($"/api/v1/activity-days/{id}/photos/{a.Photo.Id}", PhotoView.Of(a))
                : TypedResults.Ok(PhotoView.Of(a)));
        })).AcceptsFile("file").Produces<PhotoView>(StatusCodes.Status201Created).Produces<PhotoView>();

        g.MapGet("/{id:int}/photos/{photoId:int}",
            (int id, int photoId, HttpContext http, ClaimsPrincipal user, YihaoDb db,
            IFileStore store, CancellationToken ct) => WithScope(user, db, ct, async s =>
                await DayRecords.PhotoFileAsync(s, db, id, photoId, ct) is { } file
                    ? await StoredFiles.ServeAsync(http, store, file, null)
                    : Problems.NotFound()));

        g.MapGet("/{id:int}/archive.xlsx", (int id, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            IOptions<ActivityPolicy> policy, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await ArchiveData.LoadAsync(s, db, clock, policy.Value, id, ct) is { } a
                ? TypedResults.File(a.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"{a.BranchName}-{a.Day.Month:yyyy-MM}.xlsx")
                : Problems.NotFound()));

        api.MapPost("/members/{memberId:int}/aids",
            (int memberId, AidBody body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct,
                async s =>
                await Respond(await DayRecords.AddAidAsync(s, db, clock, memberId, body, ct),
                    a => Task.FromResult(AidOf(a)),
                v => TypedResults.Created($"/api/v1/members/{memberId}/aids/{v.Id}", v))))
            .WithTags("Members").Produces<AidView>(StatusCodes.Status201Created);

        api.MapGet("/members/{memberId:int}/aids",
            (int memberId, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
        {
            if (!await s.Members(db)
                .AnyAsync(m => m.Id == memberId && (!s.IsMember || s.MemberId == memberId),
                ct)) return Problems.NotFound();
            var aids = await db.Aids.AsNoTracking().Where(a => a.MemberId == memberId).OrderByDescending(a => a.GivenOn)
                .ToListAsync(ct);
            return TypedResults.Ok(aids.Select(AidOf).ToList());
        })).WithTags("Members").Produces<List<AidView>>();
        return api;
    }

    /// <summary>The six musts with the day's compliance (待完成 before the day; the photo counted where
    /// required).</summary>
    static async Task<SixMustsView> MustsViewAsync(
        YihaoDb db, ActivityPolicy policy, TimeProvider clock, int dayId, SixMusts? musts, CancellationToken ct)
    {
        var view = SixMustsView.Of(musts);
        var day = await db.ActivityDays.AsNoTracking().FirstAsync(d => d.Id == dayId, ct);
        return view.With(await DayCompliance.ForAsync(db, day, view, policy, clock, ct));
    }

    static AidView AidOf(Aid a) => new(a.Id, a.MemberId, a.GivenOn, a.Amount, a.Reason, a.ApprovedBy);

    public static async Task<List<ActivityDayView>> ReviewQueueAsync(Scope s, YihaoDb db, CancellationToken ct)
    {
        var rows = await db.ActivityDays.Include(d => d.Agenda)
            .Where(d => d.State == ActivityState.Submitted && d.DistrictId == s.DistrictId)
            .Join(s.Orgs(db), d => d.OrgId, o => o.Id, (d, o) => new { d, o.Name }).OrderBy(x => x.d.SubmittedAt)
                .Take(500).ToListAsync(ct);
        return rows.Select(x => ActivityDayView.Of(x.d, x.Name)).ToList();
    }

    public static CodeView Code(ActivityDay day, HttpRequest request, TimeProvider clock, ActivityPolicy policy)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = CheckIns.CurrentToken(day, policy, now);
        return new CodeView(token, $"{request.Scheme}://{request.Host}/c/{day.Id}?t={token}", policy.CodeStepSeconds,
            CheckIns.WindowOpen(day, policy, now));
    }

    static async Task<ActivityDayView> ViewAsync(YihaoDb db, ActivityDay d, CancellationToken ct,
        Scope? viewer = null) =>
        ActivityDayView.Of(d, await db.Orgs.Where(o => o.Id == d.OrgId).Select(o => o.Name).FirstAsync(ct), viewer);

    internal static AttendanceView AttendanceOf(Attendance a) =>
        new(a.ActivityDayId, a.MemberId, Words.Camel(a.Status), Words.Camel(a.Method), ActivityDayView.Local(a.At),
        a.Reason);

    static LeaveView LeaveOf(LeaveRequest l) =>
        new(l.Id, l.ActivityDayId, l.MemberId, l.Reason, ActivityDayView.Local(l.RequestedAt), Words.Camel(l.Decision),
        l.DecidedBy);
}

public sealed record AttendanceView(int ActivityDayId, int MemberId, string Status, string Method, DateTimeOffset At,
    string? Reason);
public sealed record LeaveView(int Id, int ActivityDayId, int MemberId, string Reason, DateTimeOffset RequestedAt,
    string Decision, string? DecidedBy);
public sealed record MakeUpView(int MemberId, string Name, DateOnly DueOn, DateOnly? DoneOn, string? What,
    bool Overdue);
public sealed record StudyNoteView(int Id, int MemberId, string Text, DateTimeOffset SubmittedAt);
