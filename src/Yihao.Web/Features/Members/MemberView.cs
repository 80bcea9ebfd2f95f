using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>
/// A member as the caller may see them. District admins and the member see everything. Others see the ID number and phone
/// masked and only the birth year (the masked digits are the birth date: showing it would give the number away). A member
/// looking at a fellow member sees only the branch's public data: name, gender, kind, participation.
/// </summary>
public sealed record MemberView(
    int Id, int OrgId, string OrgName, string Name, string Gender, DateOnly? BirthDate, int BirthYear, string IdNumber, string Phone,
    string Kind, DateOnly? JoinedOn, decimal? MonthlyDues, string Participation, string? MobileWhere, bool Masked, int Version)
{
    public static MemberView Of(Member m, string orgName, Scope scope)
    {
        var full = scope.SeesPrivate(m);
        var peer = scope.IsMember && !full;
        return new MemberView(m.Id, m.OrgId, orgName, m.Name, Words.Camel(m.Gender), full ? m.BirthDate : null, m.BirthDate.Year,
            full ? m.IdNumber : NationalId.Mask(m.IdNumber),
            full || m.Phone.Length == 0 ? m.Phone : peer ? "" : Domain.Phone.Mask(m.Phone),
            Words.Camel(m.Kind), peer ? null : m.JoinedOn, peer ? null : m.MonthlyDues, Words.Camel(m.Participation),
            peer ? null : m.MobileWhere, !full, m.Version);
    }
}

public sealed record MemberPage(IReadOnlyList<MemberView> Items, int Total);

public sealed record TransferView(int Id, int? FromOrgId, string? FromOrgName, int ToOrgId, string ToOrgName, DateOnly EffectiveOn, string? Note);
