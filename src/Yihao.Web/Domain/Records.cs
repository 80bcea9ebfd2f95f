namespace Yihao.Web.Domain;

/// <summary>An in-app message to a member: the notice of an approved plan (预告) and its reminders. Reading it is
/// recorded.</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public int? ActivityDayId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>
/// An SMS or e-mail waiting for the district's gateway. Messages wait here until a sender is configured and drains
/// them; the key makes a retried approval or reminder run enqueue each message once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public int DistrictId { get; set; }
    public string Key { get; set; } = "";
    public string Channel { get; set; } = "sms";
    public string To { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime DueAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A member's study note on the month's material (学习笔记); a mobile member's note in time counts as taking part
/// online.</summary>
public sealed class StudyNote : IMemberDayRow
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public int MemberId { get; set; }
    public string Text { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
}

/// <summary>The six musts of a meeting (六个必须); a meeting missing any is non-compliant.</summary>
public sealed class SixMusts
{
    public int ActivityDayId { get; set; }
    public int DistrictId { get; set; }
    public bool BadgesWorn { get; set; }
    public bool TheoryStudyHeld { get; set; }
    public bool DuesCollected { get; set; }
    public bool LiaisonLeaderPresent { get; set; }
    public bool StarsPosted { get; set; }
    public bool OathRenewed { get; set; }
    public string? Minutes { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool Compliant => BadgesWorn && TheoryStudyHeld && DuesCollected && LiaisonLeaderPresent && StarsPosted
        && OathRenewed;
}

/// <summary>In-party aid to a member in hardship (党内救助), recorded with who approved it.</summary>
public sealed class Aid
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public DateOnly GivenOn { get; set; }
    public decimal Amount { get; set; }
    public string Reason { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A photo of the day for its archive (会议照片); its bytes are a <see cref="StoredFile"/>, named by its
/// hash.</summary>
public sealed class DayPhoto
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int ActivityDayId { get; set; }
    public string Hash { get; set; } = "";
    public string? Caption { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>A member's thought report (思想汇报) for a month; one per member and month, a second submission revises
/// it.</summary>
public sealed class ThoughtReport
{
    public const int MaxLength = 5000;

    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public int OrgId { get; set; }
    public DateOnly Month { get; set; }
    public string Text { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
}
