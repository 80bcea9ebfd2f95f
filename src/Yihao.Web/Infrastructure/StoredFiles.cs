using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>An upload as the handler got it: the bytes and the name the client gave (only ever shown, never
/// trusted).</summary>
public sealed record UploadedFile(byte[] Bytes, string? Name);

/// <summary>
/// Keeping and serving files through the one store: the type is checked from the bytes, the bytes are stored once by
/// hash, the district's <see cref="StoredFile"/> row is added once; serving sets the headers every file answer needs.
/// </summary>
public static class StoredFiles
{
    /// <summary>
    /// Puts the upload into the store and adds its row unless the district has it (then <c>Reused</c>). The caller
    /// saves the row with the record that uses it, in one audited save. A type not in <paramref name="types"/> is
    /// refused before anything is written. Bytes stored without their row (a save that failed) are harmless: the next
    /// upload of them finds them there.
    /// </summary>
    public static async Task<Outcome<(StoredFile File, bool Reused)>> KeepAsync(
        YihaoDb db,
        IFileStore store,
        TimeProvider clock,
        int districtId,
        string? userName,
        UploadedFile upload,
        IReadOnlyCollection<string> types,
        string refused,
        CancellationToken ct = default
    )
    {
        var type = FileTypes.Sniff(upload.Bytes.AsSpan(0, Math.Min(upload.Bytes.Length, FileTypes.HeadLength)));
        if (type is null || !types.Contains(type))
            return Fail.Invalid("file", refused);
        using var content = new MemoryStream(upload.Bytes, writable: false);
        var blob = await store.PutAsync(content, ct);
        var known = await db.StoredFiles.FirstOrDefaultAsync(
            f => f.DistrictId == districtId && f.Hash == blob.Hash,
            ct
        );
        if (known is not null)
            return (known, true);
        var file = new StoredFile
        {
            DistrictId = districtId,
            Hash = blob.Hash,
            ContentType = type,
            Size = blob.Size,
            FirstUploadedAt = clock.GetUtcNow().UtcDateTime,
            FirstUploadedBy = userName,
            OriginalName = SafeName(upload.Name, type),
        };
        db.StoredFiles.Add(file);
        return (file, false);
    }

    /// <summary>
    /// The file's bytes, inline, under its checked type, with a strong ETag (its hash: the content never changes under
    /// a hash) answering a matching If-None-Match with 304, and cached by the browser alone (private) for a year. The
    /// caller has checked the scope; a file the store lost answers 404 and is logged.
    /// </summary>
    public static async Task<IResult> ServeAsync(HttpContext http, IFileStore store, StoredFile file, string? name)
    {
        var headers = http.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{file.Hash}\"");
        headers.ETag = etag.ToString();
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var content = await store.OpenReadAsync(file.Hash, http.RequestAborted);
        if (content is null)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(StoredFiles))
                .LogError(
                    "File {Hash} of district {District} is missing from the file store",
                    file.Hash,
                    file.DistrictId
                );
            headers.Remove("ETag");
            headers.CacheControl = "no-store";
            return Problems.NotFound();
        }
        headers.ContentDisposition = Disposition(SafeName(name ?? file.OriginalName, file.ContentType));
        return TypedResults.Stream(content, file.ContentType);
    }

    /// <summary>
    /// inline, with an ASCII name for old clients and the real one (Chinese included) as RFC 5987's filename*.
    /// </summary>
    public static string Disposition(string name)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
            ascii.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return $"inline; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
    }

    /// <summary>A name safe to show and to send: no folders, no control or quoting characters, the ending its
    /// type's.</summary>
    public static string SafeName(string? name, string type)
    {
        var bare = (name ?? "").Replace('\\', '/');
        bare = bare[(bare.LastIndexOf('/') + 1)..];
        bare = new string([.. bare.Where(c => !char.IsControl(c) && c is not ('"' or ';' or '%' or '*'))])
            .Trim()
            .Trim('.');
        var stem = Path.GetFileNameWithoutExtension(bare);
        if (stem.Length == 0)
            stem = "file";
        if (stem.Length > 100)
            stem = stem[..100];
        return stem + FileTypes.Extension(type);
    }
}
