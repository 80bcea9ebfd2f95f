using System.Globalization;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Members;

/// <summary>The member form's fields, shared by the new-member and profile pages.</summary>
public sealed class MemberForm
{
    public string? Name { get; set; }
    public string? Gender { get; set; }
    public string? BirthDate { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Kind { get; set; } = "full";
    public string? JoinedOn { get; set; }
    public decimal? MonthlyDues { get; set; }
    public string? Participation { get; set; } = "active";
    public string? MobileWhere { get; set; }
    public int? Version { get; set; }

    public MemberBody Body(int orgId) =>
        new(orgId, Name, Gender, BirthDate, IdNumber, Phone, Kind, JoinedOn, MonthlyDues, Participation, MobileWhere,
        Version);

    public static MemberForm From(Member m) => new()
    {
        Name = m.Name,
        Gender = Words.Camel(m.Gender),
        BirthDate = m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IdNumber = m.IdNumber,
        Phone = m.Phone,
        Kind = Words.Camel(m.Kind),
        JoinedOn = m.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MonthlyDues = m.MonthlyDues,
        Participation = Words.Camel(m.Participation),
        MobileWhere = m.MobileWhere,
        Version = m.Version,
    };
}
