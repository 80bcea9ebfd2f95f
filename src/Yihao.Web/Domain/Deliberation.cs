namespace Yihao.Web.Domain;

/// <summary>A topic is open until it is done or dropped; dropping needs a reason.</summary>
public enum TopicState { Open, Done, Dropped }

/// <summary>
/// A deliberation topic (民主议事): a deliberation item of an activity day's agenda, with what was raised, the
/// discussion's conclusion, the decision, an owner in the branch and a due date, followed up until it is done or
/// dropped. Nothing of it is deleted: its follow-ups are its history.
/// </summary>
public sealed class DeliberationTopic
{
    public int Id { get; set; }
    public int DistrictId { get; set; }

    /// <summary>The branch the topic belongs to.</summary>
    public int OrgId { get; set; }
    public int ActivityDayId { get; set; }

    /// <summary>The agenda item it came from: one topic per item.</summary>
    public int AgendaItemId { get; set; }
    public string Title { get; set; } = "";
    public string Raised { get; set; } = "";
    public string? Conclusion { get; set; }
    public string Decision { get; set; } = "";
    public int OwnerMemberId { get; set; }
    public DateOnly DueOn { get; set; }
    public TopicState State { get; set; }
    public string? DropReason { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string RaisedBy { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public List<TopicFollowUp> FollowUps { get; set; } = [];

    public bool IsOverdue(DateOnly today) => State == TopicState.Open && DueOn < today;
}

/// <summary>One step of a topic's follow-up (跟进): who, when, what; closing a topic is a follow-up too.</summary>
public sealed class TopicFollowUp
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int TopicId { get; set; }
    public DateOnly DoneOn { get; set; }
    public string What { get; set; } = "";
    public string By { get; set; } = "";
    public int ByUserId { get; set; }
    public DateTime RecordedAt { get; set; }

    /// <summary>The client's Idempotency-Key: a repeated follow-up finds the one it made.</summary>
    public string? RequestKey { get; set; }

    /// <summary>The state this step left the topic in (a closing step says Done or Dropped).</summary>
    public TopicState State { get; set; }
}

public static class DeliberationRules
{
    public const int TitleMax = 200;
    public const int TextMax = 1000;
}
