using System.Security.Cryptography;
using System.Text;

namespace Yihao.Web.Domain;

/// <summary>One change in the audit log (审计日志). Written once and never changed; each carries the hash of the one before.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int DistrictId { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PrevHash { get; set; }
    public string Hash { get; set; } = "";

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over the previous hash and every field, so that any edit or gap breaks the chain.</summary>
    public string ComputeHash()
    {
        var text = string.Join('\u001f', PrevHash, DistrictId, Truncate(At).ToString("O"), UserId, UserName, Action, Entity, EntityId, Before, After);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Both databases keep microseconds, in UTC: the hash is taken over exactly what is stored.</summary>
    public static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    /// <summary>Walks entries in id order; returns the id of the first broken one, or null when the chain holds.</summary>
    public static long? FirstBroken(IEnumerable<AuditEntry> inOrder, string prevHash = Genesis)
    {
        foreach (var e in inOrder)
        {
            if (e.PrevHash != prevHash || e.ComputeHash() != e.Hash) return e.Id;
            prevHash = e.Hash;
        }
        return null;
    }
}
