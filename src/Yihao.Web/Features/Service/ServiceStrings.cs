namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>The service ledger's words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhService = new()
    {
        ["A confirmed entry cannot be changed."] = "已确认的记录不能再修改。",
        ["At most 50 members in one entry."] = "一条记录最多 50 名党员。",
        ["Choose at least one member."] = "请至少选择一名党员。",
        ["Choose the kind of service."] = "请选择服务类别。",
        ["Choose the pairing this visit belongs to."] = "请选择这次走访所属的结对。",
        ["Choose the state."] = "请选择状态。",
        ["Choose what came of the dispute."] = "请选择纠纷的处理结果。",
        ["Every member must belong to the branch."] = "每名党员都须属于本支部。",
        ["Name the household."] = "请填写帮扶户。",
        ["No such count."] = "没有这项统计。",
        ["Say what was done."] = "请填写服务内容。",
        ["Say why the entry is sent back."] = "请说明退回的原因。",
        ["The date cannot be in the future."] = "日期不能晚于今天。",
        ["The date is more than two years ago."] = "日期早于两年前。",
        ["The entry was sent back; the member records it again first."] = "该记录已退回，须党员重新填报后再确认。",
        ["Service entry"] = "服务台账记录",
        ["Member of a service entry"] = "服务记录的党员",
        ["Poverty pairing"] = "结对帮扶",
        ["Write an 11-digit mobile number."] = "请填写 11 位手机号码。",
        ["Write the hours with at most one decimal."] = "时长最多一位小数。",
        ["Write the hours, more than 0 and at most 24."] = "请填写时长，大于 0 且不超过 24 小时。",
        ["Write the month as 2026-12 or the year as 2026."] = "月份格式应为 2026-12，年份格式应为 2026。",
    };
}
