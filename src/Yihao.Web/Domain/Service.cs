namespace Yihao.Web.Domain;

/// <summary>What a service entry records: a dispute mediated (矛盾纠纷化解), a thing done for a household (为群众办事),
/// a poverty-pairing visit (结对帮扶), volunteering (志愿服务) or a petition received (信访接待).</summary>
public enum ServiceKind { Dispute, ThingDone, PairingVisit, Volunteering, Petition }

/// <summary>An entry a member records waits for the secretary (待确认), who confirms it or sends it back.</summary>
public enum ServiceState { Pending, Confirmed, SentBack }

/// <summary>What came of a dispute: resolved (化解), referred on (移交), still open.</summary>
public enum DisputeOutcome { Resolved, Referred, Open }

/// <summary>
/// An entry of the service ledger (服务台账): what one or more members of a branch did, for whom (a household or person
/// outside the party, whose name and phone are masked like members'), when, where and what came of it.
/// </summary>
public sealed class ServiceEntry
{
    public int Id { get; set; }
    public int DistrictId { get; set; }

    /// <summary>The branch the entry belongs to.</summary>
    public int OrgId { get; set; }
    public ServiceKind Kind { get; set; }
    public ServiceState State { get; set; }
    public string What { get; set; } = "";
    public string? ForWhom { get; set; }
    public string? ForWhomPhone { get; set; }
    public string? Place { get; set; }
    public DateOnly DoneOn { get; set; }
    public string? Outcome { get; set; }

    /// <summary>A dispute's parties and outcome.</summary>
    public string? Parties { get; set; }
    public DisputeOutcome? DisputeOutcome { get; set; }

    /// <summary>A volunteering entry's hours.</summary>
    public decimal? Hours { get; set; }

    /// <summary>A petition's referral (转办) and the answer given (答复); answered when the answer is there.</summary>
    public string? Referral { get; set; }
    public string? Answer { get; set; }
    public int? PairingId { get; set; }
    public string? SendBackReason { get; set; }

    /// <summary>The client's Idempotency-Key: a repeated create finds the entry it made.</summary>
    public string? RequestKey { get; set; }
    public int RecordedByUserId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public List<ServiceEntryMember> Members { get; set; } = [];
}

/// <summary>A member who took part in a service entry.</summary>
public sealed class ServiceEntryMember
{
    public int DistrictId { get; set; }
    public int EntryId { get; set; }
    public int MemberId { get; set; }
}

/// <summary>A lasting poverty pairing (结对帮扶) of a member and a household; its visits are ledger entries.</summary>
public sealed class ServicePairing
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int OrgId { get; set; }
    public int MemberId { get; set; }
    public string Household { get; set; } = "";
    public string? HouseholdPhone { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>The service ledger's rules that need no database.</summary>
public static class ServiceRules
{
    public const int TextMax = 500;
    public const int ShortMax = 100;

    /// <summary>A person outside the party as shown to one who may not see them whole: surname and stars.</summary>
    public static string MaskName(string name) =>
        name.Length <= 1 ? name : string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));
}
