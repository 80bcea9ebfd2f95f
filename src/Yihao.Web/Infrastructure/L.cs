using System.Globalization;
using System.Reflection;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// The UI's words. Keys are the English text; Simplified Chinese is the default culture. One table in code keeps every
/// string and its translation side by side, and a test checks that every key used has one.
/// </summary>
public static partial class L
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");

    /// <summary>
    /// Every area's table (a static field named Zh… of this class: <c>Infrastructure/Strings.cs</c> and one
    /// <c>…Strings.cs</c> per area beside its pages), joined on first use; a key in two tables is an error.
    /// </summary>
    static Dictionary<string, string> Zh => zh ??= Join();

    static Dictionary<string, string>? zh;

    static Dictionary<string, string> Join()
    {
        var all = new Dictionary<string, string>();
        var tables = typeof(L).GetFields(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(f => f.Name.StartsWith("Zh", StringComparison.Ordinal)
                && f.FieldType == typeof(Dictionary<string, string>));
        foreach (var field in tables)
            foreach (var (english, chinese) in (Dictionary<string, string>)field.GetValue(null)!)
                if (!all.TryAdd(english, chinese) && all[english] != chinese)
                    throw new InvalidOperationException($"Two translations of \"{english}\" ({field.Name}).");
        return all;
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string english) => IsChinese && Zh.TryGetValue(english, out var zh) ? zh : english;

    public static string T(string english, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, T(english), args);

    public static bool Has(string english) => Zh.ContainsKey(english);

    public static string Kind(Domain.OrgKind kind) => T(kind switch
    {
        Domain.OrgKind.District => "District committee",
        Domain.OrgKind.Town => "Town committee",
        Domain.OrgKind.GeneralBranch => "General branch",
        Domain.OrgKind.Branch => "Branch",
        _ => "Temporary branch",
    });

    public static string Role(string role) => T(role switch
    {
        Domain.Roles.DistrictAdmin => "District admin",
        Domain.Roles.Inspector => "Inspector",
        Domain.Roles.TownAdmin => "Town admin",
        Domain.Roles.BranchSecretary => "Branch secretary",
        Domain.Roles.LiaisonLeader => "Liaison leader",
        _ => "Member",
    });

    /// <summary>One date format everywhere, whatever the culture: 2026-12-01.</summary>
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Of(Domain.Gender g) => T(g == Domain.Gender.Male ? "Male" : "Female");
    public static string Of(Domain.MemberKind k) =>
        T(k == Domain.MemberKind.Full ? "Full member" : "Probationary member");
    public static string Of(Domain.Participation p) => T(p switch
    {
        Domain.Participation.Mobile => "Mobile",
        Domain.Participation.ElderlyInfirm => "Elderly or infirm",
        _ => "Active",
    });

    public static string State(Domain.ActivityState s) => T(s switch
    {
        Domain.ActivityState.Draft => "Draft",
        Domain.ActivityState.Submitted => "Submitted",
        Domain.ActivityState.Returned => "Returned",
        Domain.ActivityState.Approved => "Approved",
        _ => "Day closed",
    });

    public static string Of(Domain.AgendaCategory c) => T(c switch
    {
        Domain.AgendaCategory.TheoryStudy => "Theory study",
        Domain.AgendaCategory.SelfBuilding => "Self-building",
        Domain.AgendaCategory.ServingPeople => "Serving the people",
        _ => "Deliberation",
    });

    public static string Of(Domain.AttendanceStatus s) => T(s switch
    {
        Domain.AttendanceStatus.Present => "Present",
        Domain.AttendanceStatus.Excused => "Excused",
        Domain.AttendanceStatus.Unexcused => "Unexcused",
        Domain.AttendanceStatus.Online => "Online",
        _ => "At the door",
    });

    public static string Of(Domain.LeaveDecision d) => T(d switch
    {
        Domain.LeaveDecision.Pending => "Pending",
        Domain.LeaveDecision.Approved => "Leave approved",
        _ => "Refused",
    });

    /// <summary>The audit log's action (stored in English, as the API gives it) in the reader's language.</summary>
    public static string AuditAction(string action) => T(action switch
    {
        "create" => "Created",
        "update" => "Changed",
        "delete" => "Deleted",
        Data.Auditing.SeedDemo => "Demo data loaded",
        Features.Members.Reveals.Action => "Revealed",
        _ => action,
    });

    /// <summary>
    /// The entities the audit log names (their type names, as stored and as the API filters by them) with their labels
    /// (keys of the strings), in the domain's order: the page's list, and the words of its lines.
    /// </summary>
    static readonly (string Entity, string Label)[] AuditLabels =
    [
        ("Org", "Party organization"), ("Member", "Member"), ("Transfer", "Membership transfer"), ("User", "Account"),
        ("ActivityDay", "Activity day"), ("AgendaItem", "Agenda item"), ("Attendance", "Attendance"),
            ("LeaveRequest", "Leave"),
        ("MakeUp", "Make-up"), ("StudyNote", "Study note"), ("ThoughtReport", "Thought report"),
            ("SixMusts", "Six musts"),
        ("DayPhoto", "Photo"), ("StoredFile", "Stored file"), ("Aid", "In-party aid"), ("Notification", "Notification"),
            ("OutboxMessage", "Outgoing message"),
        ("LiaisonAssignment", "Liaison assignment"), ("StarPolicyVersion", "Rating policy"),
            ("MemberMonthRecord", "Monthly record"),
        ("StarBoard", "Star board"), ("MemberStar", "Member star"), ("StarObjection", "Objection"),
            ("Warning", "Warning"),
        ("WarningNotice", "Warning notice"), ("FollowUp", "Follow-up"), ("DisplayLink", "Display link"),
        ("Inspection", "Inspection"), ("Finding", "Finding"), ("ProblemList", "Problem list"),
            ("ProblemItem", "Problem item"),
        ("ProblemEvent", "Problem item step"), ("ProblemEvidence", "Evidence"), ("SampleDraw", "Sample"),
            ("PhoneCall", "Phone call"),
        ("DuesStandard", "Dues standard"), ("DuesPayment", "Dues payment"), ("DuesMonth", "Dues month paid"),
        ("Commitment", "Commitment"), ("CommitmentFulfilment", "Commitment fulfilment"),
        ("ServiceEntry", "Service entry"), ("ServiceEntryMember", "Member of a service entry"),
            ("ServicePairing", "Poverty pairing"),
        ("DeliberationTopic", "Deliberation topic"), ("TopicFollowUp", "Topic follow-up"), ("CallOut", "Call-out"),
            ("CallOutSignUp", "Call-out sign-up"),
    ];

    public static readonly string[] AuditEntities = [.. AuditLabels.Select(e => e.Entity)];

    static readonly Dictionary<string, string> AuditLabelOf = AuditLabels.ToDictionary(e => e.Entity, e => e.Label);

    /// <summary>An entity the audit log names, in the reader's language (a name it does not know, as it is).</summary>
    public static string AuditEntity(string entity) => AuditLabelOf.TryGetValue(entity, out var label) ? T(label)
        : entity;

    /// <summary>
    /// Who made an audited change: an account's name as it is (a sign-in's entries have the name typed and no account
    /// id); the system's own writers, whose names no account may take, by what they are.
    /// </summary>
    public static string AuditActor(string userName, int? userId) => userId is not null ? userName : userName switch
    {
        Data.AuditActor.System => T("System"),
        Data.AuditActor.CheckIn => T("Check-in (system)"),
        Data.AuditActor.WarningRules => T("Warning rules (system)"),
        Data.AuditActor.SignIn => T("Sign-in (system)"),
        _ => userName,
    };
}
