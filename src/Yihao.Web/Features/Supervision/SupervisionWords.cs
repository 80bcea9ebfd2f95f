using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>The words for supervision's values on the pages, in the user's language.</summary>
public static class SupervisionWords
{
    public static readonly string[] Kinds = ["phoneCheck", "openVisit", "covertVisit", "randomInspection"];

    public static string Kind(string k) => k switch
    {
        "phoneCheck" => L.T("Phone spot check"),
        "openVisit" => L.T("Open visit"),
        "covertVisit" => L.T("Covert visit"),
        _ => L.T("Random inspection"),
    };

    public static string State(string s) => s switch
    {
        "planned" => L.T("Planned"),
        "recorded" => L.T("Recorded"),
        "open" => L.T("Open"),
        "closed" => L.T("Closed: all accepted"),
        "answered" => L.T("Answered"),
        "reopened" => L.T("Reopened"),
        _ => L.T("Accepted"),
    };

    /// <summary>What an item's state means for whom: who acts next.</summary>
    public static string Next(string s) => s switch
    {
        "open" => L.T("Waiting for the branch's rectification."),
        "reopened" => L.T("Reopened: waiting for the branch to rectify it again."),
        "answered" => L.T("Answered: waiting for the inspector's verification."),
        _ => L.T("Accepted: rectified."),
    };

    public static string Action(string a) => a switch
    {
        "issued" => L.T("Issued"),
        "answered" => L.T("Answered"),
        "reopened" => L.T("Reopened"),
        _ => L.T("Accepted"),
    };

    public static string Severity(string s) => s switch
    {
        "minor" => L.T("Minor"),
        "major" => L.T("Major"),
        _ => L.T("Serious"),
    };

    public static string Says(string s) => s switch
    {
        "attended" => L.T("attended"),
        "didNotAttend" => L.T("did not attend"),
        "didNotKnow" => L.T("did not know of the meeting"),
        _ => L.T("asked for leave"),
    };

    public static string Attendance(string s) => s switch
    {
        "present" => L.T("present"),
        "excused" => L.T("excused"),
        "unexcused" => L.T("absent without leave"),
        "online" => L.T("online"),
        _ => L.T("at the door"),
    };

    /// <summary>What an anomaly is, and its evidence in a sentence.</summary>
    public static string Anomaly(string kind) => kind switch
    {
        "handMarked" => L.T("Most members marked by hand"),
        "sharedDevice" => L.T("Many members checked in from one device"),
        "phoneContradicted" => L.T("Attendance contradicted by phone checks"),
        "copiedText" => L.T("Notes or minutes copied from another day"),
        _ => L.T("The same photo used for two days"),
    };

    public static string Evidence(AnomalyView a) => a.Kind switch
    {
        "handMarked" => L.T("{0} of the {1} who took part were marked by hand.", a.Count, a.Of),
        "sharedDevice" => L.T("{0} members checked in from device {1}.", a.Count, a.Device ?? ""),
        "phoneContradicted" => L.T("{0} of {1} members reached by phone said otherwise than the record.", a.Count,
            a.Of),
        "copiedText" => L.T("{0} of the day's {1} texts are the same as another day's.", a.Count, a.Of),
        _ => L.T("{0} photos are also another day's.", a.Count),
    };
}
