using System.Globalization;

namespace Yihao.Web.Domain;

/// <summary>Reads the words people write in forms and rosters, in Chinese or English, into the domain's
/// values.</summary>
public static class Words
{
    static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-ddTHH:mm:ss",
            "yyyy/M/d H:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    public static DateOnly? Date(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) return null;
        if (DateTime.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var dt)) return DateOnly.FromDateTime(dt);
        return null;
    }

    public static Gender? Gender(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "男" or "male" or "m" => Domain.Gender.Male,
        "女" or "female" or "f" => Domain.Gender.Female,
        _ => null,
    };

    public static MemberKind? Kind(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "正式" or "正式党员" or "full" => MemberKind.Full,
        "预备" or "预备党员" or "probationary" => MemberKind.Probationary,
        _ => null,
    };

    public static Participation? Participation(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "正常" or "在家" or "active" => Domain.Participation.Active,
        "流动" or "流动党员" or "mobile" => Domain.Participation.Mobile,
        "年老体弱" or "elderly" or "elderlyinfirm" => Domain.Participation.ElderlyInfirm,
        _ => null,
    };

    public static OrgKind? OrgKind(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "district" => Domain.OrgKind.District,
        "town" => Domain.OrgKind.Town,
        "generalbranch" => Domain.OrgKind.GeneralBranch,
        "branch" => Domain.OrgKind.Branch,
        "temporarybranch" => Domain.OrgKind.TemporaryBranch,
        _ => null,
    };

    /// <summary>camelCase of an enum value, as the API writes it.</summary>
    public static string Camel<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
