namespace Yihao.Web.Domain;

/// <summary>
/// The district's rules for the activity day (考评办法). Read from configuration section "Policy"; the defaults follow the
/// source: plans due by the 25th of the month before, make-ups within 15 days.
/// </summary>
public sealed class ActivityPolicy
{
    public int PlanDeadlineDay { get; set; } = 25;
    public int MakeUpDays { get; set; } = 15;
    public int CheckInOpensMinutesBefore { get; set; } = 30;
    public int CheckInClosesMinutesAfter { get; set; } = 30;
    public int CodeStepSeconds { get; set; } = 10;
    public int ReminderHoursBefore { get; set; } = 24;
    public int OnlineStudyDays { get; set; } = 15;
    public int DefaultStartHour { get; set; } = 9;
    public int DefaultHours { get; set; } = 2;

    /// <summary>A day is 合规 only with at least one photo as evidence (<c>Policy:PhotoRequired</c>, on by
    /// default).</summary>
    public bool PhotoRequired { get; set; } = true;

    /// <summary>The last day to submit a month's plan: the deadline day of the month before.</summary>
    public DateOnly PlanDeadline(DateOnly month) => month.AddMonths(-1) is var before
        ? new DateOnly(before.Year, before.Month,
        Math.Min(PlanDeadlineDay, DateTime.DaysInMonth(before.Year, before.Month))) : default;
}
