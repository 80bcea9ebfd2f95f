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
        ["Progress"] = "状态",
        ["Result"] = "结果",
        ["Commitments"] = "党员承诺",
        ["Amount paid (yuan)"] = "实交（元）",
        ["Months paid"] = "交纳月数",
        ["Dues arrears"] = "党费欠交",
        ["Person served"] = "服务对象",
        ["Made on"] = "承诺日期",
        ["Due on"] = "完成期限",
        ["Confirmed on"] = "确认兑现日期",
        ["Hours"] = "时长（小时）",
        ["Months unpaid"] = "欠交月份",
        ["Service date"] = "服务日期",
        ["Service given"] = "服务内容",
        ["Service ledger"] = "服务台账",
        ["Reported, awaiting confirmation"] = "已报告待确认",
        ["Sent back"] = "已退回",
        ["Awaiting confirmation"] = "待确认",
        ["Dispute mediated"] = "矛盾纠纷化解",
        ["Thing done for the people"] = "为群众办事",
        ["Pairing visit"] = "结对帮扶走访",
        ["Volunteering"] = "志愿服务",
        ["Petition received"] = "信访接待",
        ["A branch's monthly dues collection sheet (?month=), as .xlsx."] = "导出支部当月党费收缴登记表（?month=，.xlsx）。",
        ["The members under an org who owe dues over a window (?from=&to=), as .xlsx."] =
            "导出组织下在所选期间欠交党费的党员（?from=&to=，.xlsx）。",
        ["An org's commitments of a year (?year=, ?overdue=true), as .xlsx."] =
            "导出组织一年的党员承诺（?year=、?overdue=true，.xlsx）。",
        ["The service ledger's entries, filtered as the list, as .xlsx."] = "按列表的筛选导出服务台账（.xlsx）。",
        ["Problem lists as the list shows them, as .xlsx."] = "按列表所示导出问题清单（.xlsx）。",
        ["The dashboard's figures for the org and each org under it (?month= or ?year=), as .xlsx."] =
            "导出本组织及其下属各组织的统计数据（?month= 或 ?year=，.xlsx）。",
        ["The members under an org (masked as in the list), as .xlsx."] = "导出组织下的党员（与列表一样脱敏，.xlsx）。",
        ["The warnings under the caller's node, filtered as the list, as .xlsx."] = "按列表的筛选导出本级及下属的预警（.xlsx）。",
        ["Starts at"] = "开始时间",
        ["Closed at"] = "结束归档时间",
        ["Check-in method"] = "签到方式",
        ["Check-in time"] = "签到时间",
        ["QR code scan"] = "扫码签到",
        ["Personal code"] = "个人签到码",
        ["By hand"] = "手工签到",
        ["At closing"] = "关闭时记录",
        ["Door-step visit"] = "送学上门",
        ["Adjusted from"] = "调整前星级",
        ["Reason for the adjustment"] = "调整理由",
        ["Board state"] = "评定状态",
        ["Star ratings"] = "星级评定",
        ["The activity days of the branches under an org (?year=), with their attendance rates, as .xlsx."] =
            "导出组织下各支部的主题党日活动及到会率（?year=，.xlsx）。",
        ["A day's attendance sheet (每人的签到), as .xlsx; not for members."] =
            "导出一次活动的考勤表（每人的签到，.xlsx）；党员不可导出。",
        ["A branch's star board of a month (?month=), as the board shows it, as .xlsx."] =
            "按评定表所示导出支部当月的星级评定（?month=，.xlsx）。",
    };
}
