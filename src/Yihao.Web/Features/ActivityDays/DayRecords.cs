using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record SixMustsBody(bool BadgesWorn, bool TheoryStudyHeld, bool DuesCollected, bool LiaisonLeaderPresent,
    bool StarsPosted, bool OathRenewed, string? Minutes);

public sealed record SixMustsView(bool BadgesWorn, bool TheoryStudyHeld, bool DuesCollected, bool LiaisonLeaderPresent,
    bool StarsPosted, bool OathRenewed, string? Minutes, bool Compliant)
{
    public static SixMustsView Of(SixMusts? s) => s is null
        ? new(false, false, false, false, false, false, null, false)
        : new(s.BadgesWorn, s.TheoryStudyHeld, s.DuesCollected, s.LiaisonLeaderPresent, s.StarsPosted, s.OathRenewed,
            s.Minutes, s.Compliant);

    /// <summary>The day's compliance (<see cref="DayCompliance"/>): pending, compliant or notCompliant, with the photo
    /// counted where the policy requires one, and the keys of what is missing.</summary>
    public string? Compliance { get; init; }

    public IReadOnlyList<string>? Missing { get; init; }

    public SixMustsView With(DayCompliance c) => this with { Compliance = c.State, Missing = c.Missing };
}

/// <summary>Another day that used the same photo (重复使用的照片).</summary>
public sealed record PhotoUse(int ActivityDayId, DateOnly Month, string Branch);

/// <summary>A photo on the day: new (<c>Added</c>) or the one it had; <c>Reused</c> when the district held the file
/// before.</summary>
public sealed record PhotoAdded(DayPhoto Photo, StoredFile File, bool Reused, IReadOnlyList<PhotoUse> UsedBefore,
    bool Added);

/// <summary>A photo as the upload answers it: what was stored, and where the same file was used before.</summary>
public sealed record PhotoView(int Id, string? Caption, string ContentType, string Hash, long Size, bool Reused,
    IReadOnlyList<PhotoUse> UsedBefore)
{
    public static PhotoView Of(PhotoAdded a) =>
        new(a.Photo.Id, a.Photo.Caption, a.File.ContentType, a.File.Hash, a.File.Size, a.Reused, a.UsedBefore);
}

public sealed record AidBody(string? GivenOn, decimal Amount, string? Reason, string? ApprovedBy);

public sealed record AidView(int Id, int MemberId, DateOnly GivenOn, decimal Amount, string Reason, string ApprovedBy);

/// <summary>The meeting's own records: the six musts with the minutes (六个必须, 会议记录), photos, and in-party aid
/// (党内救助).</summary>
public static class DayRecords
{
    public static async Task<Outcome<SixMusts>> SaveSixMustsAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int dayId, SixMustsBody r, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State is not (ActivityState.Approved or ActivityState.Closed)) return Fail.Invalid("state",
            "The plan is not approved yet.");
        if (clock.GetUtcNow().UtcDateTime < day.StartsAt) return Fail.Invalid("state",
            "The meeting has not started yet.");
        if (r.Minutes is { Length: > 20_000 }) return Fail.Invalid("minutes", "The text is too long.");
        var musts = await db.SixMusts.FirstOrDefaultAsync(s => s.ActivityDayId == dayId, ct);
        if (musts is null)
        {
            musts = new SixMusts { ActivityDayId = dayId, DistrictId = day.DistrictId };
            db.SixMusts.Add(musts);
        }
        // Where liaison leaders are assigned, their presence comes from their own check-in (the attendance list), not
        // the form.
        var liaisonPresent = await Liaison.Liaisons.ChecksInAsync(db, day.OrgId, ct)
            ? day.LiaisonCheckedInAt is not null : r.LiaisonLeaderPresent;
        (musts.BadgesWorn, musts.TheoryStudyHeld, musts.DuesCollected, musts.LiaisonLeaderPresent, musts.StarsPosted,
            musts.OathRenewed) =
            (r.BadgesWorn, r.TheoryStudyHeld, r.DuesCollected || await Dues.DuesLedger.CollectedAtAsync(db, day, ct),
                liaisonPresent, r.StarsPosted, r.OathRenewed);
        musts.Minutes = string.IsNullOrWhiteSpace(r.Minutes) ? null : r.Minutes.Trim();
        musts.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : musts;
    }

    /// <summary>
    /// Adds a photo to the day; its bytes go to the file store once. The same photo again on the same day is the photo
    /// it has (not a second row); a photo the district holds already is a reuse (重复使用), with the days in the caller's
    /// scope that used it before.
    /// </summary>
    public static async Task<Outcome<PhotoAdded>> AddPhotoAsync(
        Scope scope, YihaoDb db, IFileStore store, TimeProvider clock, int dayId, UploadedFile upload, string? caption,
        CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State is not (ActivityState.Approved or ActivityState.Closed))
            return Fail.Invalid("state", "The plan is not approved yet.");
        if (upload.Bytes.Length is 0 or > DayPhoto.MaxBytes) return Fail.Invalid("file", "A photo is at most 5 MB.");
        if (caption is { Length: > 200 }) return Fail.Invalid("caption", "The caption is too long.");
        var kept =
            await StoredFiles.KeepAsync(db, store, clock, day.DistrictId, scope.UserName, upload, FileTypes.Photos,
            "This is not a JPEG, PNG, WebP or HEIC photo.", ct);
        if (!kept.IsOk) return new Outcome<PhotoAdded>(kept.Kind, null, kept.Problems);
        var (file, reused) = kept.Value;
        var before = reused ? await UsesAsync(scope, db, file, dayId, ct) : [];
        if (reused
            && await db.DayPhotos.FirstOrDefaultAsync(p => p.ActivityDayId == dayId && p.Hash == file.Hash,
            ct) is { } same)
            return new PhotoAdded(same, file, true, before, Added: false);
        if (await db.DayPhotos.CountAsync(p => p.ActivityDayId == dayId, ct) >= 20)
            return Fail.Invalid("file", "A day keeps at most 20 photos.");
        var photo = new DayPhoto
        {
            DistrictId = day.DistrictId,
            ActivityDayId = dayId,
            Hash = file.Hash,
            Caption = caption?.Trim(),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = scope.UserName,
        };
        db.DayPhotos.Add(photo);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost
            : new PhotoAdded(photo, file, reused, before, Added: true);
    }

    /// <summary>A photo's file, for those who see the day's archive (not members); null outside the caller's
    /// scope.</summary>
    public static async Task<StoredFile?> PhotoFileAsync(Scope scope, YihaoDb db, int dayId, int photoId,
        CancellationToken ct = default)
    {
        if (scope.IsMember || await Plans.FindAsync(scope, db, dayId, ct) is null) return null;
        return await db.DayPhotos.Where(p => p.Id == photoId && p.ActivityDayId == dayId)
            .Join(db.StoredFiles, p => new { p.DistrictId, p.Hash }, f => new { f.DistrictId, f.Hash }, (p, f) => f)
            .AsNoTracking().FirstOrDefaultAsync(ct);
    }

    /// <summary>The other days in the caller's scope whose photos include this file, oldest first.</summary>
    public static async Task<List<PhotoUse>> UsesAsync(Scope scope, YihaoDb db, StoredFile file, int exceptDay,
        CancellationToken ct = default) =>
        await Plans.Visible(scope, db.ActivityDays, db)
            .Where(d => d.Id != exceptDay && db.DayPhotos.Any(p =>
                p.DistrictId == file.DistrictId && p.Hash == file.Hash && p.ActivityDayId == d.Id))
            .OrderBy(d => d.Month).ThenBy(d => d.Id)
            .Join(db.Orgs, d => d.OrgId, o => o.Id, (d, o) => new PhotoUse(d.Id, d.Month, o.Name))
            .ToListAsync(ct);

    public static async Task<Outcome<Aid>> AddAidAsync(Scope scope, YihaoDb db, TimeProvider clock, int memberId,
        AidBody r, CancellationToken ct = default)
    {
        var member = await scope.Members(db).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Fail.NotFound;
        if (!scope.EditsMembers) return Fail.Forbidden;
        var problems = new List<(string, string)>();
        var today = DistrictTime.Today(clock);
        var on = r.GivenOn is { Length: > 0 } ? Words.Date(r.GivenOn) : today;
        if (on is null || on.Value.Year < 2000) problems.Add(("givenOn", "Not a date; write it as 1980-05-01."));
        else if (on > today) problems.Add(("givenOn", "The date is in the future."));
        if (Math.Round(r.Amount, 2) is <= 0 or > 1_000_000) problems.Add(("amount", "The amount is out of range."));
        var reason = (r.Reason ?? "").Trim();
        if (reason.Length == 0) problems.Add(("reason", "Say why the aid is given."));
        else if (reason.Length > 500) problems.Add(("reason", "The reason is too long."));
        var approvedBy = (r.ApprovedBy ?? "").Trim();
        if (approvedBy.Length == 0) problems.Add(("approvedBy", "Say who approved the aid."));
        else if (approvedBy.Length > 100) problems.Add(("approvedBy", "The name is too long."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        var aid =
            new Aid
            {
                DistrictId = member.DistrictId,
                MemberId = member.Id,
                GivenOn = on!.Value,
                Amount = Math.Round(r.Amount, 2),
                Reason = reason,
                ApprovedBy = approvedBy,
                CreatedAt = clock.GetUtcNow().UtcDateTime
            };
        db.Aids.Add(aid);
        await db.SaveChangesAsync(ct);
        return aid;
    }
}
