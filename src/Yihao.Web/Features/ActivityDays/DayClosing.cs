using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record LeaveAsk(string? Reason);
public sealed record LeaveDecide(bool Approve);
public sealed record MakeUpDone(string? DoneOn, string? What);
public sealed record StudyNoteBody(string? Text);
public sealed record DoorVisitBody(int MemberId, string? What);

/// <summary>Leave, closing the day, make-ups, and the online and door-step ways of taking part.</summary>
public static class DayClosing
{
    /// <summary>A member asks for leave before the meeting starts; asking again updates the reason while it is
    /// undecided.</summary>
    public static async Task<Outcome<LeaveRequest>> AskLeaveAsync(YihaoDb db, TimeProvider clock, int dayId,
        int memberId, LeaveAsk r, CancellationToken ct = default)
    {
        var day = await db.ActivityDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId, ct);
        if (day is null || !await Expected.At(db, day.OrgId, Expected.DateOf(day))
            .AnyAsync(m => m.Id == memberId, ct)) return Fail.NotFound;
        var reason = (r.Reason ?? "").Trim();
        if (reason.Length == 0) return Fail.Invalid("reason", "Say why you ask for leave.");
        if (reason.Length > 500) return Fail.Invalid("reason", "The reason is too long.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (day.State == ActivityState.Closed) return Fail.Invalid("state", "The day is closed.");
        if (day.State != ActivityState.Approved) return Fail.NotFound;
        if (now >= day.StartsAt) return Fail.Invalid("reason", "Leave is asked before the meeting starts.");
        var existing =
            await db.LeaveRequests.FirstOrDefaultAsync(l => l.ActivityDayId == dayId && l.MemberId == memberId, ct);
        if (existing is not null)
        {
            if (existing.Decision != LeaveDecision.Pending || existing.Reason == reason) return existing;
            existing.Reason = reason;
            await db.SaveChangesAsync(ct);
            return existing;
        }
        var leave =
            new LeaveRequest
            {
                DistrictId = day.DistrictId,
                ActivityDayId = dayId,
                MemberId = memberId,
                Reason = reason,
                RequestedAt = now
            };
        db.LeaveRequests.Add(leave);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(leave).State = EntityState.Detached;
            return await db.LeaveRequests.AsNoTracking()
                .FirstAsync(l => l.ActivityDayId == dayId && l.MemberId == memberId, ct);
        }
        return leave;
    }

    public static async Task<Outcome<LeaveRequest>> DecideLeaveAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int leaveId, LeaveDecide r, CancellationToken ct = default)
    {
        var leave = await db.LeaveRequests.FirstOrDefaultAsync(l => l.Id == leaveId, ct);
        var day = leave is null ? null : await Plans.FindAsync(scope, db, leave.ActivityDayId, ct);
        if (leave is null || day is null) return Fail.NotFound;
        if (!Plans.MayPlan(scope)) return Fail.Forbidden;
        var wanted = r.Approve ? LeaveDecision.Approved : LeaveDecision.Refused;
        if (leave.Decision == wanted) return leave;
        if (day.State == ActivityState.Closed) return Fail.Invalid("state", "The day is closed.");
        leave.Decision = wanted;
        leave.DecidedAt = clock.GetUtcNow().UtcDateTime;
        leave.DecidedBy = scope.UserName;
        db.Notifications.Add(await Notices.LeaveDecidedAsync(db, day, leave, ct));
        await db.SaveChangesAsync(ct);
        return leave;
    }

    /// <summary>
    /// Closing fixes every expected member's status: present as checked in; a mobile member's study note in time is
    /// online; approved leave is excused; anything else missed is unexcused. Everyone who missed it owes a make-up.
    /// Closing twice changes nothing.
    /// </summary>
    public static async Task<Outcome<ActivityDay>> CloseAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int dayId, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State == ActivityState.Closed) return day;
        if (day.State != ActivityState.Approved) return Fail.Invalid("state",
            "Only an approved plan's day can be closed.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < day.StartsAt) return Fail.Invalid("state", "The meeting has not started yet.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var date = Expected.DateOf(day);
        var expected = await Expected.At(db, day.OrgId, date).Select(m => new { m.Id, m.Participation })
            .ToListAsync(ct);
        var recorded = await db.Attendances.Where(a => a.ActivityDayId == day.Id).Select(a => a.MemberId)
            .ToListAsync(ct);
        var approved =
            await db.LeaveRequests.Where(l => l.ActivityDayId == day.Id && l.Decision == LeaveDecision.Approved)
            .Select(l => l.MemberId).ToListAsync(ct);
        var noted = await db.StudyNotes.Where(n => n.ActivityDayId == day.Id).Select(n => n.MemberId).ToListAsync(ct);
        var due = date.AddDays(policy.MakeUpDays);
        foreach (var m in expected.Where(m => !recorded.Contains(m.Id)))
        {
            var status = m.Participation == Participation.Mobile && noted.Contains(m.Id) ? AttendanceStatus.Online
                : approved.Contains(m.Id) ? AttendanceStatus.Excused : AttendanceStatus.Unexcused;
            db.Attendances.Add(
                new Attendance
                {
                    DistrictId = day.DistrictId,
                    ActivityDayId = day.Id,
                    MemberId = m.Id,
                    Status = status,
                    Method = status == AttendanceStatus.Online ? CheckInMethod.StudyNote : CheckInMethod.Closing,
                    At = now,
                    RecordedBy = scope.UserName
                });
            if (status != AttendanceStatus.Online)
                db.MakeUps.Add(
                    new MakeUp { DistrictId = day.DistrictId, ActivityDayId = day.Id, MemberId = m.Id, DueOn = due });
        }
        day.State = ActivityState.Closed;
        day.ClosedAt = now;
        day.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The day's absences may raise (or clear) the branch's and its members' warnings: run its rules now, not at the
        // next hour.
        await Stars.Warnings.EvaluateAsync(db, clock, day.DistrictId, day.Month, [day.OrgId], ct);
        return day;
    }

    /// <summary>The secretary records when and what a member made up (缺席补课).</summary>
    public static async Task<Outcome<MakeUp>> RecordMakeUpAsync(Scope scope, YihaoDb db, TimeProvider clock, int dayId,
        int memberId, MakeUpDone r, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        var makeUp = await db.MakeUps.FirstOrDefaultAsync(m => m.ActivityDayId == dayId && m.MemberId == memberId, ct);
        if (makeUp is null)
            return await db.Attendances.AnyAsync(a => a.ActivityDayId == dayId && a.MemberId == memberId, ct)
                ? Fail.Invalid("memberId", "This member took part; there is nothing to make up.")
                : Fail.NotFound;
        var today = DistrictTime.Today(clock);
        var on = r.DoneOn is { Length: > 0 } ? Words.Date(r.DoneOn) : today;
        if (on is null) return Fail.Invalid("doneOn", "Not a date; write it as 1980-05-01.");
        if (on > today) return Fail.Invalid("doneOn", "The make-up date is in the future.");
        if (on < Expected.DateOf(day)) return Fail.Invalid("doneOn", "A make-up comes after the day it makes up.");
        var what = (r.What ?? "").Trim();
        if (what.Length == 0) return Fail.Invalid("what", "Say what was studied.");
        if (what.Length > 500) return Fail.Invalid("what", "The text is too long.");
        makeUp.DoneOn = on;
        makeUp.What = what;
        makeUp.RecordedBy = scope.UserName;
        await db.SaveChangesAsync(ct);
        return makeUp;
    }

    /// <summary>
    /// A member submits a study note on the month's material. For a mobile member, a note inside the window
    /// (before the day closes, or within the policy's days after) is taking part online.
    /// </summary>
    public static async Task<Outcome<StudyNote>> SubmitNoteAsync(YihaoDb db, TimeProvider clock, ActivityPolicy policy,
        int dayId, int memberId, StudyNoteBody r, CancellationToken ct = default)
    {
        var day = await db.ActivityDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId, ct);
        if (day is null || day.State is not (ActivityState.Approved or ActivityState.Closed)) return Fail.NotFound;
        var member = await Expected.At(db, day.OrgId, Expected.DateOf(day))
            .FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Fail.NotFound;
        var text = (r.Text ?? "").Trim();
        if (text.Length < 10) return Fail.Invalid("text", "A study note has at least 10 characters.");
        if (text.Length > 10_000) return Fail.Invalid("text", "The text is too long.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (now > day.EndsAt.AddDays(policy.OnlineStudyDays)) return Fail.Invalid("text",
            "The window for this month's study note has closed.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var note = await db.StudyNotes.FirstOrDefaultAsync(n => n.ActivityDayId == dayId && n.MemberId == memberId, ct);
        if (note is null)
        {
            note = new StudyNote
            {
                DistrictId = day.DistrictId,
                ActivityDayId = dayId,
                MemberId = memberId,
                Text = text,
                SubmittedAt = now
            };
            db.StudyNotes.Add(note);
        }
        else note.Text = text;
        if (day.State == ActivityState.Closed && member.Participation == Participation.Mobile)
            await UpgradeAsync(db, dayId, memberId, AttendanceStatus.Online, CheckInMethod.StudyNote, null, null, ct);
        if (await Retry.SaveAsync(db, ct) is { } lost) return lost;
        await tx.CommitAsync(ct);
        return note;
    }

    /// <summary>The secretary records a visit that brought the study to an elderly or infirm member's door
    /// (送学上门).</summary>
    public static async Task<Outcome<Attendance>> DoorVisitAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int dayId, DoorVisitBody r, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State is not (ActivityState.Approved or ActivityState.Closed)) return Fail.Invalid("state",
            "The plan is not approved yet.");
        var member = await Expected.At(db, day.OrgId, Expected.DateOf(day))
            .FirstOrDefaultAsync(m => m.Id == r.MemberId, ct);
        if (member is null) return Fail.Invalid("memberId", "This member is not expected at this meeting.");
        if (member.Participation != Participation.ElderlyInfirm) return Fail.Invalid("memberId",
            "Study is brought to the door of elderly or infirm members.");
        var what = (r.What ?? "").Trim();
        if (what.Length == 0) return Fail.Invalid("what", "Say what was studied.");
        if (what.Length > 200) return Fail.Invalid("what", "The text is too long.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (now > day.EndsAt.AddDays(policy.OnlineStudyDays)) return Fail.Invalid("state",
            "The window for this month has closed.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row =
            await UpgradeAsync(db, dayId, member.Id, AttendanceStatus.AtDoor, CheckInMethod.DoorVisit, what,
            scope.UserName, ct)
            ?? db.Attendances.Add(
                new Attendance
                {
                    DistrictId = day.DistrictId,
                    ActivityDayId = dayId,
                    MemberId = member.Id,
                    Status = AttendanceStatus.AtDoor,
                    Method = CheckInMethod.DoorVisit,
                    Reason = what,
                    At = now,
                    RecordedBy = scope.UserName
                }).Entity;
        if (await Retry.SaveAsync(db, ct) is { } lost) return lost;
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Turns a missed day into taking part (online or at the door); the make-up it owed is no longer owed
    /// unless already done.</summary>
    static async Task<Attendance?> UpgradeAsync(YihaoDb db, int dayId, int memberId, AttendanceStatus to,
        CheckInMethod how, string? what, string? by, CancellationToken ct)
    {
        var row = await db.Attendances.FirstOrDefaultAsync(a => a.ActivityDayId == dayId && a.MemberId == memberId, ct);
        if (row is null
            || row.Status is AttendanceStatus.Present or AttendanceStatus.Online or AttendanceStatus.AtDoor) return row;
        row.Status = to;
        row.Method = how;
        row.Reason = what;
        row.RecordedBy = by ?? row.RecordedBy;
        var makeUp =
            await db.MakeUps.FirstOrDefaultAsync(m => m.ActivityDayId == dayId && m.MemberId == memberId
            && m.DoneOn == null, ct);
        if (makeUp is not null) db.MakeUps.Remove(makeUp);
        return row;
    }
}
