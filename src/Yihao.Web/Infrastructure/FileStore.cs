using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

/// <summary>What a put left in the store: the content's hash and size, and whether this put wrote it or found it
/// there.</summary>
public sealed record StoredBlob(string Hash, long Size, bool Written);

/// <summary>
/// Where files' bytes live, each once, under the lower-case hex SHA-256 of its content. Content is never overwritten: a
/// put of bytes the store holds already writes nothing. The database says which file is what and whose (<see
/// cref="Domain.StoredFile"/>); the store knows only hashes. A folder on disk by default, or an S3-compatible bucket
/// (<see cref="S3FileStore"/>, docs/files.md).
/// </summary>
public interface IFileStore
{
    Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default);

    /// <summary>The content under this hash, or null when the store does not hold it.</summary>
    Task<Stream?> OpenReadAsync(string hash, CancellationToken ct = default);

    /// <summary>Every hash the store holds, in no particular order: for checking the store against the database.
    /// </summary>
    IAsyncEnumerable<string> HashesAsync(CancellationToken ct = default);
}

/// <summary>
/// The store as a folder: ab/cd/abcd…ef for hash abcd…ef, so that no folder holds more than a few thousand entries. A
/// put is written to tmp/, hashed on the way, flushed to disk, then renamed into place; a reader never sees half a
/// file, and a crash leaves at most a stray file in tmp/.
/// </summary>
public sealed class DiskFileStore(string root) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default)
    {
        var tmp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(tmp);
        var temp = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        try
        {
            var (hash, size) = await SpoolAsync(content, temp, ct);
            var path = PathOf(hash);
            if (File.Exists(path))
                return new StoredBlob(hash, size, false);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return new StoredBlob(hash, size, false); // the same content, put at the same moment by someone else
            }
            return new StoredBlob(hash, size, true);
        }
        finally
        {
            File.Delete(temp); // nothing to delete once it was moved
        }
    }

    public Task<Stream?> OpenReadAsync(string hash, CancellationToken ct = default)
    {
        if (!IsHash(hash))
            return Task.FromResult<Stream?>(null);
        var path = PathOf(hash);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, true)
            : null;
        return Task.FromResult(stream);
    }

    public async IAsyncEnumerable<string> HashesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!Directory.Exists(Root))
            yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (IsHash(name) && path == PathOf(name))
                yield return name;
        }
        await Task.CompletedTask;
    }

    /// <summary>Where a hash's content lives: two levels of folders named by its first four characters.</summary>
    public string PathOf(string hash) => Path.Combine(Root, hash[..2], hash[2..4], hash);

    /// <summary>The content copied to a new file at <paramref name="temp"/>, hashed on the way and flushed to
    /// disk.</summary>
    public static async Task<(string Hash, long Size)> SpoolAsync(Stream content, string temp, CancellationToken ct)
    {
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, true);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        await file.FlushAsync(ct);
        file.Flush(flushToDisk: true);
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), file.Length);
    }

    public static bool IsHash(string s) =>
        s.Length == Domain.StoredFile.HashLength && s.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

public static class FileStoreSetup
{
    /// <summary>
    /// The disk store under Files:Folder; by default data/files beside the SQLite file (or under the content root for
    /// PostgreSQL). A relative folder is anchored to the content root, like the database. Files:Store=S3 puts the
    /// files in a bucket instead (Files:S3:*, docs/files.md); anything else is refused at start.
    /// </summary>
    public static IServiceCollection AddYihaoFiles(
        this IServiceCollection services,
        IConfiguration config,
        string contentRoot
    )
    {
        var kind = config["Files:Store"];
        if (string.Equals(kind, "S3", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IFileStore>(S3FileStore.FromConfig(config.GetSection("Files:S3")));
        else if (string.IsNullOrEmpty(kind) || kind.Equals("Disk", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IFileStore>(new DiskFileStore(Folder(config, contentRoot)));
        else
            throw new InvalidOperationException($"Files:Store={kind} is not a store: use Disk (the default) or S3");
        return services;
    }

    public static string Folder(IConfiguration config, string contentRoot)
    {
        if (config["Files:Folder"] is { Length: > 0 } folder)
            return Path.GetFullPath(folder, contentRoot);
        var beside = "data";
        if (!DatabaseSetup.IsPostgres(config))
        {
            var source = new SqliteConnectionStringBuilder(
                config.GetConnectionString("Yihao") ?? DatabaseSetup.DefaultSqlite
            ).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:")
                beside = Path.GetDirectoryName(Path.GetFullPath(source, contentRoot)) ?? beside;
        }
        return Path.GetFullPath(Path.Combine(beside, "files"), contentRoot);
    }
}
