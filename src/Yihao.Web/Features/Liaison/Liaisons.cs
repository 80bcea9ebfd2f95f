using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Liaison;

public sealed record AssignRequest(int UserId);

public sealed record LiaisonView(int UserId, string Username, string? DisplayName, int OrgId, string OrgName);

/// <summary>
/// Liaison leaders (联系领导): an account may be assigned to several branches, all inside the assigning admin's
/// subtree (and the account too). At a meeting of one of them it checks in with the meeting's code like a member, and
/// the day's "liaison leader present" comes from that, not from a tick box.
/// </summary>
public static class Liaisons
{
    public static async Task<Outcome<LiaisonAssignment>> AssignAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int branchId, AssignRequest r, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == branchId, ct) is not { IsBranch: true } branch) return Fail.NotFound;
        if (!scope.ManagesAccounts) return Fail.Forbidden;
        // The leader's account must be inside the assigning admin's subtree: a town admin assigns its own town's
        // leaders only. An account outside answers as one that does not exist.
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == r.UserId && u.Role == Roles.LiaisonLeader && scope.Orgs(db).Any(o => o.Id == u.OrgId))
            .FirstOrDefaultAsync(ct);
        if (user is null) return Fail.Invalid("userId", "Choose a liaison leader's account.");
        var existing =
            await db.LiaisonAssignments.FirstOrDefaultAsync(a => a.UserId == user.Id && a.OrgId == branchId, ct);
        if (existing is not null) return existing; // assigning twice is assigning once
        var assignment =
            new LiaisonAssignment
            {
                DistrictId = branch.DistrictId,
                UserId = user.Id,
                OrgId = branchId,
                AssignedBy = scope.UserName,
                AssignedAt = clock.GetUtcNow().UtcDateTime
            };
        db.LiaisonAssignments.Add(assignment);
        if (await Retry.SaveAsync(db, ct) is null) return assignment;
        db.ChangeTracker.Clear(); // a doubled request won the race: answer with its row
        return await db.LiaisonAssignments.FirstAsync(a => a.UserId == user.Id && a.OrgId == branchId, ct);
    }

    public static async Task<Outcome<bool>> UnassignAsync(Scope scope, YihaoDb db, int branchId, int userId,
        CancellationToken ct = default)
    {
        if (!await scope.Orgs(db).AnyAsync(o => o.Id == branchId, ct)) return Fail.NotFound;
        if (!scope.ManagesAccounts) return Fail.Forbidden;
        var row = await db.LiaisonAssignments.FirstOrDefaultAsync(a => a.UserId == userId && a.OrgId == branchId, ct);
        if (row is null) return Fail.NotFound;
        db.LiaisonAssignments.Remove(row);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : true;
    }

    /// <summary>The liaison leaders of a branch, or (for a liaison leader's own account) the branches it is assigned
    /// to.</summary>
    public static async Task<List<LiaisonView>> ListAsync(YihaoDb db, int? branchId, int? userId,
        CancellationToken ct = default) =>
        (await db.LiaisonAssignments.AsNoTracking()
            .Where(a => (branchId == null || a.OrgId == branchId) && (userId == null || a.UserId == userId))
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a, u })
            .Join(db.Orgs, x => x.a.OrgId, o => o.Id,
                (x, o) => new { x.u.Id, x.u.UserName, x.u.DisplayName, OrgId = o.Id, o.Name })
            .OrderBy(v => v.Name).ThenBy(v => v.UserName).ToListAsync(ct))
        .Select(v => new LiaisonView(v.Id, v.UserName!, v.DisplayName, v.OrgId, v.Name)).ToList();

    /// <summary>
    /// An assigned liaison leader checks in at the meeting with its current code; once, however often scanned. The
    /// day's row and its six musts are written by the scans' group commit (<see cref="CheckInWriter.LiaisonAsync"/>),
    /// with their audit entries.
    /// </summary>
    public static async Task<Outcome<ActivityDay>> CheckInAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, CheckInWriter writer, int dayId, Func<ActivityDay, bool> codeValid,
        CancellationToken ct = default)
    {
        if (scope.Role != Roles.LiaisonLeader) return Fail.Forbidden;
        var day = await db.ActivityDays.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == dayId && d.DistrictId == scope.DistrictId, ct);
        if (day is null
            || !await db.LiaisonAssignments.AnyAsync(a => a.UserId == scope.UserId && a.OrgId == day.OrgId,
            ct)) return Fail.NotFound;
        if (day.LiaisonCheckedInAt is not null) return day;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!CheckIns.WindowOpen(day, policy, now)) return Fail.Invalid("code", "Check-in is not open now.");
        if (!codeValid(day)) return Fail.Invalid("code",
            "The code has expired or is not this meeting's; scan the screen again.");
        (day.LiaisonCheckedInAt, day.LiaisonCheckedInBy) = await writer.LiaisonAsync(day, scope.UserName, now, ct);
        return day;
    }

    /// <summary>Whether the branch's liaison leaders check in themselves: then presence is theirs to record, not the
    /// secretary's.</summary>
    public static Task<bool> ChecksInAsync(YihaoDb db, int branchId, CancellationToken ct) =>
        db.LiaisonAssignments.AnyAsync(a => a.OrgId == branchId, ct);
}
