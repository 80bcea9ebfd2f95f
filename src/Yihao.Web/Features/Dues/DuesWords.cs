using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dues;

/// <summary>The dues' values as the pages say them.</summary>
public static class DuesWords
{
    public static readonly string[] Methods = ["atMeeting", "transfer", "other"];
    public static readonly string[] Categories = ["employed", "retired", "farmer", "student", "unemployed", "relief"];

    public static string Method(string method) => L.T(method switch
    {
        "atMeeting" => "Paid at the meeting",
        "transfer" => "By transfer",
        _ => "Other",
    });

    public static string Category(string? category) => L.T(category switch
    {
        "employed" => "Employed",
        "retired" => "Retired",
        "farmer" => "Farmer",
        "student" => "Student",
        "unemployed" => "Unemployed",
        "relief" => "On relief or the minimum living allowance",
        _ => "Set directly",
    });
}
