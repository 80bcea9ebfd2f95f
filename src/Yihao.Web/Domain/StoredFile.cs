namespace Yihao.Web.Domain;

/// <summary>
/// A file kept once by its content (存储的文件): the bytes live in the file store under their SHA-256, the database holds
/// what they are and who brought them first. Rows that use a file (a day's photo, later evidence or an export) name it
/// by district and hash, so the same photo uploaded twice is one file and shows as a reuse.
/// </summary>
public sealed class StoredFile
{
    /// <summary>Lower-case hexadecimal SHA-256: 64 characters.</summary>
    public const int HashLength = 64;

    public int DistrictId { get; set; }
    public string Hash { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public DateTime FirstUploadedAt { get; set; }
    public string? FirstUploadedBy { get; set; }
    public string? OriginalName { get; set; }
}
