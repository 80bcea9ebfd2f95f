using System.Globalization;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// The UI's words. Keys are the English text; Simplified Chinese is the default culture.
/// One table in code keeps every string and its translation side by side, and a test checks that every key used has one.
/// </summary>
public static partial class L
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string english) => IsChinese && Zh.TryGetValue(english, out var zh) ? zh : english;

    public static string T(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(english), args);

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

    public static string Of(Domain.Gender g) => T(g == Domain.Gender.Male ? "Male" : "Female");
    public static string Of(Domain.MemberKind k) => T(k == Domain.MemberKind.Full ? "Full member" : "Probationary member");
    public static string Of(Domain.Participation p) => T(p switch
    {
        Domain.Participation.Mobile => "Mobile",
        Domain.Participation.ElderlyInfirm => "Elderly or infirm",
        _ => "Active",
    });
}
