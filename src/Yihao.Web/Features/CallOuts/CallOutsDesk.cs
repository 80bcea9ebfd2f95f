using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.CallOuts;

public sealed record CallOutRequest(string? What, string? Place, string? StartsAt, int? Needed);

public sealed record AttendanceLine(int MemberId, bool Came, decimal? Hours);

public sealed record AttendanceRequest(List<AttendanceLine>? Lines);

public sealed record SignUpView(
    int MemberId, string Name, string BranchName, DateTime SignedUpAt, bool Came, decimal? Hours,
    int? ServiceEntryId);

public sealed record CallOutView(
    int Id, int OrgId, string OrgName, string What, string Place, DateTime StartsAt, int Needed, string State,
    int SignedUp, int Came, decimal Hours, bool SignedUpByMe, bool Organizes, string CreatedBy, DateTime CreatedAt,
    List<SignUpView> SignUps);

/// <summary>
/// Volunteer call-outs (志愿者召集): a town admin or a branch secretary calls the members of their subtree after an
/// emergency; members are told in the app and by SMS, sign up once, and the organizer records who came and their
/// hours. Each attendance is a confirmed volunteering entry (志愿服务) of the service ledger, tied to the call-out by
/// its sign-up.
/// </summary>
public static class CallOutsDesk
{
    public const int PageSize = 100;

    /// <summary>Who calls: a town admin or a branch secretary, for their own node.</summary>
    public static bool Calls(Scope scope) => scope.Role is Roles.TownAdmin or Roles.BranchSecretary;

    /// <summary>The organizer: a caller of the call-out's own node; the district admin may step in.</summary>
    public static bool Organizes(Scope scope, CallOut c) =>
        scope.IsDistrictAdmin || (Calls(scope) && scope.OrgId == c.OrgId);

    /// <summary>
    /// Call-outs the caller sees: an admin those made in their subtree; a member those whose subtree holds their
    /// branch (made by their branch or a node above it).
    /// </summary>
    public static IQueryable<CallOut> Visible(Scope scope, YihaoDb db)
    {
        if (!scope.IsMember)
            return db.CallOuts.Where(c => c.DistrictId == scope.DistrictId
                && db.Orgs.Any(o => o.Id == c.OrgId && o.Path.StartsWith(scope.Path)));
        var above = Above(scope.Path);
        return db.CallOuts.Where(c => c.DistrictId == scope.DistrictId
            && db.Orgs.Any(o => o.Id == c.OrgId && above.Contains(o.Path)));
    }

    /// <summary>A path and every path above it: "/1/5/9/" → "/1/", "/1/5/", "/1/5/9/".</summary>
    static List<string> Above(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return [.. Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/")];
    }

    public static async Task<Outcome<(CallOut CallOut, bool New)>> CallAsync(
        Scope scope, YihaoDb db, TimeProvider clock, CallOutRequest r, string? requestKey,
        CancellationToken ct = default)
    {
        if (!Calls(scope)) return Fail.Forbidden;
        var key = requestKey?.Trim() is { Length: > 0 } k ? k : null;
        if (key?.Length > 100) return Fail.Invalid("Idempotency-Key", "The text is too long.");
        var problems = new List<(string, string)>();
        var what = r.What?.Trim();
        if (string.IsNullOrEmpty(what)) problems.Add(("what", "Say what the volunteers are needed for."));
        else if (what.Length > CallOutRules.WhatMax) problems.Add(("what", "The text is too long."));
        var place = r.Place?.Trim();
        if (string.IsNullOrEmpty(place)) problems.Add(("place", "Say where the volunteers gather."));
        else if (place.Length > CallOutRules.PlaceMax) problems.Add(("place", "The text is too long."));
        var now = clock.GetUtcNow().UtcDateTime;
        var starts = ParseLocal(r.StartsAt);
        if (starts is null) problems.Add(("startsAt", "Not a time; write it as 2026-12-01 09:00."));
        else if (starts < now.AddHours(-1)) problems.Add(("startsAt", "The time cannot be in the past."));
        else if (starts > now.AddDays(90)) problems.Add(("startsAt", "The time is more than 90 days ahead."));
        if (r.Needed is not (> 0 and <= CallOutRules.NeededMax))
            problems.Add(("needed", "Write how many volunteers are needed, at least 1 and at most 10000."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (key is not null && await FindByKeyAsync(db, scope, key, ct) is { } done) return (done, false);
        var callOut = new CallOut
        {
            DistrictId = scope.DistrictId,
            OrgId = scope.OrgId,
            What = what!,
            Place = place!,
            StartsAt = starts!.Value,
            Needed = r.Needed!.Value,
            RequestKey = key,
            CreatedByUserId = scope.UserId,
            CreatedBy = scope.UserName,
            CreatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CallOuts.Add(callOut);
        if (await Retry.SaveAsync(db, ct) is { } lost)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return key is not null && await FindByKeyAsync(db, scope, key, ct) is { } won ? (won, false) : lost;
        }
        await TellAsync(db, scope, callOut, now, ct);
        await tx.CommitAsync(ct);
        return (callOut, true);
    }

    static Task<CallOut?> FindByKeyAsync(YihaoDb db, Scope scope, string key, CancellationToken ct) =>
        db.CallOuts.AsNoTracking().FirstOrDefaultAsync(c => c.DistrictId == scope.DistrictId
            && c.CreatedByUserId == scope.UserId && c.RequestKey == key, ct);

    /// <summary>Every member under the caller's node is told in the app, and by SMS through the outbox.</summary>
    static async Task TellAsync(YihaoDb db, Scope scope, CallOut c, DateTime now, CancellationToken ct)
    {
        var by = await db.Orgs.Where(o => o.Id == c.OrgId).Select(o => o.Name).FirstAsync(ct);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.DistrictId == c.DistrictId && db.Orgs.Any(o => o.Id == m.OrgId
                && o.Path.StartsWith(scope.Path)))
            .Select(m => new { m.Id, m.Phone }).ToListAsync(ct);
        var body = Notice(by, c);
        foreach (var m in members)
        {
            db.Notifications.Add(new Notification
            {
                DistrictId = c.DistrictId,
                MemberId = m.Id,
                Title = "志愿者召集",
                Body = body,
                CreatedAt = now,
            });
            if (m.Phone.Length == 0) continue;
            db.Outbox.Add(new OutboxMessage
            {
                DistrictId = c.DistrictId,
                Key = $"callout:{c.Id}:{m.Id}",
                To = m.Phone,
                Body = $"【志愿者召集】{body}",
                DueAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the members are told, in the app and by SMS.</summary>
    public static string Notice(string by, CallOut c) =>
        $"{by}召集志愿者：{c.What}。时间{DistrictTime.Local(c.StartsAt):M月d日 HH:mm}，地点{c.Place}，" +
        $"需要{c.Needed}人。请在“我的”页面报名。";

    /// <summary>A member signs up for an open call-out; a second sign-up is the first.</summary>
    public static async Task<Outcome<CallOut>> SignUpAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, CancellationToken ct = default)
    {
        if (await Visible(scope, db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } c)
            return Fail.NotFound;
        if (!scope.IsMember) return Fail.Forbidden;
        var memberId = scope.MemberId!.Value;
        if (await db.CallOutSignUps.AnyAsync(s => s.DistrictId == c.DistrictId && s.CallOutId == c.Id
            && s.MemberId == memberId, ct)) return c;
        if (c.State != CallOutState.Open) return Fail.Conflict("The call-out is closed.");
        db.CallOutSignUps.Add(new CallOutSignUp
        {
            DistrictId = c.DistrictId,
            CallOutId = c.Id,
            MemberId = memberId,
            SignedUpAt = clock.GetUtcNow().UtcDateTime,
        });
        if (await Retry.SaveAsync(db, ct) is not { } lost) return c;
        db.ChangeTracker.Clear(); // a double tap: the other request signed up
        return await db.CallOutSignUps.AnyAsync(s => s.DistrictId == c.DistrictId && s.CallOutId == c.Id
            && s.MemberId == memberId, ct) ? c : lost;
    }

    /// <summary>
    /// The organizer records who came and their hours; each one who came is a confirmed volunteering entry of the
    /// service ledger, and one taken back is sent back there, so that only the organizer's record counts. Nothing is
    /// written when a line is wrong.
    /// </summary>
    public static async Task<Outcome<CallOut>> RecordAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, AttendanceRequest r, CancellationToken ct = default)
    {
        if (await Visible(scope, db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } c)
            return Fail.NotFound;
        if (!Organizes(scope, c)) return Fail.Forbidden;
        var lines = r.Lines ?? [];
        if (lines.Count == 0) return Fail.Invalid("lines", "Tick at least one member.");
        if (lines.Count > 1000) return Fail.Invalid("lines", "At most 1000 members at once.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (c.StartsAt > now) return Fail.Invalid("lines", "Attendance is recorded once the call-out has begun.");
        var ids = lines.Select(l => l.MemberId).ToList();
        if (ids.Distinct().Count() != ids.Count) return Fail.Invalid("lines", "A member is named twice.");
        var signUps = await db.CallOutSignUps.Where(s => s.DistrictId == c.DistrictId && s.CallOutId == c.Id
            && ids.Contains(s.MemberId)).ToDictionaryAsync(s => s.MemberId, ct);
        var problems = new List<(string, string)>();
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            if (!signUps.ContainsKey(line.MemberId))
                problems.Add(($"lines[{i}].memberId", "The member has not signed up."));
            if (line.Came && line.Hours is not (> 0 and <= 24))
                problems.Add(($"lines[{i}].hours", "Write the hours, more than 0 and at most 24."));
            else if (line.Hours is { } h && decimal.Round(h, 1) != h)
                problems.Add(($"lines[{i}].hours", "Write the hours with at most one decimal."));
        }
        if (problems.Count > 0) return Fail.Invalid(problems);

        var entryIds = signUps.Values.Where(s => s.ServiceEntryId != null).Select(s => s.ServiceEntryId).ToList();
        var entries = await db.ServiceEntries.Where(e => e.DistrictId == c.DistrictId && entryIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, ct);
        var branches = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.OrgId, ct);
        var doneOn = DateOnly.FromDateTime(DistrictTime.Local(c.StartsAt));
        var created = new List<(CallOutSignUp SignUp, ServiceEntry Entry)>();
        foreach (var line in lines)
        {
            var s = signUps[line.MemberId];
            (s.Came, s.Hours, s.RecordedBy, s.RecordedAt) =
                (line.Came, line.Came ? line.Hours : null, scope.UserName, now);
            if (s.ServiceEntryId is { } eid && entries.TryGetValue(eid, out var entry))
            {
                entry.Hours = line.Came ? line.Hours : entry.Hours;
                (entry.State, entry.SendBackReason) = line.Came ? (ServiceState.Confirmed, null)
                    : (ServiceState.SentBack, "召集人撤销了到场记录");
                (entry.ConfirmedBy, entry.ConfirmedAt) = (scope.UserName, now);
            }
            else if (line.Came)
            {
                var e = Entry((scope.UserId, scope.UserName), c, line.MemberId, branches[line.MemberId],
                    line.Hours!.Value, doneOn, now);
                db.ServiceEntries.Add(e);
                created.Add((s, e));
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Retry.SaveAsync(db, ct) is { } lost) return lost;
        foreach (var (s, e) in created) s.ServiceEntryId = e.Id;
        if (await Retry.SaveAsync(db, ct) is { } lost2) return lost2;
        await tx.CommitAsync(ct);
        return c;
    }

    /// <summary>The ledger's entry for one who came: volunteering, confirmed by the organizer's record (the demo's
    /// call-outs are made of it too).</summary>
    public static ServiceEntry Entry((int Id, string Name) organizer, CallOut c, int memberId, int branchId,
        decimal hours, DateOnly doneOn, DateTime now) => new()
        {
            DistrictId = c.DistrictId,
            OrgId = branchId,
            Kind = ServiceKind.Volunteering,
            State = ServiceState.Confirmed,
            What = Clip($"志愿者召集：{c.What}", ServiceRules.TextMax),
            Place = Clip(c.Place, ServiceRules.ShortMax),
            DoneOn = doneOn,
            Hours = hours,
            RequestKey = $"callout:{c.Id}:{memberId}",
            RecordedByUserId = organizer.Id,
            RecordedBy = organizer.Name,
            RecordedAt = now,
            ConfirmedBy = organizer.Name,
            ConfirmedAt = now,
            Members = [new ServiceEntryMember { DistrictId = c.DistrictId, MemberId = memberId }],
        };

    static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    public static async Task<Outcome<CallOut>> CloseAsync(
        Scope scope, YihaoDb db, int id, CancellationToken ct = default)
    {
        if (await Visible(scope, db).FirstOrDefaultAsync(c => c.Id == id, ct) is not { } c) return Fail.NotFound;
        if (!Organizes(scope, c)) return Fail.Forbidden;
        c.State = CallOutState.Closed;
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : c;
    }

    public static async Task<List<CallOutView>> ListAsync(
        Scope scope, YihaoDb db, bool openOnly, CancellationToken ct = default)
    {
        var rows = await Visible(scope, db).AsNoTracking()
            .Where(c => !openOnly || c.State == CallOutState.Open)
            .OrderByDescending(c => c.StartsAt).ThenByDescending(c => c.Id).Take(PageSize).ToListAsync(ct);
        return await ViewsAsync(scope, db, rows, false, ct);
    }

    public static async Task<Outcome<CallOutView>> GetAsync(
        Scope scope, YihaoDb db, int id, CancellationToken ct = default) =>
        await Visible(scope, db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? (await ViewsAsync(scope, db, [c], true, ct))[0] : Fail.NotFound;

    /// <summary>Counts for everyone who sees the call-out; the sign-ups by name only for its organizer.</summary>
    public static async Task<List<CallOutView>> ViewsAsync(
        Scope scope, YihaoDb db, List<CallOut> rows, bool withSignUps, CancellationToken ct)
    {
        var ids = rows.Select(c => c.Id).ToList();
        // Summed here: SQLite sums no decimals.
        var counts = (await db.CallOutSignUps.AsNoTracking()
                .Where(s => s.DistrictId == scope.DistrictId && ids.Contains(s.CallOutId))
                .Select(s => new { s.CallOutId, s.Came, s.Hours }).ToListAsync(ct))
            .GroupBy(s => s.CallOutId)
            .ToDictionary(g => g.Key, g => new
            {
                Count = g.Count(),
                Came = g.Count(s => s.Came),
                Hours = g.Sum(s => s.Hours ?? 0)
            });
        var mine = scope.MemberId is { } me
            ? await db.CallOutSignUps.AsNoTracking().Where(s => s.DistrictId == scope.DistrictId
                && ids.Contains(s.CallOutId) && s.MemberId == me).Select(s => s.CallOutId).ToListAsync(ct)
            : [];
        var orgIds = rows.Select(c => c.OrgId).Distinct().ToList();
        var orgs = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var views = new List<CallOutView>();
        foreach (var c in rows)
        {
            var organizes = Organizes(scope, c);
            var signUps = withSignUps && organizes ? await SignUpsAsync(db, c, ct) : [];
            var n = counts.GetValueOrDefault(c.Id);
            views.Add(new CallOutView(c.Id, c.OrgId, orgs.GetValueOrDefault(c.OrgId, ""), c.What, c.Place,
                c.StartsAt, c.Needed, Words.Camel(c.State), n?.Count ?? 0, n?.Came ?? 0, n?.Hours ?? 0,
                mine.Contains(c.Id), organizes, c.CreatedBy, c.CreatedAt, signUps));
        }
        return views;
    }

    static async Task<List<SignUpView>> SignUpsAsync(YihaoDb db, CallOut c, CancellationToken ct) =>
        (await db.CallOutSignUps.AsNoTracking().Where(s => s.DistrictId == c.DistrictId && s.CallOutId == c.Id)
            .Join(db.Members, s => s.MemberId, m => m.Id, (s, m) => new { s, m.Name, m.OrgId })
            .Join(db.Orgs, x => x.OrgId, o => o.Id, (x, o) => new { x.s, x.Name, Branch = o.Name })
            .OrderBy(x => x.Branch).ThenBy(x => x.Name).ToListAsync(ct))
        .Select(x => new SignUpView(x.s.MemberId, x.Name, x.Branch, x.s.SignedUpAt, x.s.Came, x.s.Hours,
            x.s.ServiceEntryId)).ToList();

    static DateTime? ParseLocal(string? text) =>
        text is not null && DateTime.TryParseExact(text.Trim().Replace('T', ' '),
            ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local) && local.Year is >= 2000 and <= 2099 ? DistrictTime.Utc(local) : null;
}
