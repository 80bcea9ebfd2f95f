namespace Yihao.Web.Infrastructure;

public static partial class L
{
    /// <summary>The tree's pages: English key → Simplified Chinese (see <see cref="Zh"/>).</summary>
    static readonly Dictionary<string, string> ZhOrganizations = new()
    {
        ["Order"] = "排序",
        ["By name"] = "按名称",
        ["Fewest members first"] = "党员最少的在前",
        ["Most members first"] = "党员最多的在前",
        ["Nothing matches."] = "没有符合条件的组织。",
    };
}
