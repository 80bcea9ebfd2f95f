using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Me;

/// <summary>
/// 我的状态 in words: what the member's standing for the next activity day is, and what they should do about it. A bare
/// "—" or "请假 · 待审批" left a member guessing whether they had to do anything.
/// </summary>
public static class MyStatus
{
    public static string Label(MyDay d) => d switch
    {
        { MyStatus: { } s } => L.Of(Enum.Parse<AttendanceStatus>(s, true)),
        { MyLeave: { } l } => L.T("Leave") + " · " + L.Of(Enum.Parse<LeaveDecision>(l, true)),
        _ => L.T("Not checked in yet"),
    };

    public static string Explain(MyDay d, DateTimeOffset now)
    {
        var status = d.MyStatus is { } s ? Enum.Parse<AttendanceStatus>(s, true) : (AttendanceStatus?)null;
        var leave = d.MyLeave is { } l ? Enum.Parse<LeaveDecision>(l, true) : (LeaveDecision?)null;
        return (status, leave) switch
        {
            (AttendanceStatus.Present or AttendanceStatus.Online or AttendanceStatus.AtDoor, _) =>
                L.T("You are recorded as attending. Nothing more to do for attendance."),
            (AttendanceStatus.Excused, _) =>
                L.T("You are excused. Make up the meeting by studying its material and writing a study note."),
            (AttendanceStatus.Unexcused, _) =>
                L.T("You missed the meeting without leave. Make it up soon: an overdue make-up brings a warning."),
            (null, LeaveDecision.Pending) => L.T("Your leave request waits for the secretary's decision."),
            (null, LeaveDecision.Approved) =>
                L.T("Your leave is granted. After the meeting, make it up with its study material."),
            (null, LeaveDecision.Refused) => L.T("Your leave was refused: please attend the meeting."),
            _ when now < d.Day.StartsAt => L.T(
                "The meeting starts at {0}. At the meeting, scan the code on the screen to check in; " +
                "if you cannot come, ask for leave before it starts.", d.Day.StartsAt.ToString("MM-dd HH:mm")),
            _ when now <= d.Day.EndsAt => L.T("The meeting is under way: scan the code on the screen to check in."),
            _ => L.T("The meeting is over; the secretary records who came when closing the day."),
        };
    }
}
