using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

public sealed record DisplayLinkView(int Id, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A branch's board on the meeting-room screen: read-only links with long random tokens, revocable; and the
/// live change feed.</summary>
public static class DisplayLinks
{
    /// <summary>A new link's token, returned once; only its hash is kept.</summary>
    public sealed record Made(DisplayLink Link, string Token);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Url(HttpRequest request, Made made) => $"{request.Scheme}://{request.Host}/d/{made.Token}";

    public static async Task<Outcome<Made>> CreateAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == branchId, ct) is not { IsBranch: true } branch) return Fail.NotFound;
        if (!Boards.MayRate(scope)) return Fail.Forbidden;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-')
            .Replace('/', '_');
        var link =
            new DisplayLink
            {
                DistrictId = branch.DistrictId,
                OrgId = branchId,
                TokenHash = Hash(token),
                CreatedBy = scope.UserName,
                CreatedAt = clock.GetUtcNow().UtcDateTime
            };
        db.DisplayLinks.Add(link);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : new Made(link, token);
    }

    public static async Task<Outcome<DisplayLink>> RevokeAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int branchId, int linkId, CancellationToken ct = default)
    {
        if (!await scope.Orgs(db).AnyAsync(o => o.Id == branchId, ct)) return Fail.NotFound;
        if (!Boards.MayRate(scope)) return Fail.Forbidden;
        if (await db.DisplayLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.OrgId == branchId,
            ct) is not { } link) return Fail.NotFound;
        link.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : link;
    }

    public static async Task<List<DisplayLinkView>> ListAsync(YihaoDb db, int branchId,
        CancellationToken ct = default) =>
        (await db.DisplayLinks.AsNoTracking().Where(l => l.OrgId == branchId).OrderByDescending(l => l.Id)
            .ToListAsync(ct))
        .Select(l =>
            new DisplayLinkView(l.Id, l.CreatedBy, ActivityDays.ActivityDayView.Local(l.CreatedAt),
            l.RevokedAt is { } r ? ActivityDays.ActivityDayView.Local(r) : null)).ToList();

    /// <summary>The branch a live (unrevoked) token shows, or null.</summary>
    public static async Task<Org?> BranchOfAsync(YihaoDb db, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var link = await db.DisplayLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.TokenHash == hash && l.RevokedAt == null, ct);
        return link is null ? null : await db.Orgs.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == link.OrgId && o.ClosedOn == null, ct);
    }

    /// <summary>
    /// The live feed a board page listens to: "changed" at most once a second while the branch's records change (a
    /// branch's whole check-in burst becomes a few refreshes), and a comment line every 25 s so that proxies keep the
    /// connection open.
    /// </summary>
    public static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> WatchAsync(BranchChanges changes,
        TimeProvider clock, int branchId, [EnumeratorCancellation] CancellationToken ct)
    {
        // Listening starts before "ready", and again as soon as a change is seen: nothing between two refreshes is
        // missed.
        var next = changes.NextAsync(branchId, ct);
        yield return new("ready", "ready");
        while (!ct.IsCancellationRequested)
        {
            var beat = Task.Delay(TimeSpan.FromSeconds(25), clock, ct);
            if (!await Quietly(Task.WhenAny(next, beat))) yield break;
            if (!next.IsCompletedSuccessfully) { yield return new("", "ping"); continue; }
            next = changes.NextAsync(branchId, ct);
            if (!await Quietly(Task.Delay(TimeSpan.FromSeconds(1), clock, ct))) yield break;
            yield return new("changed", "changed");
        }
    }

    static async Task<bool> Quietly(Task t)
    {
        try
        {
            await t;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static void MapBoardLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/boards/{branchId:int}",
            async (int branchId, HttpContext http, YihaoDb db, BranchChanges changes, TimeProvider clock,
            CancellationToken ct) =>
            await Scope.ForAsync(http.User, db, ct) is { } scope && await scope.Orgs(db)
                .AnyAsync(o => o.Id == branchId, ct)
                ? TypedResults.ServerSentEvents(WatchAsync(changes, clock, branchId, ct))
                : Results.NotFound()).ExcludeFromDescription();
        app.MapGet("/d/{token}/live",
            async (string token, YihaoDb db, BranchChanges changes, TimeProvider clock, CancellationToken ct) =>
            await BranchOfAsync(db, token, ct) is { } branch
                ? TypedResults.ServerSentEvents(WatchAsync(changes, clock, branch.Id, ct)) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A link as a PNG QR code in a data: address.</summary>
    public static string QrDataUrl(string link)
    {
        using var data = QRCoder.QRCodeGenerator.GenerateQrCode(link, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(8));
    }
}
