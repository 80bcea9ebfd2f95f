namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>Commitments' words: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhCommitments = new()
    {
        ["Commitment"] = "承诺",
        ["Commitment fulfilment"] = "承诺兑现",
        ["Choose the member who makes the commitment."] = "请选择作出承诺的党员。",
        ["Write between one and 500 commitments."] = "请填写 1 至 500 条承诺。",
        ["Say how it was fulfilled."] = "请写明兑现情况。",
        ["The commitment is already confirmed fulfilled."] = "该承诺已确认兑现。",
        ["A fulfilment is waiting for the secretary's answer."] = "已有兑现记录等待书记确认。",
        ["Say why the fulfilment is sent back."] = "退回时请写明原因。",
        ["No fulfilment is waiting for an answer."] = "没有待确认的兑现记录。",
        ["Say what is promised."] = "请写明承诺内容。",
        ["The date by which it is done cannot be in the past."] = "承诺完成日期不能早于今天。",
        ["Choose the commitment's category."] = "请选择承诺类别。",
        ["Commitment made: it is on the branch's board."] = "承诺已作出，已列入支部承诺榜。",
        ["Done by"] = "完成期限",
        ["For whom"] = "承诺对象",
        ["For {0}"] = "为{0}",
        ["Fulfilled on {0}: {1}"] = "{0} 兑现：{1}",
        ["Fulfilled on"] = "兑现日期",
        ["Fulfilment recorded: it waits for the secretary's confirmation."] = "兑现情况已提交，等待书记确认。",
        ["Fulfilment sent back"] = "兑现被退回",
        ["In progress"] = "进行中",
        ["Honesty and integrity"] = "廉洁自律",
        ["Study and learning"] = "学习提高",
        ["Doing one's own work well"] = "岗位建功",
        ["Other commitment"] = "其他",
        ["Make a commitment"] = "作出新承诺",
        ["Make the commitment"] = "作出承诺",
        ["Mend and record the fulfilment again"] = "修改后重新提交兑现",
        ["My commitments"] = "我的承诺",
        ["No commitments yet."] = "还没有承诺。",
        ["Record the fulfilment"] = "记录兑现",
        ["What I promise"] = "承诺内容",
        ["by {0}"] = "{0} 前",
        ["Fulfilled"] = "已兑现",
    };
}
