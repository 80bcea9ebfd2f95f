using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record AgendaView(string Category, string Title);

/// <summary>An activity day as the API shows it; times carry the district's offset (+08:00).</summary>
public sealed record ActivityDayView(
    int Id, int OrgId, string OrgName, string Month, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place,
        string? LiaisonLeader,
    string State, bool Late, DateTimeOffset? SubmittedAt, string? ReviewedBy, string? ReviewComment,
        IReadOnlyList<AgendaView> Agenda,
    string? StudyMaterial, DateTimeOffset? ClosedAt)
{
    /// <summary>The town's review comment is between the town and the branch: members do not see it.</summary>
    public static ActivityDayView Of(ActivityDay d, string orgName, Scope? viewer = null) => new(
        d.Id, d.OrgId, orgName, d.Month.ToString("yyyy-MM"), Local(d.StartsAt), Local(d.EndsAt), d.Place,
            d.LiaisonLeader,
        Words.Camel(d.State), d.Late, d.SubmittedAt is { } s ? Local(s) : null, d.ReviewedBy,
            viewer is { IsMember: true } ? null : d.ReviewComment,
        d.Agenda.OrderBy(a => a.Position).Select(a => new AgendaView(Words.Camel(a.Category), a.Title)).ToList(),
            d.StudyMaterial,
        d.ClosedAt is { } c ? Local(c) : null);

    public static DateTimeOffset Local(DateTime utc) => new(DistrictTime.Local(utc), TimeSpan.FromHours(8));
}
