using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>A member as the caller may see them: ID number and phone masked unless the caller is a district admin or the member.</summary>
public sealed record MemberView(
    int Id, int OrgId, string OrgName, string Name, string Gender, DateOnly BirthDate, string IdNumber, string Phone,
    string Kind, DateOnly JoinedOn, decimal MonthlyDues, string Participation, string? MobileWhere, bool Masked)
{
    public static MemberView Of(Member m, string orgName, Scope scope)
    {
        var full = scope.SeesPrivate(m);
        return new MemberView(m.Id, m.OrgId, orgName, m.Name, Words.Camel(m.Gender), m.BirthDate,
            full ? m.IdNumber : NationalId.Mask(m.IdNumber),
            full || m.Phone.Length == 0 ? m.Phone : Domain.Phone.Mask(m.Phone),
            Words.Camel(m.Kind), m.JoinedOn, m.MonthlyDues, Words.Camel(m.Participation), m.MobileWhere, !full);
    }
}

public sealed record MemberPage(IReadOnlyList<MemberView> Items, int Total);

public sealed record TransferView(int Id, int? FromOrgId, string? FromOrgName, int ToOrgId, string ToOrgName, DateOnly EffectiveOn, string? Note);
