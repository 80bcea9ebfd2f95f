namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>Volunteer call-outs' words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhCallOuts = new()
    {
        ["A call-out; its organizer sees the sign-ups by name."] = "查看一次志愿者召集；召集人可见报名名单。",
        ["A member is named twice."] = "同一名党员出现了两次。",
        ["A member signs up; a second sign-up is the first."] = "党员报名；重复报名只算一次。",
        ["At most 1000 members at once."] = "一次最多 1000 名党员。",
        ["Attendance is recorded once the call-out has begun."] = "召集开始后才能登记到场情况。",
        ["Calls the members under the caller's node for volunteers; they are told in the app and by SMS."] =
            "召集本组织下的党员志愿者；党员会收到站内通知和短信。",
        ["Say what the volunteers are needed for."] = "请填写召集事由。",
        ["Say where the volunteers gather."] = "请填写集合地点。",
        ["The call-out is closed."] = "该召集已结束。",
        ["The call-outs the caller sees (?open=true: only open ones)."] = "可见的志愿者召集（?open=true 只看进行中的）。",
        ["The member has not signed up."] = "该党员没有报名。",
        ["The organizer closes the call-out: no more sign-ups."] = "召集人结束召集，不再接受报名。",
        ["The organizer records who came and their hours; each becomes a volunteering entry of the ledger."] =
            "召集人登记到场人员和时长，每人记入服务台账的一条志愿服务。",
        ["The time cannot be in the past."] = "时间不能早于现在。",
        ["The time is more than 90 days ahead."] = "时间不能晚于 90 天后。",
        ["Tick at least one member."] = "请至少勾选一名党员。",
        ["Call and tell the members"] = "发出召集并通知党员",
        ["Call for volunteers"] = "召集志愿者",
        ["Called: {0} members told ({1} by SMS)."] = "已发出召集，已通知 {0} 名党员（短信 {1} 条）。",
        ["Came"] = "到场",
        ["Close the call-out"] = "结束召集",
        ["Closed: no more sign-ups."] = "已结束召集，不再接受报名。",
        ["Hours"] = "时长（小时）",
        ["No call-outs yet."] = "还没有志愿者召集。",
        ["No one has signed up yet."] = "还没有人报名。",
        ["Recorded: {0} came, {1} hours, in the service ledger as volunteering."] =
            "已登记：{0} 人到场，共 {1} 小时，已记入服务台账（志愿服务）。",
        ["Save who came"] = "保存到场记录",
        ["Sign up"] = "我要报名",
        ["Signed up"] = "已报名",
        ["Signed up: {0}, {1}. The organizer records who came."] = "已报名：{0}，{1}。到场后由召集人登记。",
        ["Volunteer call-outs"] = "志愿者召集",
        ["Volunteers needed"] = "需要人数",
        ["What for"] = "召集事由",
        ["Where"] = "地点",
        ["Who came"] = "到场登记",
        ["You signed up"] = "您已报名",
        ["hours"] = "小时",
        ["{0} signed up of {1} needed."] = "需要 {1} 人，已报名 {0} 人。",
        ["{0} signed up of {1} needed; {2} came, {3} hours."] = "需要 {1} 人，已报名 {0} 人；到场 {2} 人，共 {3} 小时。",
        ["Write how many volunteers are needed, at least 1 and at most 10000."] = "请填写需要的人数，1 到 10000 人。",
    };
}
