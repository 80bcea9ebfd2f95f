namespace Yihao.Web.Domain;

/// <summary>One version of the district's rating policy, in force from its month until the next version's.</summary>
public sealed class StarPolicyVersion
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string Document { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>That the secretary recorded something of a member's month besides the day. Its service is in the service
/// ledger (<see cref="ServiceEntry"/>), its dues in the dues ledger (<see cref="DuesPayment"/>).</summary>
public sealed class MemberMonthRecord
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public DateOnly Month { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A branch's star board for a month (张榜): proposed, confirmed by the branch, published for objections, then
/// final.</summary>
public sealed class StarBoard : IVersioned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }
    public DateOnly Month { get; set; }
    public BoardState State { get; set; }
    public int PolicyVersionId { get; set; }
    public DateTime ProposedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? PublishedUntil { get; set; }
    public int Version { get; set; }
    public List<MemberStar> Stars { get; set; } = [];

    /// <summary>A published board becomes final when its objection window has passed.</summary>
    public BoardState StateAt(DateTime now) => State == BoardState.Published && PublishedUntil <= now ? BoardState.Final
        : State;
}

/// <summary>A member's star on a board: the rules' proposal with its reasons, and the secretary's override with its
/// reason.</summary>
public sealed class MemberStar
{
    public int Id { get; set; }
    public int BoardId { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public StarColor Proposed { get; set; }
    public string Reasons { get; set; } = "[]";
    public StarColor? Override { get; set; }
    public string? OverrideReason { get; set; }
    public string? OverriddenBy { get; set; }

    public StarColor Star => Override ?? Proposed;
}

/// <summary>A member's objection to their star while the board is published (公示异议).</summary>
public sealed class StarObjection
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int BoardId { get; set; }
    public int MemberId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
}

public enum WarningSubject { Member, Branch }

public enum WarningLevel { Yellow, Red }

public enum WarningStatus { Open, FollowedUp, Resolved }

/// <summary>A two-colour warning (双色预警) raised by a policy rule for a member or a branch; resolved, never deleted, when
/// its cause clears.</summary>
public sealed class Warning
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }
    public WarningSubject SubjectKind { get; set; }
    public int SubjectId { get; set; }
    public string Rule { get; set; } = "";
    public WarningLevel Level { get; set; }
    public WarningStatus Status { get; set; }
    public string Reasons { get; set; } = "[]";
    public DateOnly Month { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public List<FollowUp> FollowUps { get; set; } = [];
}

/// <summary>A follow-up of a warning: a heart-to-heart talk (谈心谈话) or visit, with its date, who held it and what came
/// of it.</summary>
public sealed class FollowUp
{
    public int Id { get; set; }
    public int WarningId { get; set; }
    public int DistrictId { get; set; }
    public DateOnly On { get; set; }
    public string Who { get; set; } = "";
    public string What { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>
/// A read-only link to a branch's star board for the meeting-room screen: a long random token that anyone holding it
/// may open without signing in, until it is revoked. Only its hash is stored.
/// </summary>
public sealed class DisplayLink
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }
    public string TokenHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A warning told to the level above (上级): a member's to their branch's secretaries, a branch's to its town's
/// admins.</summary>
public sealed class WarningNotice
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int UserId { get; set; }
    public int WarningId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
