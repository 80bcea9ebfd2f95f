namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>The to-do list's supervision, service and dues items: English key → Simplified Chinese.</summary>
    static readonly Dictionary<string, string> ZhTodo = new()
    {
        ["{0} problem items wait for your rectification answer, {1} of them overdue."] =
            "有{0}项问题等待您反馈整改情况，其中{1}项已逾期。",
        ["{0} rectification answers wait for you to verify."] = "有{0}项整改反馈等待您核验。",
        ["{0} problem items of your branches are past their due date."] = "所辖支部有{0}项问题已过整改期限。",
        ["{0} service entries and commitments wait for your confirmation."] = "有{0}条服务台账和承诺兑现等待您确认。",
        ["{0} members owe dues for {1} months of the last twelve, {2} yuan in all."] =
            "有{0}名党员在近十二个月中欠缴党费共{1}个月，合计{2}元。",
        ["{0} members owe dues for {1} months of the last twelve."] =
            "有{0}名党员在近十二个月中欠缴党费共{1}个月。",
        ["Answer them"] = "反馈整改",
        ["Verify them"] = "去核验",
        ["View them"] = "查看",
        ["Confirm them"] = "去确认",
        ["View the dues"] = "查看党费",
        ["No rectification answer waits for you."] = "暂无等待核验的整改反馈。",
    };
}
