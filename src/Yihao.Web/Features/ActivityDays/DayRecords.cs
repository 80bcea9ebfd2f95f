using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record SixMustsBody(bool BadgesWorn, bool TheoryStudyHeld, bool DuesCollected, bool LiaisonLeaderPresent, bool StarsPosted, bool OathRenewed, string? Minutes);

public sealed record SixMustsView(bool BadgesWorn, bool TheoryStudyHeld, bool DuesCollected, bool LiaisonLeaderPresent, bool StarsPosted, bool OathRenewed, string? Minutes, bool Compliant)
{
    public static SixMustsView Of(SixMusts? s) => s is null
        ? new(false, false, false, false, false, false, null, false)
        : new(s.BadgesWorn, s.TheoryStudyHeld, s.DuesCollected, s.LiaisonLeaderPresent, s.StarsPosted, s.OathRenewed, s.Minutes, s.Compliant);
}

public sealed record AidBody(string? GivenOn, decimal Amount, string? Reason, string? ApprovedBy);

public sealed record AidView(int Id, int MemberId, DateOnly GivenOn, decimal Amount, string Reason, string ApprovedBy);

/// <summary>The meeting's own records: the six musts with the minutes (六个必须, 会议记录), photos, and in-party aid (党内救助).</summary>
public static class DayRecords
{
    static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public static async Task<Outcome<SixMusts>> SaveSixMustsAsync(Scope scope, YihaoDb db, TimeProvider clock, int dayId, SixMustsBody r, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State is not (ActivityState.Approved or ActivityState.Closed)) return Fail.Invalid("state", "The plan is not approved yet.");
        if (clock.GetUtcNow().UtcDateTime < day.StartsAt) return Fail.Invalid("state", "The meeting has not started yet.");
        if (r.Minutes is { Length: > 20_000 }) return Fail.Invalid("minutes", "The text is too long.");
        var musts = await db.SixMusts.FirstOrDefaultAsync(s => s.ActivityDayId == dayId, ct);
        if (musts is null)
        {
            musts = new SixMusts { ActivityDayId = dayId, DistrictId = day.DistrictId };
            db.SixMusts.Add(musts);
        }
        // Where liaison leaders are assigned, their presence comes from their own check-in (the attendance list), not the form.
        var liaisonPresent = await Liaison.Liaisons.ChecksInAsync(db, day.OrgId, ct) ? day.LiaisonCheckedInAt is not null : r.LiaisonLeaderPresent;
        (musts.BadgesWorn, musts.TheoryStudyHeld, musts.DuesCollected, musts.LiaisonLeaderPresent, musts.StarsPosted, musts.OathRenewed) =
            (r.BadgesWorn, r.TheoryStudyHeld, r.DuesCollected, liaisonPresent, r.StarsPosted, r.OathRenewed);
        musts.Minutes = string.IsNullOrWhiteSpace(r.Minutes) ? null : r.Minutes.Trim();
        musts.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : musts;
    }

    public static async Task<Outcome<DayPhoto>> AddPhotoAsync(Scope scope, YihaoDb db, TimeProvider clock, int dayId, byte[] bytes, string? caption, CancellationToken ct = default)
    {
        var (day, fail) = await Plans.RunnableAsync(scope, db, dayId, ct);
        if (day is null) return fail!.Value;
        if (day.State is not (ActivityState.Approved or ActivityState.Closed)) return Fail.Invalid("state", "The plan is not approved yet.");
        if (bytes.Length > DayPhoto.MaxBytes) return Fail.Invalid("file", "A photo is at most 5 MB.");
        var type = Sniff(bytes);
        if (type is null) return Fail.Invalid("file", "This is not a JPEG, PNG or WebP photo.");
        if (caption is { Length: > 200 }) return Fail.Invalid("caption", "The caption is too long.");
        if (await db.DayPhotos.CountAsync(p => p.ActivityDayId == dayId, ct) >= 20) return Fail.Invalid("file", "A day keeps at most 20 photos.");
        var photo = new DayPhoto { DistrictId = day.DistrictId, ActivityDayId = dayId, ContentType = type, Bytes = bytes, Caption = caption?.Trim(), UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedBy = scope.UserName };
        db.DayPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo;
    }

    /// <summary>Trusts the bytes, not the file name or the browser's word.</summary>
    static string? Sniff(byte[] b) =>
        b.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? ImageTypes[0]
        : b.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? ImageTypes[1]
        : b.Length > 12 && b.AsSpan(0, 4).SequenceEqual("RIFF"u8) && b.AsSpan(8, 4).SequenceEqual("WEBP"u8) ? ImageTypes[2]
        : null;

    public static async Task<Outcome<Aid>> AddAidAsync(Scope scope, YihaoDb db, TimeProvider clock, int memberId, AidBody r, CancellationToken ct = default)
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
        var aid = new Aid { DistrictId = member.DistrictId, MemberId = member.Id, GivenOn = on!.Value, Amount = Math.Round(r.Amount, 2), Reason = reason, ApprovedBy = approvedBy, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Aids.Add(aid);
        await db.SaveChangesAsync(ct);
        return aid;
    }
}
