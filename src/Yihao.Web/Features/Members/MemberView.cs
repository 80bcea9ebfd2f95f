using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>
/// A member as the caller may see them: the one place that decides. The member sees their own record whole. Everyone
/// else who may read it (admins, secretaries, liaison leaders, inspectors in scope) sees the ID number and phone masked
/// (<see cref="NationalId.Mask"/>, <see cref="Domain.Phone.Mask"/>) and only the birth year: the masked digits are the
/// birth date, showing it would give the number away. The whole number or phone is shown only by a reveal (<see
/// cref="Reveals"/>). A member never gets a fellow member's record (<see cref="Scope.Members"/>). See docs/privacy.md.
/// </summary>
public sealed record MemberView(
    int Id, int OrgId, string OrgName, string Name, string Gender, DateOnly? BirthDate, int BirthYear, string IdNumber,
        string Phone,
    string Kind, DateOnly? JoinedOn, decimal? MonthlyDues, string Participation, string? MobileWhere, bool Masked,
        int Version)
{
    public static MemberView Of(Member m, string orgName, Scope scope)
    {
        var full = scope.SeesPrivate(m);
        return new MemberView(m.Id, m.OrgId, orgName, m.Name, Words.Camel(m.Gender), full ? m.BirthDate : null,
            m.BirthDate.Year,
            full ? m.IdNumber : NationalId.Mask(m.IdNumber),
            full || m.Phone.Length == 0 ? m.Phone : Domain.Phone.Mask(m.Phone),
            Words.Camel(m.Kind), m.JoinedOn, m.MonthlyDues, Words.Camel(m.Participation), m.MobileWhere, !full,
            m.Version)
        {
            Revealable = !full && scope.MayReveal(m),
        };
    }

    /// <summary>Whether the caller may reveal the whole ID number or phone (the page shows its button).</summary>
    public bool Revealable { get; init; }
}

public sealed record MemberPage(IReadOnlyList<MemberView> Items, int Total);

public sealed record TransferView(int Id, int? FromOrgId, string? FromOrgName, int ToOrgId, string ToOrgName,
    DateOnly EffectiveOn, string? Note);
