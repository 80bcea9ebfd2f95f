namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>An OpenAPI summary in Chinese, the document's language, whatever the server's culture.</summary>
    public static string CivicSummary(string english) => Zh.TryGetValue(english, out var zh) ? zh : english;

    /// <summary>Deliberation topics' words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhDeliberation = new()
    {
        ["Add to the agenda"] = "列入议程",
        ["Conclusion of the discussion"] = "讨论结论",
        ["Deliberation topics"] = "民主议事",
        ["Done: the topic is closed, its history kept."] = "已办结，跟进记录全部保留。",
        ["Drop the topic"] = "放弃该事项",
        ["Dropped"] = "已放弃",
        ["Dropped: the reason is kept in the history."] = "已放弃，原因记入跟进记录。",
        ["Follow-up recorded."] = "已记录跟进。",
        ["History"] = "跟进记录",
        ["Mark done"] = "办结",
        ["No follow-ups yet."] = "还没有跟进记录。",
        ["No topics."] = "没有议事事项。",
        ["Open deliberation topics of the branch; one tap puts one on this agenda."] =
            "本支部未办结的议事事项，点一下即可列入本次议程。",
        ["Owner"] = "责任人",
        ["Pending topics"] = "待议事项",
        ["Put on the agenda as a deliberation item."] = "已列入议程（民主议事）。",
        ["Raise a topic from the day's deliberation"] = "从民主议事议程提出议事事项",
        ["Raise the topic"] = "提出议事事项",
        ["Record the follow-up"] = "记录跟进",
        ["Topic"] = "议事事项",
        ["Topic raised: {0} follows it up by {1}."] = "已提出议事事项，由{0}负责，{1}前完成。",
        ["What came of it"] = "办理结果",
        ["What was raised"] = "提出的问题",
        ["Why dropped"] = "放弃原因",
        ["A deliberation topic with its whole history."] = "查看一项议事事项及其全部跟进记录。",
        ["A topic is raised from a day that was held or announced."] = "只能从已发布或已召开的主题党日提出议事事项。",
        ["Call-out"] = "志愿者召集",
        ["Call-out sign-up"] = "志愿者报名",
        ["Deliberation topic"] = "议事事项",
        ["Drops a topic; the reason is required."] = "放弃一项议事事项，须说明原因。",
        ["Marks a topic done, saying what came of it."] = "办结一项议事事项，并说明结果。",
        ["Only a deliberation item of the agenda becomes a topic."] = "只有“民主议事”类的议程才能成为议事事项。",
        ["Puts an open topic on a draft plan's agenda; a repeat adds it once."] =
            "把未办结的议事事项列入草拟中的活动计划议程；重复提交只列入一次。",
        ["Raises a topic from a deliberation item: what was raised, the decision, owner, due date."] =
            "从民主议事议程提出议事事项：议题、决定、责任人、完成期限。",
        ["Records a follow-up of an open topic: when and what was done."] = "记录一项未办结议事事项的跟进：时间和内容。",
        ["Say what came of it."] = "请填写办理结果。",
        ["Say what was raised."] = "请填写提出的问题。",
        ["Say why the topic is dropped."] = "请说明放弃的原因。",
        ["The branch's open topics not yet on this plan's agenda."] = "本支部尚未列入本次计划议程的未办结议事事项。",
        ["The deliberation topics under a node (?state=open, overdue, done, dropped)."] =
            "组织下的议事事项（?state=open 未办结、overdue 逾期、done 已办结、dropped 已放弃）。",
        ["The due date cannot be in the past."] = "完成期限不能早于今天。",
        ["The due date is more than three years ahead."] = "完成期限不能晚于三年后。",
        ["The owner must be a member of the branch."] = "责任人须是本支部党员。",
        ["The plan belongs to another branch."] = "该计划属于其他支部。",
        ["The topic is closed."] = "该议事事项已办结或已放弃。",
        ["This agenda item already has a topic."] = "该议程已提出议事事项。",
        ["Topic follow-up"] = "议事跟进",
        ["Write the decision."] = "请填写决定事项。",
        ["Changes an open topic: what was raised, conclusion, decision, owner, due date; omitted fields kept."] =
            "修改未办结的议事事项：提出的问题、讨论结论、决定、责任人、完成期限；未提交的字段保持不变。",
        ["Edit the topic"] = "修改议事事项",
        ["What was done to follow it up"] = "跟进情况",
        ["What was decided"] = "议定事项",
        ["Save the changes"] = "保存修改",
        ["Saved: the topic is changed, the audit log keeps what it said before."] = "已保存修改，审计日志保留了修改前的内容。",
    };
}
