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
    };
}
