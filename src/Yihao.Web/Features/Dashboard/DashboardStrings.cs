namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>Dashboard's words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhDashboard = new()
    {
        ["Dashboard"] = "数据看板",
        ["Show the month"] = "查看该月",
        ["Show the year"] = "查看全年",
        ["{0} to {1}"] = "{0} 至 {1}",
        ["No records in this period."] = "该期间暂无记录。",
        ["Attended = present, online or at the door; expected = the branch's members at the day (an open day: its members now)."] =
            "到会 = 现场签到、线上学习或送学上门；应到 = 活动当天支部的党员（尚未结束的活动按当前党员计）。",
        ["Held = the day was closed with its attendance; on time = held on the 1st; not held = a month that is over without a closed day."] =
            "已开展 = 活动已结束并固定考勤；按时 = 在当月1日开展；未开展 = 当月已过而没有结束的活动。",
        ["Branch-months"] = "支部·月",
        ["Held"] = "已开展",
        ["Held on time"] = "按时开展",
        ["Not held"] = "未开展",
        ["Still to be held"] = "待开展",
        ["Plans"] = "活动计划",
        ["Submitted on time = by the policy's deadline (the 25th of the month before); reviewed on time = approved or returned before the month began."] =
            "按时提交 = 在考评办法规定的截止日（上月25日）前提交；按时审核 = 在当月开始前审核通过或退回。",
        ["Submitted on time"] = "按时提交",
        ["Reviewed"] = "已审核",
        ["Reviewed on time"] = "按时审核",
        ["Every absence, excused or not, owes a make-up within the policy's period; overdue = still open after its due date."] =
            "每次缺席（无论是否请假）都须在规定期限内补课；逾期 = 过了截止日仍未补课。",
        ["Owed"] = "应补课",
        ["Done in time"] = "按时补课",
        ["Done late"] = "逾期补课",
        ["Stars"] = "星级评定",
        ["Each member's star on the month's board, as the secretary left it (an override counts over the proposal)."] =
            "当月考核管理实时图上每名党员的星级（书记调整的以调整为准）。",
        ["Warnings raised for the period's months, by level, and where they stand now."] = "该期间各月产生的预警，按等级及当前处理状态统计。",
        ["Yellow"] = "黄色",
        ["Red"] = "红色",
        ["Red stars"] = "红星",
        ["Ask for a month or a year, not both."] = "请选择月份或年份，不要同时选择。",
        ["Attendance rate by month"] = "到会率趋势",
        ["Stars by month"] = "各月星级分布",
        ["Attendance by branch and month"] = "各支部各月到会率",
        ["Attendance by branch and month (the {0} lowest)"] = "各支部各月到会率（最低的 {0} 个）",
        ["Charts"] = "图表",
        ["Towns with the highest attendance"] = "到会率最高的镇街",
        ["Towns with the lowest attendance"] = "到会率最低的镇街",
        ["Branches with the highest attendance"] = "到会率最高的十个支部",
        ["Branches with the lowest attendance"] = "到会率最低的十个支部",
        ["Branches most often on time"] = "按时开展最多的十个支部",
        ["Branches least often on time"] = "按时开展最少的十个支部",
        ["Write the year as 2026."] = "年份请写成 2026 的格式。",
        ["Find the member (for a member's or secretary's account)"] = "查找党员（党员或支部书记的账号）",
        ["No member (an admin's or a leader's account)"] = "不关联党员（管理员或领导的账号）",
        ["has an account"] = "已有账号",
        ["No member by that name."] = "没有找到该姓名的党员。",
        ["The account chooses its own password at its first sign-in."] = "该账号首次登录时须设置自己的密码。",
        ["User name or name"] = "用户名或姓名",
        ["All roles"] = "全部角色",
    };
}
