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

    /// <summary>The ledgers of the month by the branch their records name, from confirmed service entries done in it:
    /// disputes resolved, things done, pairing visits, petitions answered and the volunteers' hours summed per member
    /// in whole tenths; commitments made and confirmed fulfilled in it; dues collected (paid in it) in whole fen.
    /// </summary>
    public int DisputesResolved { get; set; }
    public int ThingsDone { get; set; }
    public int PairingVisits { get; set; }
    public int PetitionsAnswered { get; set; }
    public int VolunteerTenths { get; set; }
    public int CommitmentsMade { get; set; }
    public int CommitmentsFulfilled { get; set; }
    public int DuesCollectedFen { get; set; }

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
            DisputesResolved,
            ThingsDone,
            PairingVisits,
            PetitionsAnswered,
            VolunteerTenths,
            CommitmentsMade,
            CommitmentsFulfilled,
            DuesCollectedFen,
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
        "disputes_resolved",
        "things_done",
        "pairing_visits",
        "petitions_answered",
        "volunteer_tenths",
        "commitments_made",
        "commitments_fulfilled",
        "dues_collected_fen",
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

/// <summary>
/// The months of one year a member has paid dues for, as bits (January the lowest), kept from the dues months by the
/// writes that change them, in their transaction: the dues owed of any node and window are then the months due (from
/// each member's joining) less the bits set, one narrow row per member and year instead of a row per month.
/// </summary>
public sealed class DuesPaidYear : IMemberYear
{
    public int DistrictId { get; set; }
    public int Year { get; set; }
    public int MemberId { get; set; }
    public int Paid { get; set; }

    int IMemberYear.OrgId => 0;
    int IMemberYear.Bits => Paid;

    /// <summary>The bits of the months from <paramref name="from"/> to <paramref name="to"/> (first days) that fall in
    /// <paramref name="year"/>.</summary>
    public static int Mask(int year, DateOnly from, DateOnly to)
    {
        var first = from.Year < year ? 1 : from.Year > year ? 13 : from.Month;
        var last = to.Year > year ? 12 : to.Year < year ? 0 : to.Month;
        return first > last ? 0 : ((1 << last) - 1) & ~((1 << (first - 1)) - 1);
    }
}

/// <summary>
/// The months of one year a member volunteered for a branch, as bits (January the lowest): from the confirmed
/// volunteering entries of that branch naming the member, kept by the writes that change them, in their transaction.
/// The distinct volunteers of any node and window are then the members with a row under it whose bits meet the
/// window's: one narrow row per member, branch and year instead of every entry and its members.
/// </summary>
public sealed class VolunteerYear : IMemberYear
{
    public int DistrictId { get; set; }
    public int Year { get; set; }
    public int OrgId { get; set; }
    public int MemberId { get; set; }
    public int Months { get; set; }

    int IMemberYear.Bits => Months;
}

/// <summary>A row of months as bits, of one member and year (and a branch, where the table keeps one).</summary>
public interface IMemberYear
{
    int DistrictId { get; }
    int Year { get; }
    int OrgId { get; }
    int MemberId { get; }
    int Bits { get; }
}
