using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

public sealed record PolicyRequest(string? EffectiveFrom, string? Document);

public sealed record PolicyView(int Id, string EffectiveFrom, string CreatedBy, DateTime CreatedAt, StarPolicy Policy);

/// <summary>A version as stored, and whether this request made it (201) or repeated it (200).</summary>
public sealed record PolicyAdded(StarPolicyVersion Version, bool New);

/// <summary>The district's rating policy: versions in force from a month on; each month is rated with the version in
/// force then.</summary>
public static class Policies
{
    /// <summary>The first version a district has: the shipped default, in force since the beginning.</summary>
    public static readonly DateOnly Beginning = new(2000, 1, 1);

    public static async Task<StarPolicyVersion> InForceAsync(YihaoDb db, int districtId, DateOnly month,
        CancellationToken ct = default)
    {
        var version = await db.StarPolicies.AsNoTracking()
            .Where(p => p.DistrictId == districtId && p.EffectiveFrom <= month)
            .OrderByDescending(p => p.EffectiveFrom).FirstOrDefaultAsync(ct);
        if (version is not null) return version;
        db.StarPolicies.Add(version =
            new StarPolicyVersion
            {
                DistrictId = districtId,
                EffectiveFrom = Beginning,
                Document = new StarPolicy().ToJson(),
                CreatedBy = "system",
                CreatedAt = db.Clock.GetUtcNow().UtcDateTime
            });
        if (await Retry.SaveAsync(db, ct) is not null)
        {
            db.ChangeTracker.Clear(); // another request made the default at the same moment: read theirs
            return await db.StarPolicies.AsNoTracking()
                .FirstAsync(p => p.DistrictId == districtId && p.EffectiveFrom == Beginning, ct);
        }
        return version;
    }

    /// <summary>Who made a version, for people: the first version is the one shipped with Yihao.</summary>
    public static string Author(string createdBy) => createdBy == "system" ? L.T("the shipped default") : createdBy;

    public static StarPolicy Read(StarPolicyVersion v) => StarPolicy.Parse(v.Document).Policy ?? new StarPolicy();

    public static PolicyView View(StarPolicyVersion v) =>
        new(v.Id, v.EffectiveFrom.ToString("yyyy-MM"), v.CreatedBy, v.CreatedAt, Read(v));

    /// <summary>A problem's field in the request: the document itself, or a field inside it.</summary>
    public static string Field(string inDocument) => inDocument == "document" ? inDocument : "document." + inDocument;

    /// <summary>A new version from a month on; only district admins, only from the current month on (a month already
    /// rated keeps its rules).</summary>
    public static async Task<Outcome<PolicyAdded>> AddAsync(
        Scope scope, YihaoDb db, TimeProvider clock, PolicyRequest r, CancellationToken ct = default)
    {
        if (!scope.IsDistrictAdmin) return Fail.Forbidden;
        if (Plans.ParseMonth(r.EffectiveFrom) is not { } from) return Fail.Invalid("effectiveFrom",
            "Write the month as 2026-12.");
        var today = DistrictTime.Today(clock);
        if (from < new DateOnly(today.Year, today.Month, 1)) return Fail.Invalid("effectiveFrom",
            "A new policy takes effect from this month or later.");
        var (policy, problems) = StarPolicy.Parse(r.Document);
        if (policy is null) return Fail.Invalid(problems.Select(p => (Field(p.Field), p.Problem)).ToList());
        // A month has one version: a repeat is answered with it (a retry, a double click), a different one is refused.
        if (await ExistingAsync(db, scope.DistrictId, from, ct) is { } existing) return Repeat(existing, policy);
        if (await db.StarBoards.AnyAsync(b => b.DistrictId == scope.DistrictId && b.Month >= from
            && b.State != BoardState.Proposed, ct))
            return Fail.Conflict("Boards under this version are already confirmed; add a version from a later month.");
        var version = new StarPolicyVersion
        {
            DistrictId = scope.DistrictId,
            EffectiveFrom = from,
            Document = policy.ToJson(),
            CreatedBy = scope.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.StarPolicies.Add(version);
        if (await Retry.SaveAsync(db, ct) is not { } fail) return new PolicyAdded(version, New: true);
        // Two posts raced for the month: the unique index kept one, which answers the other as a repeat would.
        db.ChangeTracker.Clear();
        return await ExistingAsync(db, scope.DistrictId, from, ct) is { } won ? Repeat(won, policy) : fail;
    }

    const string Differs = "This month already has a policy version; a different one takes effect from a later month.";

    static Task<StarPolicyVersion?> ExistingAsync(YihaoDb db, int districtId, DateOnly from, CancellationToken ct) =>
        db.StarPolicies.AsNoTracking()
            .FirstOrDefaultAsync(p => p.DistrictId == districtId && p.EffectiveFrom == from, ct);

    static Outcome<PolicyAdded> Repeat(StarPolicyVersion existing, StarPolicy sent) =>
        Read(existing).ToJson() == sent.ToJson() ? new PolicyAdded(existing, New: false) : Fail.Conflict(Differs);
}
