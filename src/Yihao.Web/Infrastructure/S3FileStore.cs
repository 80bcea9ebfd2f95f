using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// The store as an S3-compatible bucket (MinIO, a cloud's object storage): key &lt;prefix&gt;ab/cd/abcd…ef, the same
/// layout as on disk, so that moving between the two is copying the tree. A put spools the content to a temporary
/// file while hashing it (the key is the hash), asks whether the bucket holds it already and, if not, sends it with its
/// SHA-256 for the bucket to check. Content under a key is always the same bytes, so two puts of one file at the same
/// moment write the same object. Files are served by Yihao after its scope check, never by a URL of the bucket.
/// </summary>
public sealed class S3FileStore(IAmazonS3 s3, string bucket, string prefix) : IFileStore
{
    public string Bucket { get; } = bucket;

    public async Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default)
    {
        var temp = Path.Combine(Path.GetTempPath(), "yihao-s3-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (hash, size) = await DiskFileStore.SpoolAsync(content, temp, ct);
            if (await ExistsAsync(hash, ct))
                return new StoredBlob(hash, size, false);
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = KeyOf(hash),
                    FilePath = temp,
                    ContentType = "application/octet-stream",
                    ChecksumSHA256 = Convert.ToBase64String(Convert.FromHexString(hash)),
                    // One signed body rather than aws-chunked frames, which not every S3-compatible server decodes
                    // (some store the frames as the object); the payload's signature is the content's SHA-256 anyway.
                    UseChunkEncoding = false,
                },
                ct
            );
            return new StoredBlob(hash, size, true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<Stream?> OpenReadAsync(string hash, CancellationToken ct = default)
    {
        if (!DiskFileStore.IsHash(hash))
            return null;
        try
        {
            var answer = await s3.GetObjectAsync(Bucket, KeyOf(hash), ct);
            return answer.ResponseStream; // disposing it ends the response
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> HashesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, ct);
            foreach (var o in page.S3Objects ?? [])
            {
                var name = o.Key[(o.Key.LastIndexOf('/') + 1)..];
                if (DiskFileStore.IsHash(name) && o.Key == KeyOf(name))
                    yield return name;
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
    }

    public string KeyOf(string hash) => $"{prefix}{hash[..2]}/{hash[2..4]}/{hash}";

    async Task<bool> ExistsAsync(string hash, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(Bucket, KeyOf(hash), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// From Files:S3: ServiceUrl, Bucket, AccessKey and SecretKey (set them in the environment, as
    /// Files__S3__SecretKey, never in appsettings), and optionally Region (us-east-1), ForcePathStyle (true, as MinIO
    /// and most self-hosted stores need) and Prefix. Checksums are sent only where S3 requires them, because many
    /// S3-compatible servers do not take the streaming trailers the SDK would otherwise add; the SHA-256 of each put
    /// is sent as a plain header instead.
    /// </summary>
    public static S3FileStore FromConfig(IConfiguration s3Config)
    {
        string Required(string key) =>
            s3Config[key] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Files:Store=S3 needs Files:S3:{key}");
        var config = new AmazonS3Config
        {
            ServiceURL = Required("ServiceUrl"),
            AuthenticationRegion = s3Config["Region"] is { Length: > 0 } region ? region : "us-east-1",
            ForcePathStyle = !bool.TryParse(s3Config["ForcePathStyle"], out var pathStyle) || pathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var prefix = s3Config["Prefix"] ?? "";
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
            prefix += "/";
        var credentials = new BasicAWSCredentials(Required("AccessKey"), Required("SecretKey"));
        return new S3FileStore(new AmazonS3Client(credentials, config), Required("Bucket"), prefix);
    }
}
