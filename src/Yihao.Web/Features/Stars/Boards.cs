using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

public sealed record StarItem(int MemberId, string Name, string Star, IReadOnlyList<string> Reasons)
{
    public string? OverrideReason { get; init; }
    public string? Proposed { get; init; }
}

/// <summary>The fixed shape: {"branchId","month","state","items":[{"memberId","name","star","reasons"}]}.</summary>
public sealed record StarsView(int BranchId, string Month, string State, IReadOnlyList<StarItem> Items)
{
    public DateTime? PublishedUntil { get; init; }

    /// <summary>When the board was posted: the publicity period (公示期) runs from here to
    /// <see cref="PublishedUntil"/>.</summary>
    public DateTime? PublishedAt { get; init; }
    public int Objections { get; init; }
}

public sealed record StarChange(int MemberId, string Name, string From, string To);

public sealed record ProposeResult(StarsView Board, IReadOnlyList<StarChange> Changes);

public sealed record OverrideRequest(string? Month, int MemberId, string? Star, string? Reason);

public sealed record ObjectionRequest(string? Month, string? Reason);

/// <summary>A branch's monthly stars: proposed by the policy, overridden with a reason, confirmed, published for
/// objections, final.</summary>
public static class Boards
{
    public static bool MayRate(Scope scope) => scope.Role is Roles.BranchSecretary or Roles.DistrictAdmin;

    public static IReadOnlyList<string> Show(string reasonsJson) =>
        (JsonSerializer.Deserialize<List<Reason>>(reasonsJson) ?? []).Select(Show).ToList();

    public static string Show(Reason r) => r.Arg is null ? L.T(r.Key)
        : string.Format(System.Globalization.CultureInfo.CurrentCulture, L.T(r.Key), r.Arg);

    /// <summary>A stored star's reasons in the reader's language, the secretary's change (with its reason)
    /// first.</summary>
    public static List<string> ReasonsOf(MemberStar s)
    {
        var reasons = Show(s.Reasons).ToList();
        if (s.OverrideReason is { } why) reasons.Insert(0, Show(new Reason("Changed by the secretary: {0}", why)));
        return reasons;
    }

    static async Task<Org?> BranchAsync(Scope scope, YihaoDb db, int branchId, CancellationToken ct) =>
        await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == branchId
            && (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch), ct);

    static Task<StarBoard?> BoardAsync(YihaoDb db, int branchId, DateOnly month, CancellationToken ct) =>
        db.StarBoards.Include(b => b.Stars).FirstOrDefaultAsync(b => b.OrgId == branchId && b.Month == month, ct);

    /// <summary>What the rules say now, member by member, with the version in force for the month.</summary>
    static async Task<(StarPolicyVersion Version,
        List<(int MemberId, StarColor Star, List<Reason> Reasons)> Stars)> RateAsync(YihaoDb db, TimeProvider clock,
        Org branch, DateOnly month, CancellationToken ct)
    {
        var version = await Policies.InForceAsync(db, branch.DistrictId, month, ct);
        var policy = Policies.Read(version);
        var facts =
            await StarFacts.LoadAsync(db, branch.DistrictId, [branch.Id], month, month, DistrictTime.Today(clock), ct);
        var rated = facts.TryGetValue((branch.Id, month), out var f) ? f.Members : [];
        return (version,
            rated.Select(m => { var (star, why) = StarRules.Rate(policy, m); return (m.MemberId, star, why); })
            .ToList());
    }

    public static async Task<Outcome<StarsView>> GetAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        DateOnly month, CancellationToken ct = default) =>
        await BranchAsync(scope, db, branchId, ct) is { } branch ? await ShowAsync(db, clock, branch, month, ct)
            : Fail.NotFound;

    /// <summary>The month's board as stored, or (nothing proposed yet) what the rules say now, without storing
    /// it.</summary>
    public static async Task<StarsView> ShowAsync(YihaoDb db, TimeProvider clock, Org branch, DateOnly month,
        CancellationToken ct = default)
    {
        var board = await BoardAsync(db, branch.Id, month, ct);
        if (board is not null) return await ViewAsync(db, clock, board, ct);
        var (_, stars) = await RateAsync(db, clock, branch, month, ct);
        var names = await NamesAsync(db, stars.Select(s => s.MemberId), ct);
        return new StarsView(branch.Id, month.ToString("yyyy-MM"), "proposed",
            stars.OrderBy(s => names.GetValueOrDefault(s.MemberId))
                .Select(s =>
                new StarItem(s.MemberId, names.GetValueOrDefault(s.MemberId, ""), Words.Camel(s.Star),
                    s.Reasons.Select(Show).ToList())).ToList());
    }

    /// <summary>Computes (or recomputes) the month's stars; overrides stay. Idempotent: a second run changes nothing
    /// and says so.</summary>
    public static async Task<Outcome<ProposeResult>> ProposeAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int branchId, DateOnly month, CancellationToken ct = default)
    {
        if (await BranchAsync(scope, db, branchId, ct) is not { } branch) return Fail.NotFound;
        if (!MayRate(scope)) return Fail.Forbidden;
        var board = await BoardAsync(db, branchId, month, ct);
        if (board is { State: not BoardState.Proposed }) return Fail.Conflict(
            "This month's stars are confirmed; they can no longer be recomputed.");
        var (version, stars) = await RateAsync(db, clock, branch, month, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (board is null) db.StarBoards.Add(board =
            new StarBoard
            {
                DistrictId = branch.DistrictId,
                OrgId = branchId,
                Month = month,
                State = BoardState.Proposed
            });
        board.PolicyVersionId = version.Id;
        board.ProposedAt = now;
        var changes = new List<(int MemberId, StarColor? From, StarColor To)>();
        var mine = board.Stars.ToDictionary(s => s.MemberId);
        foreach (var (memberId, star, reasons) in stars)
        {
            var json = JsonSerializer.Serialize(reasons);
            if (!mine.TryGetValue(memberId, out var row))
            {
                board.Stars.Add(
                    new MemberStar
                    {
                        DistrictId = branch.DistrictId,
                        MemberId = memberId,
                        Proposed = star,
                        Reasons = json
                    });
                changes.Add((memberId, null, star));
            }
            else if (row.Proposed != star || row.Reasons != json)
            {
                if (row.Proposed != star) changes.Add((memberId, row.Proposed, star));
                (row.Proposed, row.Reasons) = (star, json);
            }
        }
        if (await Retry.SaveAsync(db, ct) is { } fail) return fail;
        var names = await NamesAsync(db, changes.Select(c => c.MemberId), ct);
        return new ProposeResult(await ViewAsync(db, clock, board, ct),
            changes.Select(c =>
                new StarChange(c.MemberId, names.GetValueOrDefault(c.MemberId, ""),
                c.From is { } f ? Words.Camel(f) : "", Words.Camel(c.To))).ToList());
    }

    public static async Task<Outcome<StarsView>> OverrideAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int branchId, OverrideRequest r, CancellationToken ct = default)
    {
        if (Plans.ParseMonth(r.Month) is not { } month) return Fail.Invalid("month", "Write the month as 2026-12.");
        if (await BranchAsync(scope, db, branchId, ct) is null) return Fail.NotFound;
        if (!MayRate(scope)) return Fail.Forbidden;
        if (!Enum.TryParse<StarColor>(r.Star, ignoreCase: true, out var star)
            || !Enum.IsDefined(star)) return Fail.Invalid("star", "The star is red, yellow or blue.");
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "An override needs a written reason.");
        if (reason.Length > 500) return Fail.Invalid("reason", "The reason is too long.");
        var board = await BoardAsync(db, branchId, month, ct);
        if (board is null) return Fail.Invalid("month", "Propose the month's stars first.");
        if (board.State != BoardState.Proposed) return Fail.Conflict(
            "This month's stars are confirmed; they can no longer be changed.");
        if (board.Stars.FirstOrDefault(s => s.MemberId == r.MemberId) is not { } row) return Fail.Invalid("memberId",
            "This member has no star on this board.");
        (row.Override, row.OverrideReason, row.OverriddenBy) =
            (star == row.Proposed ? null : star, star == row.Proposed ? null : reason,
            star == row.Proposed ? null : scope.UserName);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : await ViewAsync(db, clock, board, ct);
    }

    /// <summary>The branch confirms the month (支部确认); twice is an error, not a second confirmation.</summary>
    public static async Task<Outcome<StarsView>> ConfirmAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        DateOnly month, CancellationToken ct = default) =>
        await MoveAsync(scope, db, clock, branchId, month, BoardState.Proposed,
            "This month's stars are already confirmed.", (board, _) =>
        {
            board.State = BoardState.Confirmed;
            (board.ConfirmedAt, board.ConfirmedBy) = (clock.GetUtcNow().UtcDateTime, scope.UserName);
        }, ct);

    /// <summary>Posts the board (张榜公示) for the policy's number of days, during which members may object.</summary>
    public static async Task<Outcome<StarsView>> PublishAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        DateOnly month, CancellationToken ct = default) =>
        await MoveAsync(scope, db, clock, branchId, month, BoardState.Confirmed,
            "Only a confirmed board can be published.", (board, policy) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            (board.State, board.PublishedAt, board.PublishedUntil) =
                (BoardState.Published, now, now.AddDays(policy.PublishDays));
        }, ct);

    static async Task<Outcome<StarsView>> MoveAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        DateOnly month, BoardState from, string wrongState, Action<StarBoard, StarPolicy> move, CancellationToken ct)
    {
        if (await BranchAsync(scope, db, branchId, ct) is null) return Fail.NotFound;
        if (!MayRate(scope)) return Fail.Forbidden;
        var board = await BoardAsync(db, branchId, month, ct);
        if (board is null) return Fail.Invalid("month", "Propose the month's stars first.");
        if (board.State != from) return Fail.Conflict(wrongState);
        var policy =
            Policies.Read(await db.StarPolicies.AsNoTracking().FirstAsync(p => p.Id == board.PolicyVersionId, ct));
        move(board, policy);
        return await Retry.SaveAsync(db, ct, stale: wrongState) is { } fail ? fail
            : await ViewAsync(db, clock, board, ct);
    }

    /// <summary>A member objects to their own star while the board is posted; once, with a reason.</summary>
    public static async Task<Outcome<StarObjection>> ObjectAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int branchId, ObjectionRequest r, CancellationToken ct = default)
    {
        if (Plans.ParseMonth(r.Month) is not { } month) return Fail.Invalid("month", "Write the month as 2026-12.");
        if (await BranchAsync(scope, db, branchId, ct) is null || scope.MemberId is not { } me) return Fail.NotFound;
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Fail.Invalid("reason", "An objection needs a reason.");
        if (reason.Length > 1000) return Fail.Invalid("reason", "The reason is too long.");
        var board = await BoardAsync(db, branchId, month, ct);
        if (board is null || board.Stars.All(s => s.MemberId != me)) return Fail.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        if (board.StateAt(now) != BoardState.Published) return Fail.Invalid("month",
            "Objections are taken only while the board is posted.");
        if (await db.StarObjections.AnyAsync(o => o.BoardId == board.Id && o.MemberId == me, ct)) return Fail.Conflict(
            "You have already objected to this month's star.");
        var objection =
            new StarObjection
            {
                DistrictId = board.DistrictId,
                BoardId = board.Id,
                MemberId = me,
                Reason = reason,
                At = now
            };
        db.StarObjections.Add(objection);
        return await Retry.SaveAsync(db, ct, taken: "You have already objected to this month's star.") is { } fail
            ? fail : objection;
    }

    public static async Task<StarsView> ViewAsync(YihaoDb db, TimeProvider clock, StarBoard board, CancellationToken ct)
    {
        var names = await NamesAsync(db, board.Stars.Select(s => s.MemberId), ct);
        var objections = await db.StarObjections.CountAsync(o => o.BoardId == board.Id, ct);
        return new StarsView(board.OrgId, board.Month.ToString("yyyy-MM"),
            Words.Camel(board.StateAt(clock.GetUtcNow().UtcDateTime)),
            board.Stars.OrderBy(s => names.GetValueOrDefault(s.MemberId)).Select(s =>
            {
                return new StarItem(s.MemberId, names.GetValueOrDefault(s.MemberId, ""), Words.Camel(s.Star),
                    ReasonsOf(s))
                {
                    OverrideReason = s.OverrideReason,
                    Proposed = s.Override is null ? null : Words.Camel(s.Proposed),
                };
            }).ToList())
        { PublishedUntil = board.PublishedUntil, PublishedAt = board.PublishedAt, Objections = objections };
    }

    static async Task<Dictionary<int, string>> NamesAsync(YihaoDb db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Members.AsNoTracking().Where(m => list.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }
}
