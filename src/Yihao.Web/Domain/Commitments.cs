namespace Yihao.Web.Domain;

/// <summary>What a public commitment (公开承诺) is about.</summary>
public enum CommitmentCategory { ServeThePeople, Study, Work, Integrity, Other }

/// <summary>Where a commitment stands: made, its fulfilment recorded (兑现) and waiting for the secretary, confirmed,
/// or sent back (it can be fulfilled again).</summary>
public enum CommitmentState { Open, Reported, Confirmed, SentBack }

/// <summary>
/// A member's public commitment: what, for whom, by when and a category, posted on the branch's board. Never deleted:
/// each fulfilment and the secretary's answer to it is a <see cref="CommitmentFulfilment"/>.
/// </summary>
public sealed class Commitment
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }

    /// <summary>The branch the member belonged to when the commitment was made: its board shows it.</summary>
    public int OrgId { get; set; }
    public string What { get; set; } = "";
    public string? ForWhom { get; set; }
    public DateOnly DueOn { get; set; }
    public CommitmentCategory Category { get; set; }
    public CommitmentState State { get; set; }
    public DateOnly MadeOn { get; set; }

    /// <summary>The day the secretary confirmed it fulfilled: the month the stars count it in.</summary>
    public DateOnly? ConfirmedOn { get; set; }
    public string MadeBy { get; set; } = "";
    public DateTime MadeAt { get; set; }
}

/// <summary>A fulfilment recorded (兑现) with its evidence, and the secretary's answer: confirmed or sent back with a
/// comment.</summary>
public sealed class CommitmentFulfilment
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int CommitmentId { get; set; }
    public string Evidence { get; set; } = "";
    public DateOnly FulfilledOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public bool? Confirmed { get; set; }
    public string? Comment { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

public static class CommitmentRules
{
    public const int WhatMax = 200;
    public const int ForWhomMax = 100;
    public const int EvidenceMax = 500;
    public const int CommentMax = 200;

    /// <summary>Overdue: its day has passed and it is not confirmed fulfilled (a fulfilment waiting for the secretary
    /// is not overdue).</summary>
    public static bool Overdue(CommitmentState state, DateOnly dueOn, DateOnly today) =>
        dueOn < today && state is CommitmentState.Open or CommitmentState.SentBack;
}
