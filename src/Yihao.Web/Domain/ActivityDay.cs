using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Yihao.Web.Domain;

/// <summary>Where a month's plan stands: drafted, submitted to the town, returned with comments, approved (announced),
/// closed after the day.</summary>
public enum ActivityState { Draft, Submitted, Returned, Approved, Closed }

/// <summary>The four kinds of agenda item (活动内容).</summary>
public enum AgendaCategory { TheoryStudy, SelfBuilding, ServingPeople, Deliberation }

/// <summary>One branch's No. 1 Activity for one month (1号活动 / 主题党日).</summary>
public sealed class ActivityDay
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }

    /// <summary>The first day of the month the activity belongs to.</summary>
    public DateOnly Month { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string Place { get; set; } = "";
    public string? LiaisonLeader { get; set; }
    public string? StudyMaterial { get; set; }
    public ActivityState State { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Submitted after the policy's deadline (e.g. the 25th of the month before).</summary>
    public bool Late { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>When an assigned liaison leader checked in at the meeting, and who: the six musts' "liaison leader
    /// present" comes from it.</summary>
    public DateTime? LiaisonCheckedInAt { get; set; }
    public string? LiaisonCheckedInBy { get; set; }

    /// <summary>The secret behind the rotating check-in code; never leaves the server.</summary>
    public string CodeKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<AgendaItem> Agenda { get; set; } = [];

    public static string NewCodeKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Editable => State is ActivityState.Draft or ActivityState.Returned;
}

/// <summary>An item on the day's agenda (活动内容).</summary>
public sealed class AgendaItem
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public AgendaCategory Category { get; set; }
    public string Title { get; set; } = "";
    public int Position { get; set; }
}

/// <summary>A record of one member at one activity day: at most one per member and day.</summary>
public interface IMemberDayRow
{
    int ActivityDayId { get; }
    int MemberId { get; }
}

/// <summary>How each expected member took part (考勤).</summary>
public enum AttendanceStatus { Present, Excused, Unexcused, Online, AtDoor }

public enum CheckInMethod { QrScan, PersonalCode, Manual, Closing, StudyNote, DoorVisit }

/// <summary>A member's attendance at one activity day; one row per member and day (签到/考勤).</summary>
public sealed class Attendance : IMemberDayRow
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public int MemberId { get; set; }
    public AttendanceStatus Status { get; set; }
    public CheckInMethod Method { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
    public string? RecordedBy { get; set; }

    /// <summary>The anonymous key of the browser that scanned (a random id in a long-lived cookie, never a fingerprint
    /// of the person), or null for a check-in by hand or from an old page: many members from one key is an anomaly
    /// for the inspectors (docs/supervision.md).</summary>
    public string? Device { get; set; }

    public bool TookPart => Status is AttendanceStatus.Present or AttendanceStatus.Online or AttendanceStatus.AtDoor;
}

public enum LeaveDecision { Pending, Approved, Refused }

/// <summary>A member's request for leave before the meeting (请假).</summary>
public sealed class LeaveRequest : IMemberDayRow
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public int MemberId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public LeaveDecision Decision { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>The study a member owes after missing the day (缺席补课), due within the policy's period.</summary>
public sealed class MakeUp : IMemberDayRow
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public int MemberId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? What { get; set; }
    public string? RecordedBy { get; set; }

    public bool IsOverdue(DateOnly today) => DoneOn is null ? today > DueOn : DoneOn > DueOn;
}

/// <summary>The rotating check-in code: an HMAC of the activity and the time step, checked on the server.</summary>
public static class CheckInCode
{
    public static long Step(DateTime utc, int stepSeconds) => new DateTimeOffset(utc, TimeSpan.Zero)
        .ToUnixTimeSeconds() / stepSeconds;

    public static string For(string key, int dayId, long step)
    {
        var mac = HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.ASCII.GetBytes($"{dayId}:{step}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 8));
    }

    /// <summary>The token a QR code carries: the step and its code, so a scan a few seconds late still proves
    /// presence.</summary>
    public static string Token(string key, int dayId, long step) => $"{step}.{For(key, dayId, step)}";

    /// <summary>Valid for this step and the one before (a phone takes a moment to open the link).</summary>
    public static bool Check(string key, int dayId, string? token, long currentStep) =>
        Check(token, currentStep, step => For(key, dayId, step));

    /// <summary>The same, with each step's code from <paramref name="codeOf"/>: a branch's scans within a step share
    /// one.</summary>
    public static bool Check(string? token, long currentStep, Func<long, string> codeOf)
    {
        var dot = token is null ? -1 : token.IndexOf('.');
        if (dot <= 0
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var step)) return false;
        if (step != currentStep && step != currentStep - 1) return false;
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(codeOf(step).AsSpan()),
            MemoryMarshal.AsBytes(token.AsSpan(dot + 1)));
    }
}
