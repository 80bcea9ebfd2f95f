using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>The words for the API's values on the pages, in the user's language.</summary>
public static class StarWords
{
    public static string Star(string c) =>
        c switch
        {
            "red" => L.T("Red (excellent)"),
            "yellow" => L.T("Yellow (qualified)"),
            _ => L.T("Blue (unqualified)")
        };

    public static string Board(string s) =>
        s switch
        {
            "proposed" => L.T("Proposed"),
            "confirmed" => L.T("Confirmed"),
            "published" => L.T("Published"),
            _ => L.T("Final")
        };

    public static string Level(string l) => l == "red" ? L.T("Red warning") : L.T("Yellow warning");

    public static string Status(string s) =>
        s switch { "open" => L.T("Open"), "followedUp" => L.T("Followed up"), _ => L.T("Resolved") };

    public static string Kind(string k) => k == "member" ? L.T("Member") : L.T("Branch");
}
