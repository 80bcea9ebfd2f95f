namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>The exports' words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhExports = new()
    {
        ["Member's name"] = "姓名",
        ["Birth year"] = "出生年份",
        ["Joined the Party"] = "入党日期",
        ["Monthly dues"] = "月党费（元）",
        ["Red warnings"] = "红色预警",
        ["Open warnings"] = "未处理预警",
        ["Subject"] = "对象",
        ["Raised"] = "产生时间",
        ["Reasons"] = "原因",
        ["Inspections"] = "督查记录",
        ["Planned on"] = "计划日期",
        ["Items"] = "问题条数",
        ["Yes"] = "是",
        ["No"] = "否",
        ["Export to Excel"] = "导出 Excel",
        ["Problem lists as the list shows them, as .xlsx."] = "按列表所示导出问题清单（.xlsx）。",
        ["The dashboard's figures for the org and each org under it (?month= or ?year=), as .xlsx."] =
            "导出本组织及其下属各组织的统计数据（?month= 或 ?year=，.xlsx）。",
        ["The members under an org (masked as in the list), as .xlsx."] = "导出组织下的党员（与列表一样脱敏，.xlsx）。",
        ["The warnings under the caller's node, filtered as the list, as .xlsx."] = "按列表的筛选导出本级及下属的预警（.xlsx）。",
    };
}
