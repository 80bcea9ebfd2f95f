using System.Text.RegularExpressions;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// What each part and rule of the rating policy is called and means, by its path in the document (a bracket's index
/// left out). A path without words is shown by its name; a test fails when the policy has one.
/// </summary>
public static partial class PolicyWords
{
    static readonly Dictionary<string, (string Label, string? Meaning)> Words = new()
    {
        ["red"] = ("Red star (红星) needs", "A member gets a red star when everything ticked here is done."),
        ["red.attendance"] = ("Taking part in the day", "Present, online or at the door, or a make-up in time."),
        ["red.studyNote"] = ("A study note", null),
        ["red.dues"] = ("Dues paid", null),
        ["red.service"] = ("A service or a commitment fulfilled", null),
        ["blue"] = ("Blue star (蓝星) when", "Any one ticked here gives a blue star."),
        ["blue.unexcusedWithoutMakeUp"] = ("Absent without leave and not made up", null),
        ["blue.duesUnpaid"] = ("Dues not paid", null),
        ["publishDays"] = ("Publicity period (days)", "How long the stars are on public display before they are " +
            "final."),
        ["memberWarnings"] = ("Member warnings", null),
        ["memberWarnings.yellowOnUnexcused"] = ("Yellow warning on an absence without leave", null),
        ["memberWarnings.yellowOnOverdueMakeUp"] = ("Yellow warning on an overdue make-up", null),
        ["memberWarnings.redConsecutiveUnexcused"] =
            ("Red warning after this many absences without leave in a row", "0 turns the rule off."),
        ["memberWarnings.redConsecutiveBlue"] = ("Red warning after this many blue stars in a row", "0 turns the " +
            "rule off."),
        ["memberWarnings.redDuesUnpaidMonths"] =
            ("Red warning after this many months of unpaid dues", "The party constitution says six. 0 turns it off."),
        ["branchWarnings"] = ("Branch warnings", null),
        ["branchWarnings.yellowBelowRate"] = ("Yellow warning below this attendance (%)", null),
        ["branchWarnings.redBelowRate"] = ("Red warning below this attendance (%)", "Not above the yellow threshold."),
        ["branchWarnings.redWhenNotHeld"] = ("Red warning when the day was not held", null),
        ["branchWarnings.redWhenLate"] = ("Red warning when the plan was late", null),
        ["branchWarnings.redWhenProblemListOverdue"] = ("Red warning when a problem list is overdue", null),
        ["supervision"] = ("Supervision", null),
        ["supervision.rectifyDays"] = ("Days to rectify a problem", "The default deadline of a problem list's items."),
        ["supervision.riskMonths"] = ("Months of records a sample's risk looks back over", null),
        ["supervision.checklist"] = ("What an inspection checks (one per line)", null),
        ["supervision.weights"] =
            ("Risk weights of a sample", "A branch's weight is the base plus each weight times how often it applies."),
        ["supervision.weights.base"] = ("Base weight of every branch", null),
        ["supervision.weights.openWarning"] = ("An open warning", null),
        ["supervision.weights.lowAttendance"] = ("A month of low attendance", null),
        ["supervision.weights.latePlan"] = ("A late plan", null),
        ["supervision.weights.dayNotHeld"] = ("A day not held", null),
        ["supervision.weights.sixMustsMissing"] = ("A day with the six musts not all done", null),
        ["supervision.weights.openProblem"] = ("An open problem-list item", null),
        ["supervision.weights.handMarked"] = ("A day with most members marked by hand", null),
        ["supervision.weights.overdueProblem"] = ("An overdue problem-list item", null),
        ["supervision.weights.sharedDevice"] = ("A day with many members checked in from one device", null),
        ["supervision.weights.phoneContradicted"] = ("A day whose attendance a phone check contradicts", null),
        ["supervision.weights.copiedText"] = ("A day with notes or minutes copied from another day", null),
        ["supervision.weights.reusedPhoto"] = ("A day with a photo used for another day", null),
        ["supervision.sameDeviceAtLeast"] =
            ("Members from one device that make an anomaly", "Counted per closed day."),
        ["supervision.copiedTextAtLeast"] =
            ("Characters from which a copied text counts", "Shorter texts are stock phrases."),
        ["dues"] = ("Dues standards (党费)", "The monthly dues of a member by category and declared income."),
        ["dues.employed"] = ("Employed: share of monthly income", "A bracket without an upper limit ends the list."),
        ["dues.retired"] = ("Retired: share of monthly pension", "A bracket without an upper limit ends the list."),
        ["dues.employed.upTo"] = ("Income up to (yuan)", null),
        ["dues.employed.rate"] = ("Share (%)", null),
        ["dues.retired.upTo"] = ("Pension up to (yuan)", null),
        ["dues.retired.rate"] = ("Share (%)", null),
        ["dues.farmer"] = ("Farmers (yuan a month)", null),
        ["dues.student"] = ("Students (yuan a month)", null),
        ["dues.unemployed"] = ("Unemployed (yuan a month)", null),
        ["dues.relief"] = ("On the minimum living allowance (yuan a month)", null),
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    static string Key(string path) => Index().Replace(path, "");

    public static bool Has(string path) => Words.ContainsKey(Key(path));

    public static string Label(string path) =>
        Words.TryGetValue(Key(path), out var w) ? L.T(w.Label) : path[(path.LastIndexOf('.') + 1)..];

    public static string? Meaning(string path) =>
        Words.TryGetValue(Key(path), out var w) && w.Meaning is { } m ? L.T(m) : null;

    /// <summary>Every label and meaning, for the translation test.</summary>
    public static IEnumerable<string> Texts =>
        Words.Values.SelectMany(w => w.Meaning is null ? [w.Label] : new[] { w.Label, w.Meaning });
}
