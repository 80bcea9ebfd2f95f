namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>我的's words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhMe = new()
    {
        ["Confirmed by the branch; it will be posted for everyone to see."] = "支部已确认，将张榜公示。",
        ["Final."] = "已定。",
        ["From the records so far; the secretary has not computed this month yet."] =
            "按目前的记录预计，支部书记尚未评定本月星级。",
        ["Leave asked for; the secretary decides and you will get a notice."] = "已提交请假，支部书记审批后会通知你。",
        ["My stars"] = "我的星级",
        ["No stars yet: the first month is rated after its activity day."] = "还没有星级：活动日之后评定当月星级。",
        ["Not checked in yet"] = "尚未签到",
        ["Posted for public view: if you disagree, object on the star board before the deadline."] =
            "公示中：如有异议，请在截止前到考核实时图提出。",
        ["Proposed by the secretary; it may still change before the branch confirms it."] =
            "支部书记初评，支部确认前仍可能调整。",
        ["Study note handed in; the secretary can read it."] = "学习心得已提交，支部书记可以查看。",
        ["The meeting is over; the secretary records who came when closing the day."] =
            "活动已结束，支部书记结束活动时登记考勤。",
        ["The meeting is under way: scan the code on the screen to check in."] = "活动正在进行：请扫描会场屏幕上的二维码签到。",
        ["The meeting starts at {0}. At the meeting, scan the code on the screen to check in; if you cannot come, " +
            "ask for leave before it starts."] =
            "活动 {0} 开始。到会场后扫描屏幕上的二维码签到；不能参加请在开始前请假。",
        ["Thought report handed in for this month."] = "本月思想汇报已提交。",
        ["You are excused. Make up the meeting by studying its material and writing a study note."] =
            "已准假，不计缺席。请学习本次材料并提交学习心得补课。",
        ["You are recorded as attending. Nothing more to do for attendance."] = "已记为到会，考勤无需再做什么。",
        ["You missed the meeting without leave. Make it up soon: an overdue make-up brings a warning."] =
            "未请假缺席。请尽快补课：逾期未补会收到预警。",
        ["Your leave is granted. After the meeting, make it up with its study material."] =
            "请假已批准。活动后请学习本次材料补课。",
        ["Your leave request waits for the secretary's decision."] = "请假申请等待支部书记审批。",
        ["Your leave was refused: please attend the meeting."] = "请假未获批准，请按时参加活动。",
    };
}
