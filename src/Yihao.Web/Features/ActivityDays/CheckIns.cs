using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record ManualCheckIn(int? MemberId, string? PersonalCode, string? Reason);

public sealed record AttendanceRow(int MemberId, string Name, string Participation, string? Status, string? Method,
    DateTime? At, string? Reason, string? Leave);

public sealed record AttendanceSheet(int ActivityDayId, string State, int Expected, int Present, int Excused,
    int Unexcused, int Online, int AtDoor, IReadOnlyList<AttendanceRow> Items);

/// <summary>Check-in (考勤签到): by the rotating QR code, by a member's personal code, or by hand with a reason. Once per
/// member, however often.</summary>
public static class CheckIns
{
    /// <summary>The meeting's check-in window: opens before the start and closes after the end, by the
    /// policy.</summary>
    public static bool WindowOpen(ActivityDay day, ActivityPolicy policy, DateTime now) =>
        day.State == ActivityState.Approved &&
        now >= day.StartsAt.AddMinutes(-policy.CheckInOpensMinutesBefore)
            && now <= day.EndsAt.AddMinutes(policy.CheckInClosesMinutesAfter);

    public static string CurrentToken(ActivityDay day, ActivityPolicy policy, DateTime now) =>
        CheckInCode.Token(day.CodeKey, day.Id, CheckInCode.Step(now, policy.CodeStepSeconds));

    public static bool TokenValid(ActivityDay day, ActivityPolicy policy, string? token, DateTime now) =>
        CheckInCode.Check(day.CodeKey, day.Id, token, CheckInCode.Step(now, policy.CodeStepSeconds));

    /// <summary>A member checks themself in. The code was checked when it was scanned (API) or just before sign-in
    /// (page).</summary>
    public static async Task<Outcome<Attendance>> SelfAsync(TimeProvider clock, ActivityPolicy policy,
        MeetingFacts meetings, CheckInWriter writer, int dayId, int memberId, Func<ActivityDay, bool> codeValid,
        string? device = null, CancellationToken ct = default)
    {
        if (await meetings.ForAsync(dayId).WaitAsync(ct) is not { } facts
            || !facts.Expected.Contains(memberId)) return Fail.NotFound;
        var day = facts.Day;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!WindowOpen(day, policy, now)) return Fail.Invalid("code", "Check-in is not open now.");
        if (!codeValid(day)) return Fail.Invalid("code",
            "The code has expired or is not this meeting's; scan the screen again.");
        return await writer.WriteAsync(day, memberId, AttendanceStatus.Present, CheckInMethod.QrScan, null, null, now,
            ct, device);
    }

    /// <summary>The secretary checks a member in: by the member's personal code, or by hand with a reason.</summary>
    public static async Task<Outcome<Attendance>> BySecretaryAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, PersonalCodes codes, CheckInWriter writer, int dayId, ManualCheckIn r,
        CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!WindowOpen(day, policy, now)) return Fail.Invalid("state", "Check-in is not open now.");
        int memberId;
        CheckInMethod method;
        string? reason = null;
        if (r.PersonalCode is { Length: > 0 } code)
        {
            if (codes.Read(code) is not { } id) return Fail.Invalid("personalCode",
                "This is not a member's personal code.");
            (memberId, method) = (id, CheckInMethod.PersonalCode);
        }
        else
        {
            reason = r.Reason?.Trim();
            if (r.MemberId is not { } id) return Fail.Invalid("memberId", "Choose the member.");
            if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "Marking by hand needs a reason.");
            if (reason.Length > 200) return Fail.Invalid("reason", "The reason is too long.");
            (memberId, method) = (id, CheckInMethod.Manual);
        }
        if (!await Expected.At(db, day.OrgId, Expected.DateOf(day)).AnyAsync(m => m.Id == memberId, ct))
            return Fail.Invalid("memberId", "This member is not expected at this meeting.");
        return await writer.WriteAsync(day, memberId, AttendanceStatus.Present, method, reason, scope.UserName, now,
            ct);
    }

    /// <summary>The attendance list: every expected member with their status so far, and the counts.</summary>
    public static async Task<AttendanceSheet> SheetAsync(YihaoDb db, ActivityDay day, CancellationToken ct = default)
    {
        var date = Expected.DateOf(day);
        var expected = await Expected.At(db, day.OrgId, date).Select(m => new { m.Id, m.Name, m.Participation })
            .ToListAsync(ct);
        var rows = await db.Attendances.AsNoTracking().Where(a => a.ActivityDayId == day.Id)
            .ToDictionaryAsync(a => a.MemberId, ct);
        var leaves = await db.LeaveRequests.AsNoTracking().Where(l => l.ActivityDayId == day.Id)
            .ToDictionaryAsync(l => l.MemberId, ct);
        // After closing, the day's rows are the record, even for members who transferred away since.
        var ids = expected.Select(e => e.Id).ToHashSet();
        var missing = rows.Keys.Where(id => !ids.Contains(id)).ToList();
        if (missing.Count > 0)
            expected.AddRange(await db.Members.Where(m => missing.Contains(m.Id))
                .Select(m => new { m.Id, m.Name, m.Participation }).ToListAsync(ct));
        var items = expected.OrderBy(e => rows.ContainsKey(e.Id) ? 1 : 0).ThenBy(e => e.Id).Select(e =>
        {
            rows.TryGetValue(e.Id, out var a);
            leaves.TryGetValue(e.Id, out var l);
            return new AttendanceRow(e.Id, e.Name, Words.Camel(e.Participation),
                a is null ? null : Words.Camel(a.Status), a is null ? null : Words.Camel(a.Method),
                a?.At, a?.Reason, l is null ? null : Words.Camel(l.Decision));
        }).ToList();
        int Count(AttendanceStatus s) => rows.Values.Count(a => a.Status == s);
        return new AttendanceSheet(day.Id, Words.Camel(day.State), items.Count, Count(AttendanceStatus.Present),
            Count(AttendanceStatus.Excused),
            Count(AttendanceStatus.Unexcused), Count(AttendanceStatus.Online), Count(AttendanceStatus.AtDoor), items);
    }
}
