namespace Yihao.Web.Infrastructure;

public static partial class L
{
    static readonly Dictionary<string, string> Zh = new()
    {
        ["Not found."] = "未找到。",
    };
}
