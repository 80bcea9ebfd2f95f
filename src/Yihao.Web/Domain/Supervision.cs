namespace Yihao.Web.Domain;

/// <summary>The four ways the organization department checks a day: 电话抽查, 明察, 暗访, 随机检查.</summary>
public enum InspectionKind { PhoneCheck, OpenVisit, CovertVisit, RandomInspection }

public enum InspectionState { Planned, Recorded }

/// <summary>
/// An inspection (督查): its kind, its target (a branch, or one activity day of it), who inspects and when, the
/// district's checklist as ticked, what was found and the outcome. A covert visit (暗访) is seen by inspectors and the
/// district's admins only until it is recorded.
/// </summary>
public sealed class Inspection
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public InspectionKind Kind { get; set; }
    public int OrgId { get; set; }
    public int? ActivityDayId { get; set; }
    public int InspectorUserId { get; set; }
    public string Inspector { get; set; } = "";
    public DateOnly PlannedOn { get; set; }
    public InspectionState State { get; set; }

    /// <summary>The checklist as recorded: a JSON list of {item, ok, note}, the items copied from the policy.</summary>
    public string Checklist { get; set; } = "[]";

    public string? Outcome { get; set; }
    public DateTime? RecordedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Whether the branch and the town may know of it: anything but a covert visit not yet recorded.</summary>
    public bool Disclosed => Kind != InspectionKind.CovertVisit || State == InspectionState.Recorded;
}

/// <summary>What an inspection found (发现的问题); a phone check's disagreement names the attendance row it
/// contradicts.</summary>
public sealed class Finding
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int InspectionId { get; set; }
    public string Text { get; set; } = "";
    public int? AttendanceId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public enum ProblemSeverity { Minor, Major, Serious }

public enum ProblemListState { Open, Closed }

public enum ProblemItemState { Open, Answered, Reopened, Accepted }

public enum ProblemAction { Issued, Answered, Reopened, Accepted }

/// <summary>A problem list (问题清单) issued to a branch from one inspection's findings; closed when every item is
/// accepted. Never deleted.</summary>
public sealed class ProblemList
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }
    public int InspectionId { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    public ProblemListState State { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<ProblemItem> Items { get; set; } = [];
}

/// <summary>One item of a problem list: what is wrong, the finding it comes from, by when and how serious; the branch
/// answers it (整改反馈) and the inspector accepts or reopens it.</summary>
public sealed class ProblemItem
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ListId { get; set; }
    public int OrgId { get; set; }
    public int? FindingId { get; set; }
    public string Description { get; set; } = "";
    public ProblemSeverity Severity { get; set; }
    public DateOnly DueOn { get; set; }
    public ProblemItemState State { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public List<ProblemEvent> Events { get; set; } = [];

    /// <summary>Past its deadline and not accepted: what raises the branch's red warning.</summary>
    public bool OverdueOn(DateOnly today) => State != ProblemItemState.Accepted && DueOn < today;
}

/// <summary>The history of an item: issued, answered (with evidence), reopened, accepted — who, when, what.</summary>
public sealed class ProblemEvent
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ItemId { get; set; }
    public ProblemAction Action { get; set; }
    public string Text { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A file sent with an answer: a photo or a PDF in the file store, named by its hash.</summary>
public sealed class ProblemEvidence
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int EventId { get; set; }
    public int ItemId { get; set; }
    public string Hash { get; set; } = "";
    public string? Name { get; set; }

    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;
}

public enum SamplePurpose { Branches, Members }

/// <summary>
/// A drawn sample (抽样): the seed, the candidates with their weights and the algorithm's version, so that anyone can
/// draw it again (docs/supervision.md). Branches are drawn from the subtree of a node for a month; members from a
/// closed day's attendance list.
/// </summary>
public sealed class SampleDraw
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public SamplePurpose Purpose { get; set; }
    public int OrgId { get; set; }
    public int? ActivityDayId { get; set; }
    public DateOnly Month { get; set; }
    public int Size { get; set; }

    /// <summary>What was drawn from, unique in the district: "branches:{node}:{yyyy-MM}" or "members:{day}".</summary>
    public string Subject { get; set; } = "";

    public long Seed { get; set; }
    public string Algorithm { get; set; } = "";

    /// <summary>JSON list of [id, weight] in the order drawn over (ascending id).</summary>
    public string Candidates { get; set; } = "[]";

    /// <summary>What the risk weight of each candidate was made of (JSON), for the page and the docs.</summary>
    public string Inputs { get; set; } = "{}";

    /// <summary>JSON list of the ids picked, in the order picked.</summary>
    public string Picked { get; set; } = "[]";

    public string DrawnBy { get; set; } = "";
    public DateTime DrawnAt { get; set; }
}

/// <summary>What a member said on the phone about the day.</summary>
public enum MemberSays { Attended, DidNotAttend, DidNotKnow, AskedForLeave }

/// <summary>One call of a phone spot check: reached or not, what the member says against what the record
/// says.</summary>
public sealed class PhoneCall
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int InspectionId { get; set; }
    public int MemberId { get; set; }
    public int? AttendanceId { get; set; }
    public bool Reached { get; set; }
    public MemberSays? Says { get; set; }
    public AttendanceStatus? Recorded { get; set; }
    public bool Agrees { get; set; }
    public string? Note { get; set; }
    public int? FindingId { get; set; }
    public string By { get; set; } = "";
    public DateTime At { get; set; }

    /// <summary>Whether what the member says fits the record: attending fits a check-in (present, online, at the door),
    /// asking for leave fits excused, not attending or not knowing fits an unexcused absence.</summary>
    public static bool Fits(MemberSays says, AttendanceStatus? recorded) => says switch
    {
        MemberSays.Attended =>
            recorded is AttendanceStatus.Present or AttendanceStatus.Online or AttendanceStatus.AtDoor,
        MemberSays.AskedForLeave => recorded is AttendanceStatus.Excused,
        _ => recorded is AttendanceStatus.Unexcused,
    };
}

/// <summary>
/// The district's supervision settings, a section of its policy document (never code): the checklist, the default
/// deadline of a problem item, and the weights that make a branch's risk.
/// </summary>
public sealed class SupervisionRule
{
    public int RectifyDays { get; set; } = 15;
    public int RiskMonths { get; set; } = 6;

    /// <summary>A day's anomaly: this many members or more checked in from one browser's device key.</summary>
    public int SameDeviceAtLeast { get; set; } = 3;

    /// <summary>A note or the minutes count as copied only from this many letters and digits on: a shorter text is a
    /// stock phrase, not evidence.</summary>
    public int CopiedTextAtLeast { get; set; } = 40;

    public List<string> Checklist { get; set; } =
        ["The six musts", "The sign-in sheet against the people in the room", "The minutes", "The photos", "The notes"];

    public RiskWeights Weights { get; set; } = new();

    public sealed class RiskWeights
    {
        public int Base { get; set; } = 1;
        public int OpenWarning { get; set; } = 2;
        public int LowAttendance { get; set; } = 3;
        public int LatePlan { get; set; } = 2;
        public int DayNotHeld { get; set; } = 4;
        public int SixMustsMissing { get; set; } = 3;
        public int OpenProblem { get; set; } = 1;
        public int OverdueProblem { get; set; } = 4;
        public int HandMarked { get; set; } = 3;
        public int SharedDevice { get; set; } = 3;
        public int PhoneContradicted { get; set; } = 4;
        public int CopiedText { get; set; } = 3;
        public int ReusedPhoto { get; set; } = 3;
    }

    public IEnumerable<(string Field, string Problem)> Check()
    {
        if (RectifyDays is < 1 or > 90) yield return ("supervision.rectifyDays", "Must be between 1 and 90 days.");
        if (RiskMonths is < 1 or > 24) yield return ("supervision.riskMonths", "Must be between 1 and 24 months.");
        if (SameDeviceAtLeast is < 2 or > 100)
            yield return ("supervision.sameDeviceAtLeast", "Must be between 2 and 100 members.");
        if (CopiedTextAtLeast is < 10 or > 2000)
            yield return ("supervision.copiedTextAtLeast", "Must be between 10 and 2000 characters.");
        if (Checklist is null || Checklist.Count is 0 or > 30
            || Checklist.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 100))
            yield return ("supervision.checklist", "List 1 to 30 checklist items of at most 100 characters.");
        var w = Weights;
        if (w is null || w.Base is < 1 or > 1000
            || new[] { w.OpenWarning, w.LowAttendance, w.LatePlan, w.DayNotHeld, w.SixMustsMissing, w.OpenProblem,
                w.OverdueProblem, w.HandMarked, w.SharedDevice, w.PhoneContradicted, w.CopiedText, w.ReusedPhoto }
                .Any(x => x is < 0 or > 1000))
            yield return ("supervision.weights", "The base weight is 1 to 1000, the others 0 to 1000.");
    }
}
