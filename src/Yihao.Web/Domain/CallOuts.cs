namespace Yihao.Web.Domain;

public enum CallOutState { Open, Closed }

/// <summary>
/// A call for volunteers (志愿者召集) after an emergency, by a town admin or a branch secretary to the members of
/// their subtree: what, where, when, how many are needed. Members sign up; the organizer records who came and their
/// hours, and each attendance becomes a confirmed volunteering entry of the service ledger.
/// </summary>
public sealed class CallOut
{
    public int Id { get; set; }
    public int DistrictId { get; set; }

    /// <summary>The caller's node: its subtree's members are called.</summary>
    public int OrgId { get; set; }
    public string What { get; set; } = "";
    public string Place { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public int Needed { get; set; }
    public CallOutState State { get; set; }
    public string? RequestKey { get; set; }
    public int CreatedByUserId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A member's sign-up for a call-out (one per member); the organizer's record of who came and how
/// long.</summary>
public sealed class CallOutSignUp
{
    public int DistrictId { get; set; }
    public int CallOutId { get; set; }
    public int MemberId { get; set; }
    public DateTime SignedUpAt { get; set; }
    public bool Came { get; set; }
    public decimal? Hours { get; set; }

    /// <summary>The volunteering entry of the service ledger that the attendance became.</summary>
    public int? ServiceEntryId { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime? RecordedAt { get; set; }
}

public static class CallOutRules
{
    public const int WhatMax = 500;
    public const int PlaceMax = 100;
    public const int NeededMax = 10_000;
}
