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
    };
}
