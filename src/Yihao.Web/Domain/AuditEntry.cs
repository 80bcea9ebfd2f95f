using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Yihao.Web.Domain;

/// <summary>One change in the audit log (审计日志). Written once and never changed; each carries the hash of the one
/// before.</summary>
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

    /// <summary>
    /// SHA-256 over the previous hash and every field, so that any edit or gap breaks the chain: the fields' text
    /// joined by U+001F (a null as nothing, the time as ISO 8601 round-trip), in UTF-8, the hash in lower-case hex. The
    /// text is written straight into a byte buffer (the check-in writer hashes a scan's entry inside its serial
    /// section).
    /// </summary>
    public string ComputeHash()
    {
        const char Separator = '\u001f';
        var chars =
            PrevHash.Length + UserName.Length + Action.Length + Entity.Length + EntityId.Length + (Before?.Length ?? 0)
            + (After?.Length ?? 0) + 80;
        var rented = chars > 700 ? ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars)) : null;
        try
        {
            Span<byte> text = rented ?? stackalloc byte[Encoding.UTF8.GetMaxByteCount(700)];
            if (!Utf8.TryWrite(text,
                $"{PrevHash}{Separator}{DistrictId}{Separator}{Truncate(At):O}{Separator}{UserId}{Separator}{UserName}{Separator}{Action}{Separator}{Entity}{Separator}{EntityId}{Separator}{Before}{Separator}{After}",
                out var length))
                throw new InvalidOperationException("The audit entry's text outgrew its buffer.");
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(text[..length], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            // it held a row's personal data
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Both databases keep microseconds, in UTC: the hash is taken over exactly what is stored.</summary>
    public static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// The entity id of an entry that stands for many new rows (the check-in writer logs a batch's rows in one): their
    /// first and last ids, ten digits each. Such entries sort by their first row, so the one holding a row is found by
    /// the index on the entity id: the last of the 21-character ones before <see cref="RowsAfter"/> its id (equal
    /// lengths of digits sort as numbers in a plain or a language's collation; the hyphen only comes after ten digits
    /// that already differ or are equal).
    /// </summary>
    public static string Rows(long first, long last) =>
        string.Create(CultureInfo.InvariantCulture, $"{first:D10}-{last:D10}");

    /// <summary>Every entity id of <see cref="Rows"/> whose first row is at most <paramref name="id"/> sorts before
    /// this.</summary>
    public static string RowsAfter(long id) => string.Create(CultureInfo.InvariantCulture, $"{id + 1:D10}");

    public static bool TryRows(string entityId, out long first, out long last)
    {
        (first, last) = (0, 0);
        return entityId.Length == 21 && entityId[10] == '-' &&
               long.TryParse(entityId.AsSpan(0, 10), NumberStyles.None, CultureInfo.InvariantCulture, out first) &&
               long.TryParse(entityId.AsSpan(11), NumberStyles.None, CultureInfo.InvariantCulture, out last);
    }

    /// <summary>
    /// A range typed as the log page shows it ("1201–1231", or with a hyphen, a tilde or 至, as a Chinese keyboard gives
    /// them) as <see cref="Rows"/> names it; else null.
    /// </summary>
    public static string? RowsTyped(string text) =>
        System.Text.RegularExpressions.Regex.Match(text,
            @"^\s*(\d{1,10})\s*[-–—－~～至]\s*(\d{1,10})\s*$") is { Success: true } m &&
        long.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
        long.TryParse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? Rows(first, last) : null;

    /// <summary>The entity id as the log page shows it: a range of rows without its padding.</summary>
    public static string Shown(string entityId) =>
        TryRows(entityId, out var first, out var last) ? string.Create(CultureInfo.InvariantCulture, $"{first}–{last}")
            : entityId;

    /// <summary>Walks entries in id order; returns the id of the first broken one, or null when the chain
    /// holds.</summary>
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
