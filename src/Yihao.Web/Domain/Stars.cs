using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yihao.Web.Domain;

public enum StarColor { Red, Yellow, Blue }

public enum BoardState { Proposed, Confirmed, Published, Final }

public enum MakeUpState { None, DoneInTime, DoneLate, Pending, Overdue }

/// <summary>
/// How many months in a row, up to and including the latest, a member was absent without leave, had a blue star, and
/// had not paid dues: the member warnings' memory of the months before.
/// </summary>
public readonly record struct Runs(int Unexcused, int Blue, int Unpaid)
{
    public Runs Then(bool unexcused, bool blue, bool unpaid) =>
        new(unexcused ? Unexcused + 1 : 0, blue ? Blue + 1 : 0, unpaid ? Unpaid + 1 : 0);

    public Runs Then(MemberMonth m, StarColor star) =>
        Then(StarRules.AbsentUnexcused(m), star == StarColor.Blue, !m.DuesPaid);
}

/// <summary>Why a star or a warning is what it is: an English key (translated when shown) and the value it speaks
/// of.</summary>
public sealed record Reason(string Key, string? Arg = null);

/// <summary>
/// A member's month as the rules see it: whether they were expected at the branch's day (a member who joined after it
/// was not), how they took part, their make-up, study note, dues and service. Gathered from the records; the rules only
/// read it.
/// </summary>
public sealed record MemberMonth(
    int MemberId,
    DateOnly Month,
    bool DayHeld,
    bool Expected,
    AttendanceStatus? Status,
    DateOnly? DayDate,
    MakeUpState MakeUp,
    bool StudyNote,
    bool DuesPaid,
    bool Served);

/// <summary>A branch's month for the branch warnings: whether the day was held, its attendance and whether its plan was
/// late.</summary>
public sealed record BranchMonth(int BranchId, DateOnly Month, bool DayHeld, int Expected, int TookPart, bool PlanLate)
{
    /// <summary>Problem-list items past their deadline and not accepted (as of the month's end, or today).</summary>
    public int OverdueProblems { get; init; }
}

/// <summary>
/// The district's rating policy (考核办法): a versioned document, never code. The defaults are DOMAIN.md's reading: red
/// needs the day (or its make-up in time), a study note, dues and a service; blue is an unexcused absence not made up,
/// or unpaid dues.
/// </summary>
public sealed class StarPolicy
{
    public RedRule Red { get; set; } = new();
    public BlueRule Blue { get; set; } = new();
    public int PublishDays { get; set; } = 7;
    public MemberWarningRule MemberWarnings { get; set; } = new();
    public BranchWarningRule BranchWarnings { get; set; } = new();
    public SupervisionRule Supervision { get; set; } = new();

    /// <summary>How the members' monthly dues are computed (党费标准).</summary>
    public DuesPolicy Dues { get; set; } = new();

    public sealed class RedRule
    {
        public bool Attendance { get; set; } = true;
        public bool StudyNote { get; set; } = true;
        public bool Dues { get; set; } = true;
        public bool Service { get; set; } = true;
    }

    public sealed class BlueRule
    {
        public bool UnexcusedWithoutMakeUp { get; set; } = true;
        public bool DuesUnpaid { get; set; } = true;
    }

    public sealed class MemberWarningRule
    {
        public bool YellowOnUnexcused { get; set; } = true;
        public bool YellowOnOverdueMakeUp { get; set; } = true;
        public int RedConsecutiveUnexcused { get; set; } = 2;
        public int RedConsecutiveBlue { get; set; } = 2;
        public int RedDuesUnpaidMonths { get; set; } = 6;
    }

    public sealed class BranchWarningRule
    {
        public decimal YellowBelowRate { get; set; } = 0.90m;
        public decimal RedBelowRate { get; set; } = 0.80m;
        public bool RedWhenNotHeld { get; set; } = true;
        public bool RedWhenLate { get; set; } = true;
        public bool RedWhenProblemListOverdue { get; set; } = true;
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>How many months of history the member warnings look back over: their longest run (derived, not part of
    /// the document).</summary>
    [JsonIgnore]
    public int HistoryMonths =>
        Math.Max(1,
        Math.Max(MemberWarnings.RedConsecutiveUnexcused,
            Math.Max(MemberWarnings.RedConsecutiveBlue, MemberWarnings.RedDuesUnpaidMonths)));

    /// <summary>Reads and checks a policy document; every problem is named by its field, so that an admin can mend
    /// it.</summary>
    public static (StarPolicy? Policy, List<(string Field, string Problem)> Problems) Parse(string? text)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(text)) return (null, [("document", "The policy document is empty.")]);
        StarPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<StarPolicy>(text, Json);
        }
        catch (JsonException e)
        {
            // Text that is not JSON at all says so; a known document with a wrong field names the field.
            if (string.IsNullOrEmpty(e.Path) || e.Path == "$" || e.BytePositionInLine is not null
                && e.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase))
                return (null, [("document", "The document is not valid JSON.")]);
            return (null, [(e.Path.TrimStart('$', '.'), "This field is unknown or its value has the wrong type.")]);
        }
        if (policy is null || policy.Red is null || policy.Blue is null || policy.MemberWarnings is null
            || policy.BranchWarnings is null || policy.Supervision is null || policy.Dues is null)
            return (null, [("document", "The policy document is incomplete.")]);
        if (policy.PublishDays is < 1 or > 60) problems.Add(("publishDays", "Must be between 1 and 60 days."));
        var b = policy.BranchWarnings;
        if (b.YellowBelowRate is < 0 or > 1) problems.Add(
            ("branchWarnings.yellowBelowRate", "Must be a rate between 0 and 1."));
        if (b.RedBelowRate is < 0 or > 1) problems.Add(
            ("branchWarnings.redBelowRate", "Must be a rate between 0 and 1."));
        if (b.RedBelowRate > b.YellowBelowRate) problems.Add(
            ("branchWarnings.redBelowRate", "The red threshold cannot be above the yellow one."));
        problems.AddRange(policy.Supervision.Check());
        var m = policy.MemberWarnings;
        if (m.RedConsecutiveUnexcused is < 0 or > 12) problems.Add(
            ("memberWarnings.redConsecutiveUnexcused", "Must be between 0 (off) and 12 months."));
        if (m.RedConsecutiveBlue is < 0 or > 12) problems.Add(
            ("memberWarnings.redConsecutiveBlue", "Must be between 0 (off) and 12 months."));
        if (m.RedDuesUnpaidMonths is < 0 or > 12) problems.Add(
            ("memberWarnings.redDuesUnpaidMonths", "Must be between 0 (off) and 12 months."));
        problems.AddRange(policy.Dues.Check());
        return problems.Count == 0 ? (policy, problems) : (null, problems);
    }
}

/// <summary>The rules themselves: pure functions of a policy and the records, so that every star and warning can say
/// why.</summary>
public static class StarRules
{
    public static bool TookPart(AttendanceStatus? s) =>
        s is AttendanceStatus.Present or AttendanceStatus.Online or AttendanceStatus.AtDoor;

    /// <summary>The member's star for the month, with every reason that decided it.</summary>
    public static (StarColor Star, List<Reason> Reasons) Rate(StarPolicy policy, MemberMonth m)
    {
        var blue = new List<Reason>();
        var missing = new List<Reason>();
        var star = Judge(policy, m, blue, missing);
        // A month without a day, or a day made up in time, does not stand in the way of red: only what the member left
        // undone does.
        return star == StarColor.Blue ? (star, blue)
            : star == StarColor.Red && missing.Count == 0 ? (star, [new("Took part, studied, paid dues and served.")])
            : (star, missing);
    }

    /// <summary>The member's star alone, as <see cref="Rate"/> gives it but without making its reasons: what a
    /// district's run needs of every member.</summary>
    public static StarColor Star(StarPolicy policy, MemberMonth m) => Judge(policy, m, null, null);

    /// <summary>
    /// The rules, once: blue when anything the policy counts as blue is so, red when nothing the member left undone
    /// stands in the way, yellow otherwise. The reasons go into the lists when they are given (a null list is not asked
    /// for: nothing is made).
    /// </summary>
    static StarColor Judge(StarPolicy policy, MemberMonth m, List<Reason>? blue, List<Reason>? missing)
    {
        int blues = 0, undone = 0;
        if (!m.DayHeld) missing?.Add(new("No activity day was held this month."));
        else if (!m.Expected) { } // joined the branch after its day: the day does not count for or against them
        else if (TookPart(m.Status)) { }
        else if (m.MakeUp == MakeUpState.DoneInTime) missing?.Add(new("Absent on {0}; made up in time.", Day(m)));
        else
        {
            var excused = m.Status == AttendanceStatus.Excused;
            var toBlue = !excused && policy.Blue.UnexcusedWithoutMakeUp && m.MakeUp != MakeUpState.Pending;
            var why = m.MakeUp switch
            {
                MakeUpState.Overdue => excused ? "Absent with leave on {0}; make-up overdue."
                    : "Absent without leave on {0}; make-up overdue.",
                MakeUpState.DoneLate => excused ? "Absent with leave on {0}; made up late."
                    : "Absent without leave on {0}; made up late.",
                _ => excused ? "Absent with leave on {0}; make-up not yet done."
                    : "Absent without leave on {0}; make-up not yet done.",
            };
            if (toBlue)
            {
                blues++;
                blue?.Add(new(why, Day(m)));
            }
            else if (policy.Red.Attendance)
            {
                undone++;
                missing?.Add(new(why, Day(m)));
            }
        }
        if (!m.DuesPaid)
        {
            if (policy.Blue.DuesUnpaid)
            {
                blues++;
                blue?.Add(new("Dues not paid."));
            }
            else if (policy.Red.Dues)
            {
                undone++;
                missing?.Add(new("Dues not paid."));
            }
        }
        if (policy.Red.StudyNote && !m.StudyNote)
        {
            undone++;
            missing?.Add(new("No study note."));
        }
        if (policy.Red.Service && !m.Served)
        {
            undone++;
            missing?.Add(new("No service or commitment fulfilled."));
        }
        return blues > 0 ? StarColor.Blue : undone == 0 ? StarColor.Red : StarColor.Yellow;
    }

    static string? Day(MemberMonth m) => m.DayDate?.ToString("yyyy-MM-dd");

    /// <summary>
    /// A member's warnings as of the last month of the history (oldest first): each is a rule's name, a level and its
    /// reasons. A cause that has cleared raises nothing, so the caller resolves what it raised before.
    /// </summary>
    public static List<(string Rule, bool Red, List<Reason> Reasons)> MemberWarnings(StarPolicy policy,
        IReadOnlyList<(MemberMonth Month, StarColor Star)> history) =>
        history.Count == 0 ? []
            : MemberWarnings(policy, history[^1].Month,
            history.Aggregate(default(Runs), (runs, h) => runs.Then(h.Month, h.Star)));

    /// <summary>
    /// The member's warnings for their last month, from how long each condition has held up to and including it: all
    /// the rules need of the months before is three counts, so a district's history can be read as counts instead of
    /// month by month.
    /// </summary>
    public static List<(string Rule, bool Red, List<Reason> Reasons)> MemberWarnings(StarPolicy policy,
        MemberMonth last, Runs runs)
    {
        var found = new List<(string, bool, List<Reason>)>();
        var p = policy.MemberWarnings;
        var unexcused = last.Expected && last.DayHeld && last.Status == AttendanceStatus.Unexcused
            && last.MakeUp != MakeUpState.DoneInTime;
        var run = runs.Unexcused;
        if (p.RedConsecutiveUnexcused > 0 && run >= p.RedConsecutiveUnexcused)
            found.Add(("absentRepeatedly", true, [new("Absent without leave {0} months in a row.", run.ToString())]));
        else if (p.YellowOnUnexcused && unexcused)
            found.Add(
                ("absentUnexcused", false,
                [new("Absent without leave on {0}.", last.DayDate?.ToString("yyyy-MM-dd"))]));
        if (p.YellowOnOverdueMakeUp && last.MakeUp == MakeUpState.Overdue)
            found.Add(
                ("makeUpOverdue", false, [new("Make-up for {0} is overdue.", last.DayDate?.ToString("yyyy-MM-dd"))]));
        var blues = runs.Blue;
        if (p.RedConsecutiveBlue > 0 && blues >= p.RedConsecutiveBlue)
            found.Add(("blueRepeatedly", true, [new("Blue star {0} months in a row.", blues.ToString())]));
        var unpaid = runs.Unpaid;
        if (p.RedDuesUnpaidMonths > 0 && unpaid >= p.RedDuesUnpaidMonths)
            found.Add(("duesUnpaid", true, [unpaid >= LeftTheParty
                ? new("Dues unpaid six months in a row (the Constitution, Article 9).", unpaid.ToString())
                : new("Dues unpaid for {0} months.", unpaid.ToString())]));
        return found;
    }

    /// <summary>Six months without dues and without good reason: the Constitution (Article 9) regards the member as
    /// having left the party, and the warning says so in its words.</summary>
    public const int LeftTheParty = 6;

    /// <summary>A branch's warnings for the month: attendance under the policy's rates, the day not held, the plan
    /// late.</summary>
    public static List<(string Rule, bool Red, List<Reason> Reasons)> BranchWarnings(StarPolicy policy, BranchMonth b)
    {
        var found = new List<(string, bool, List<Reason>)>();
        var p = policy.BranchWarnings;
        var month = b.Month.ToString("yyyy-MM");
        if (!b.DayHeld)
        {
            if (p.RedWhenNotHeld) found.Add(("dayNotHeld", true, [new("No activity day held in {0}.", month)]));
        }
        else if (b.Expected > 0)
        {
            var rate = (decimal)b.TookPart / b.Expected;
            var shown = rate.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
            if (rate < p.RedBelowRate) found.Add(
                ("attendanceLow", true, [new("Attendance {0}, under the red line.", shown)]));
            else if (rate < p.YellowBelowRate) found.Add(
                ("attendanceLow", false, [new("Attendance {0}, under the yellow line.", shown)]));
        }
        if (p.RedWhenLate
            && b.PlanLate) found.Add(("planLate", true, [new("The plan for {0} was submitted late.", month)]));
        if (p.RedWhenProblemListOverdue && b.OverdueProblems > 0)
            found.Add(
                ("problemListOverdue", true,
                [new("{0} problem-list items are past their deadline.", b.OverdueProblems.ToString())]));
        return found;
    }

    /// <summary>Absent without leave at a held day the member was expected at (made up or not: the run counts the
    /// absences).</summary>
    public static bool AbsentUnexcused(MemberMonth m) => m.Expected && m.DayHeld
        && m.Status == AttendanceStatus.Unexcused;
}
