using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Http;

/// <summary>The one file store through the photo routes: stored once by hash, reuse visible, type checked, served with
/// care.</summary>
public abstract class FileStoreTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov25 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    sealed record Branch(int Id, HttpClient Admin, HttpClient TownAdmin, HttpClient Secretary, HttpClient Member);

    async Task<Branch> BranchAsync()
    {
        App.Clock.Set(Nov25);
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        return new Branch(
            branch,
            admin,
            await Tree.AccountAsync(App, admin, "townAdmin", town),
            await Tree.AccountAsync(App, admin, "branchSecretary", branch),
            await Tree.AccountAsync(App, admin, "member", branch, member)
        );
    }

    static async Task<int> ApprovedDayAsync(Branch b, string month)
    {
        var plan = new
        {
            month,
            place = "村委会会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        };
        var created = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", plan);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(
            HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true })).StatusCode
        );
        return id;
    }

    /// <summary>A PNG signature and bytes of its own, so that no two tests share a file.</summary>
    static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(200)];

    static Task<HttpResponseMessage> UploadAsync(
        HttpClient c,
        int day,
        byte[] bytes,
        string name = "重温入党誓词.png",
        string type = "image/png"
    )
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return c.PostAsync(
            $"/api/v1/activity-days/{day}/photos",
            new MultipartFormDataContent { { file, "file", name }, { new StringContent("重温入党誓词"), "caption" } }
        );
    }

    IFileStore Store => App.Services.GetRequiredService<IFileStore>();

    async Task<List<string>> HeldAsync() => await Store.HashesAsync().ToListAsync();

    async Task<byte[]?> BytesAsync(string hash)
    {
        await using var stream = await Store.OpenReadAsync(hash);
        if (stream is null)
            return null;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    static string Sha256(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    [Fact]
    public async Task The_same_photo_twice_is_one_file_and_one_row_and_a_reuse_on_another_day()
    {
        var b = await BranchAsync();
        var dec = await ApprovedDayAsync(b, "2026-12");
        var jan = await ApprovedDayAsync(b, "2027-01");
        var png = Png();
        var hash = Sha256(png);

        var first = await UploadAsync(b.Secretary, dec, png);
        Assert.True(HttpStatusCode.Created == first.StatusCode, await first.Content.ReadAsStringAsync());
        var view = await first.ReadAsync();
        Assert.False(view.GetProperty("reused").GetBoolean());
        Assert.Equal(hash, view.GetProperty("hash").GetString());
        Assert.Equal("image/png", view.GetProperty("contentType").GetString());

        var again = await UploadAsync(b.Secretary, dec, png, "copy.png");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againView = await again.ReadAsync();
        Assert.True(againView.GetProperty("reused").GetBoolean());
        Assert.Equal(view.GetProperty("id").GetInt32(), againView.GetProperty("id").GetInt32());

        var other = await UploadAsync(b.Secretary, jan, png);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherView = await other.ReadAsync();
        Assert.True(otherView.GetProperty("reused").GetBoolean());
        var before = Assert.Single(otherView.GetProperty("usedBefore").EnumerateArray());
        Assert.Equal(dec, before.GetProperty("activityDayId").GetInt32());

        Assert.Equal(1, await App.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.Hash == hash)));
        Assert.Equal(
            1,
            await App.WithDbAsync(db => db.DayPhotos.CountAsync(p => p.Hash == hash && p.ActivityDayId == dec))
        );
        Assert.Equal(2, await App.WithDbAsync(db => db.DayPhotos.CountAsync(p => p.Hash == hash)));
        var stored = await App.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.Hash == hash));
        Assert.Equal(png.Length, stored.Size);
        Assert.Equal("重温入党誓词.png", stored.OriginalName);

        // The bytes are in the store once, under their hash, and nowhere else in it.
        Assert.Equal(png, await BytesAsync(hash));
        Assert.Single(await HeldAsync(), h => h == hash);
        if (Store is DiskFileStore disk)
        {
            Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(disk.Root, hash[..2], hash[2..4], hash)));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(disk.Root, "tmp")));
        }
        if (Store is S3FileStore bucket)
            Assert.StartsWith("test-", bucket.KeyOf(hash)); // under this app's prefix, ab/cd/<hash>
        Assert.Null(await BytesAsync(Sha256(Png())));
        Assert.Null(await BytesAsync("../" + hash[3..]));

        // The archive of either day lists the other as a reuse (重复使用的照片).
        var archive = await App.WithDbAsync(async db =>
        {
            var scope = await Scope.ForAsync(await PrincipalAsync(db, "admin"), db);
            var day = await db.ActivityDays.SingleAsync(d => d.Id == dec);
            return await Yihao.Web.Features.ActivityDays.ArchivePhoto.ForDayAsync(scope!, db, day, default);
        });
        var photo = Assert.Single(archive);
        Assert.True(photo.Reused);
        Assert.Equal(jan, Assert.Single(photo.AlsoUsedOn).ActivityDayId);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_whatever_it_claims_and_nothing_is_written()
    {
        var b = await BranchAsync();
        var day = await ApprovedDayAsync(b, "2026-12");
        var before = (await HeldAsync()).Count;
        var storedBefore = await App.WithDbAsync(db => db.StoredFiles.CountAsync());
        byte[] script = [.. "<script>alert(1)</script>"u8, .. RandomNumberGenerator.GetBytes(16)];
        byte[] gif = [.. "GIF89a"u8, .. RandomNumberGenerator.GetBytes(16)];
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. RandomNumberGenerator.GetBytes(16)];
        foreach (var bytes in new[] { script, gif, pdf })
        {
            var refused = await UploadAsync(b.Secretary, day, bytes, "photo.png", "image/png");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("HEIC", await refused.Content.ReadAsStringAsync());
            Assert.Null(await BytesAsync(Sha256(bytes)));
        }
        Assert.Equal(before, (await HeldAsync()).Count);
        Assert.Equal(storedBefore, await App.WithDbAsync(db => db.StoredFiles.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.DayPhotos.CountAsync(p => p.ActivityDayId == day)));
    }

    [Fact]
    public async Task A_photo_is_served_inline_with_its_checked_type_a_strong_etag_and_304_and_404_outside_scope()
    {
        var b = await BranchAsync();
        var day = await ApprovedDayAsync(b, "2026-12");
        var png = Png();
        // The client says JPEG; the bytes say PNG, and PNG is what is served.
        var created = await (
            await UploadAsync(b.Secretary, day, png, "../../重温 入党誓词.jpg", "image/jpeg")
        ).ReadAsync();
        var url = $"/api/v1/activity-days/{day}/photos/{created.GetProperty("id").GetInt32()}";

        var got = await b.Secretary.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(png, await got.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", got.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(got.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{Sha256(png)}\"", got.Headers.ETag?.Tag);
        Assert.False(got.Headers.ETag!.IsWeak);
        Assert.True(got.Headers.CacheControl!.Private);
        Assert.True(got.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(30));
        var disposition = got.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("重温 入党誓词.png", disposition.FileNameStar);
        Assert.DoesNotContain("/", disposition.FileName);
        Assert.All(disposition.FileName!.Trim('"'), c => Assert.True(c < 128));

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(got.Headers.ETag);
        var notModified = await b.Secretary.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(got.Headers.ETag, notModified.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, (await b.TownAdmin.GetAsync(url)).StatusCode);
        var stranger = await BranchAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Secretary.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.TownAdmin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Member.GetAsync(url)).StatusCode);
        // The page's handler, too: a stranger never gets the bytes (a bearer client is sent to sign in, or answered
        // 404).
        var page = await stranger.Secretary.GetAsync(
            $"/ActivityDays/{day}/Archive?handler=Photo&photoId={created.GetProperty("id").GetInt32()}"
        );
        Assert.NotEqual("image/png", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_photo_row_holds_no_bytes_only_the_hash_of_a_stored_file()
    {
        var columns = App.WithDb(db =>
            db.Model.FindEntityType(typeof(DayPhoto))!
                .GetProperties()
                .Select(p => (p.GetColumnName(), p.ClrType))
                .ToList()
        );
        Assert.DoesNotContain(columns, c => c.ClrType == typeof(byte[]));
        Assert.Contains(columns, c => c.Item1 == "hash");
        var keys = App.WithDb(db =>
            db.Model.FindEntityType(typeof(StoredFile))!.FindPrimaryKey()!.Properties.Select(p => p.Name).ToList()
        );
        Assert.Equal(["DistrictId", "Hash"], keys);

        var b = await BranchAsync();
        var day = await ApprovedDayAsync(b, "2026-12");
        var png = Png();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(b.Secretary, day, png)).StatusCode);
        // What the database itself holds for the row: its hash, a few dozen bytes, never the photo.
        var hash = await App.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>("SELECT hash AS \"Value\" FROM day_photos WHERE activity_day_id = {0}", day)
                .SingleAsync()
        );
        Assert.Equal(Sha256(png), hash);
    }

    static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(Yihao.Web.Data.YihaoDb db, string userName)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return new System.Security.Claims.ClaimsPrincipal(
            new System.Security.Claims.ClaimsIdentity(
                [
                    new System.Security.Claims.Claim(
                        System.Security.Claims.ClaimTypes.NameIdentifier,
                        user.Id.ToString()
                    ),
                ],
                "test"
            )
        );
    }
}

public sealed class FileStoreTestsOnSqlite(SqliteApp app) : FileStoreTests<SqliteApp>(app);

public sealed class FileStoreTestsOnPostgres(PostgresApp app) : FileStoreTests<PostgresApp>(app);

/// <summary>The same routes with the files in an S3-compatible bucket (Files:Store=S3).</summary>
public sealed class FileStoreTestsOnS3(S3App app) : FileStoreTests<S3App>(app);
