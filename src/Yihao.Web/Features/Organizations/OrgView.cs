using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Organizations;

/// <summary>A node as the API and the pages show it, with its open branches and members counted over its
/// subtree.</summary>
public sealed record OrgView(
    int Id, int? ParentId, string Name, string Kind, int BranchCount, int MemberCount,
    DateOnly? StartsOn, DateOnly? EndsOn, DateOnly? ClosedOn)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public OrgKind KindValue => Words.OrgKind(Kind)!.Value;

    /// <summary>Counts for several nodes that all lie under one path: two grouped queries, however large the
    /// subtree.</summary>
    public static async Task<List<OrgView>> ForAsync(YihaoDb db, IReadOnlyList<Org> nodes, int districtId,
        string underPath, CancellationToken ct = default)
    {
        if (nodes.Count == 0) return [];
        var tree = await db.Orgs.Where(o => o.DistrictId == districtId && o.Path.StartsWith(underPath))
            .Select(o => new { o.Id, o.Path, o.Kind, o.ClosedOn }).ToListAsync(ct);
        var members =
            await db.Members.Where(m => m.DistrictId == districtId
            && db.Orgs.Any(o => o.Id == m.OrgId && o.Path.StartsWith(underPath)))
            .GroupBy(m => m.OrgId).Select(g => new { OrgId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.OrgId, g => g.Count, ct);
        return nodes.Select(n =>
        {
            var sub = tree.Where(o => OrgRules.IsWithin(o.Path, n.Path)).ToList();
            return new OrgView(n.Id, n.ParentId, n.Name, Words.Camel(n.Kind),
                sub.Count(o => o.Kind.IsBranch() && o.ClosedOn is null),
                sub.Sum(o => members.GetValueOrDefault(o.Id)),
                n.StartsOn, n.EndsOn, n.ClosedOn);
        }).ToList();
    }

    public static async Task<OrgView> ForAsync(YihaoDb db, Org node, CancellationToken ct = default) =>
        (await ForAsync(db, [node], node.DistrictId, node.Path, ct))[0];
}
