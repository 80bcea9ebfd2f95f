using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// Whether a day met what it must (合规): 待完成 until the day has happened, then 合规 only with the six musts all
/// ticked and, where the policy asks for photos as evidence (on by default), at least one photo; otherwise 不合规. Either
/// way it says what is missing.
/// </summary>
public sealed record DayCompliance(string State, IReadOnlyList<string> Missing)
{
    public const string Pending = "pending";
    public const string Compliant = "compliant";
    public const string NotCompliant = "notCompliant";

    /// <summary>What can be missing, by key (as the API names it) and the English text of its label.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Requirements =
    [
        ("badgesWorn", "Party badges worn"), ("theoryStudyHeld", "Theory study held"),
            ("duesCollected", "Dues collected"),
        ("liaisonLeaderPresent", "Liaison leader present"), ("starsPosted", "Stars posted publicly"),
        ("oathRenewed", "Oath renewed"), ("photo", "Photo of the day"),
    ];

    public static DayCompliance Of(ActivityDay day, SixMustsView musts, int photos, bool photoRequired, DateTime now)
    {
        var ticked = new Dictionary<string, bool>
        {
            ["badgesWorn"] = musts.BadgesWorn,
            ["theoryStudyHeld"] = musts.TheoryStudyHeld,
            ["duesCollected"] = musts.DuesCollected,
            ["liaisonLeaderPresent"] = musts.LiaisonLeaderPresent,
            ["starsPosted"] = musts.StarsPosted,
            ["oathRenewed"] = musts.OathRenewed,
            ["photo"] = !photoRequired || photos > 0,
        };
        var missing = Requirements.Select(r => r.Key).Where(k => !ticked[k]).ToList();
        var happened = day.State == ActivityState.Closed || now >= day.EndsAt;
        return new(!happened ? Pending : missing.Count == 0 ? Compliant : NotCompliant, missing);
    }

    public static async Task<DayCompliance> ForAsync(
        YihaoDb db, ActivityDay day, SixMustsView musts, ActivityPolicy policy, TimeProvider clock,
            CancellationToken ct)
    {
        var photos = await db.DayPhotos.CountAsync(p => p.ActivityDayId == day.Id, ct);
        return Of(day, musts, photos, policy.PhotoRequired, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>待完成 / 合规 / 不合规 in the user's language.</summary>
    public string Label => L.T(State switch
    {
        Pending => "To be completed",
        Compliant => "Compliant",
        _ => "Not compliant",
    });

    /// <summary>The missing requirements in the user's language, in the order of the six musts.</summary>
    public IEnumerable<string> MissingLabels =>
        Requirements.Where(r => Missing.Contains(r.Key)).Select(r => L.T(r.Label));

    /// <summary>"缺：佩戴党员徽章、活动照片" or nothing when nothing is missing.</summary>
    public string? MissingText => Missing.Count == 0 ? null
        : L.T("Missing: {0}", string.Join(L.T(", "), MissingLabels));
}
