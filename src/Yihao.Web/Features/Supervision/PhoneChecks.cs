using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Members;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Supervision;

public sealed record CallRequest(int? MemberId, bool? Reached, string? Says, string? Note);

public sealed record CallView(int Id, int MemberId, bool Reached, string? Says, string? Recorded, bool Agrees,
    string? Note,
    int? FindingId, int? AttendanceId, string By, DateTime At);

/// <summary>A sampled member to call: their whole phone (revealed for this call sheet, and logged), what the record
/// says, and the call if made.</summary>
public sealed record CallSheetRow(int MemberId, string Name, string Phone, string? Recorded, CallView? Call);

/// <summary>
/// Phone spot checks (电话抽查): the inspector calls the members sampled from the day's attendance list. Their phones are
/// shown whole to the inspection's supervisors only, each reveal written to the audit log with its reason; a member who
/// says other than the record becomes a finding that names the attendance row.
/// </summary>
public static class PhoneChecks
{
    static async Task<Outcome<(Inspection Inspection, SampleDraw? Sample)>> SheetAsync(Scope scope, YihaoDb db, int id,
        CancellationToken ct)
    {
        if (await Inspections.FindAsync(scope, db, id, ct) is not { } inspection) return Fail.NotFound;
        if (!Inspections.Supervises(scope)) return Fail.Forbidden;
        if (inspection.Kind != InspectionKind.PhoneCheck || inspection.ActivityDayId is not { } dayId)
            return Fail.Invalid("", "Only a phone spot check has calls.");
        var sample = await db.SampleDraws.AsNoTracking()
            .FirstOrDefaultAsync(s => s.DistrictId == inspection.DistrictId && s.Subject == $"members:{dayId}", ct);
        return (inspection, sample);
    }

    public static async Task<Outcome<List<CallSheetRow>>> CallSheetAsync(Scope scope, YihaoDb db, int id,
        CancellationToken ct)
    {
        var sheet = await SheetAsync(scope, db, id, ct);
        if (!sheet.IsOk) return new Outcome<List<CallSheetRow>>(sheet.Kind, null, sheet.Problems);
        var (inspection, sample) = sheet.Value;
        if (sample is null) return new List<CallSheetRow>(); // nothing drawn yet: nobody to call
        var picked = Samples.PickedOf(sample);
        var members = await db.Members.AsNoTracking().Where(m => picked.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, ct);
        var records = await db.Attendances.AsNoTracking()
            .Where(a => a.ActivityDayId == inspection.ActivityDayId && picked.Contains(a.MemberId))
            .ToDictionaryAsync(a => a.MemberId, a => a.Status, ct);
        var calls = await db.PhoneCalls.AsNoTracking().Where(c => c.InspectionId == inspection.Id)
            .ToDictionaryAsync(c => c.MemberId, ct);
        var reason =
            JsonSerializer.Serialize(new { Field = "phone", Reason = $"phone spot check, inspection {inspection.Id}" });
        var rows = new List<CallSheetRow>();
        foreach (var m in picked.Where(members.ContainsKey).Select(p => members[p]))
        {
            await Auditing.AppendAsync(db, m.DistrictId, Reveals.Action, nameof(Member),
                m.Id.ToString(CultureInfo.InvariantCulture), reason, ct);
            rows.Add(
                new CallSheetRow(m.Id, m.Name, m.Phone ?? "",
                records.TryGetValue(m.Id, out var st) ? Words.Camel(st) : null,
                calls.TryGetValue(m.Id, out var c) ? View(c) : null));
        }
        return rows;
    }

    public static CallView View(PhoneCall c) =>
        new(c.Id, c.MemberId, c.Reached, c.Says is { } s ? Words.Camel(s) : null,
        c.Recorded is { } r ? Words.Camel(r) : null, c.Agrees, c.Note, c.FindingId, c.AttendanceId, c.By, c.At);

    /// <summary>Records one call; the same member's call again answers the first if it says the same, else a
    /// conflict.</summary>
    public static async Task<Outcome<(PhoneCall Call, bool New)>> RecordAsync(Scope scope, YihaoDb db,
        TimeProvider clock, int id,
        CallRequest r, CancellationToken ct = default)
    {
        var sheet = await SheetAsync(scope, db, id, ct);
        if (!sheet.IsOk) return new Outcome<(PhoneCall, bool)>(sheet.Kind, default, sheet.Problems);
        var (inspection, sample) = sheet.Value;
        if (sample is null) return Fail.Invalid("", "Draw the day's sample of members first.");
        if (inspection.State == InspectionState.Recorded) return Fail.Conflict("This inspection is recorded already.");
        var problems = new List<(string, string)>();
        if (r.MemberId is not { } memberId || !Samples.PickedOf(sample).Contains(memberId))
            return Fail.Invalid("memberId", "This member was not sampled for the day.");
        if (r.Reached is not { } reached) problems.Add(("reached", "Say whether the member was reached."));
        var says = Inspections.Parse<MemberSays>(r.Says);
        if (r.Reached == true && says is null)
            problems.Add(("says", "Say what the member said: attended, didNotAttend, didNotKnow or askedForLeave."));
        var note = r.Note?.Trim();
        if (note?.Length > 1000) problems.Add(("note", "The note is at most 1000 characters."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (r.Reached == false) says = null;
        var same = await db.PhoneCalls.AsNoTracking()
            .FirstOrDefaultAsync(c => c.InspectionId == inspection.Id && c.MemberId == memberId, ct);
        if (same is not null)
            return same.Reached == r.Reached && same.Says == says ? (same, false)
                : Fail.Conflict("This member's call is recorded already.");
        var row = await db.Attendances.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ActivityDayId == inspection.ActivityDayId && a.MemberId == memberId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var call = new PhoneCall
        {
            DistrictId = inspection.DistrictId,
            InspectionId = inspection.Id,
            MemberId = memberId,
            AttendanceId = row?.Id,
            Reached = r.Reached!.Value,
            Says = says,
            Recorded = row?.Status,
            Agrees = says is not { } said || PhoneCall.Fits(said, row?.Status),
            Note = string.IsNullOrEmpty(note) ? null : note,
            By = scope.UserName,
            At = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!call.Agrees)
        {
            var name = await db.Members.Where(m => m.Id == memberId).Select(m => m.Name).FirstAsync(ct);
            var finding = new Finding
            {
                DistrictId = inspection.DistrictId,
                InspectionId = inspection.Id,
                AttendanceId = row?.Id,
                Text = L.T("Phone check: {0} says {1}; the record says {2}.", name,
                    SupervisionWords.Says(Words.Camel(says!.Value)),
                    row is null ? L.T("not listed") : SupervisionWords.Attendance(Words.Camel(row.Status))),
                CreatedBy = scope.UserName,
                CreatedAt = now,
            };
            db.Findings.Add(finding);
            if (await Retry.SaveAsync(db, ct) is { } lost) return lost;
            call.FindingId = finding.Id;
        }
        db.PhoneCalls.Add(call);
        if (await Retry.SaveAsync(db, ct) is { } fail) return fail;
        await tx.CommitAsync(ct);
        return (call, true);
    }

    public static RouteGroupBuilder MapPhoneChecksApi(this RouteGroupBuilder g)
    {
        g.MapGet("/inspections/{id:int}/calls", (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s => (await CallSheetAsync(s, db, id, ct)).ToHttp(v => TypedResults.Ok(v))))
            .Produces<List<CallSheetRow>>()
            .WithDescription(
                "The sampled members with their whole phones: each read writes one reveal per member to the audit " +
                    "log.");

        g.MapPost("/inspections/{id:int}/calls",
            (int id, CallRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock,
            CancellationToken ct) => WithScope(user, db, ct, async s => (await RecordAsync(s, db, clock, id, body, ct))
                .ToHttp(v => v.New ? TypedResults.Created($"/api/v1/supervision/inspections/{id}/calls", View(v.Call))
                    : TypedResults.Ok(View(v.Call)))))
            .Produces<CallView>(StatusCodes.Status201Created).Produces<CallView>()
            .WithDescription(
                "says: attended, didNotAttend, didNotKnow or askedForLeave. A disagreement with the record becomes a " +
                             "finding naming the attendance row.");
        return g;
    }
}
