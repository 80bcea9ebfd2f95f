namespace Yihao.Web.Domain;

/// <summary>
/// One branch's counted facts for one month (月度汇总), kept current by the writes that change them, in their
/// transaction: the dashboards add these up the tree instead of counting raw rows. A row exists only where some count
/// is not zero; <c>Features/Dashboard/Rollups</c> recomputes any of them from the records and says where they differ.
/// </summary>
public sealed class MonthRollup
{
    public int DistrictId { get; set; }
    public int OrgId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    /// <summary>Activity days of the month (0 or 1), closed (held), held on the 1st.</summary>
    public int Days { get; set; }
    public int Held { get; set; }
    public int HeldOnTime { get; set; }

    /// <summary>The branch's members now, while its day is not closed: an open day expects them (as the attendance
    /// figures always did); 0 once the day is closed and its rows are fixed.</summary>
    public int Members { get; set; }

    public int Present { get; set; }
    public int Excused { get; set; }
    public int Unexcused { get; set; }
    public int Online { get; set; }
    public int AtDoor { get; set; }

    public int PlansSubmitted { get; set; }
    public int PlansOnTime { get; set; }
    public int PlansReviewed { get; set; }
    public int PlansReviewedOnTime { get; set; }

    public int MakeUps { get; set; }
    public int MakeUpsInTime { get; set; }
    public int MakeUpsLate { get; set; }
    public int MakeUpsOpen { get; set; }

    /// <summary>The earliest due date of the make-ups still open: they are overdue once it has passed (a day's
    /// make-ups share the closing's due date).</summary>
    public DateOnly? MakeUpsOpenDue { get; set; }

    public int StarsRed { get; set; }
    public int StarsYellow { get; set; }
    public int StarsBlue { get; set; }

    public int WarningsYellow { get; set; }
    public int WarningsRed { get; set; }
    public int WarningsOpen { get; set; }
    public int WarningsFollowedUp { get; set; }
    public int WarningsResolved { get; set; }

    /// <summary>Every count, in the order of <see cref="CountNames"/>: what the drift check compares.</summary>
    public int[] Counts() =>
        [
            Days,
            Held,
            HeldOnTime,
            Members,
            Present,
            Excused,
            Unexcused,
            Online,
            AtDoor,
            PlansSubmitted,
            PlansOnTime,
            PlansReviewed,
            PlansReviewedOnTime,
            MakeUps,
            MakeUpsInTime,
            MakeUpsLate,
            MakeUpsOpen,
            StarsRed,
            StarsYellow,
            StarsBlue,
            WarningsYellow,
            WarningsRed,
            WarningsOpen,
            WarningsFollowedUp,
            WarningsResolved,
        ];

    public static readonly string[] CountNames =
    [
        "days",
        "held",
        "held_on_time",
        "members",
        "present",
        "excused",
        "unexcused",
        "online",
        "at_door",
        "plans_submitted",
        "plans_on_time",
        "plans_reviewed",
        "plans_reviewed_on_time",
        "make_ups",
        "make_ups_in_time",
        "make_ups_late",
        "make_ups_open",
        "stars_red",
        "stars_yellow",
        "stars_blue",
        "warnings_yellow",
        "warnings_red",
        "warnings_open",
        "warnings_followed_up",
        "warnings_resolved",
    ];

    public bool IsEmpty => MakeUpsOpenDue is null && Counts().All(c => c == 0);

    /// <summary>The attendance column a status counts in.</summary>
    public static string ColumnOf(AttendanceStatus s) =>
        s switch
        {
            AttendanceStatus.Present => "present",
            AttendanceStatus.Excused => "excused",
            AttendanceStatus.Unexcused => "unexcused",
            AttendanceStatus.Online => "online",
            _ => "at_door",
        };
}
