using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Todo;

/// <summary>What a reminder reached: the secretaries told in the app and by SMS.</summary>
public sealed record UrgeResult(int BranchId, DateOnly Month, int Notified, int Messages, DateTime At);

/// <summary>
/// 催报: the town reminds a branch whose plan for the month is not yet submitted. Each of the branch's secretaries gets
/// a notice in the app (when their account is a member's) and an SMS in the outbox (when a phone is known); once a day
/// per secretary, however often the button is pressed.
/// </summary>
public static class Urging
{
    public static string Title(DateOnly month) => $"催报：{month:yyyy年M月}主题党日预告";

    static string KeyPrefix(int branchId, DateOnly month) =>
        $"urge:{branchId}:{month.ToString("yyyyMM", CultureInfo.InvariantCulture)}:";

    public static async Task<Outcome<UrgeResult>> UrgeAsync(
        Scope scope,
        YihaoDb db,
        TimeProvider clock,
        ActivityPolicy policy,
        int branchId,
        string? monthText,
        CancellationToken ct = default
    )
    {
        if (await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == branchId, ct) is not { IsBranch: true } branch)
            return Fail.NotFound;
        if (scope.Role is not (Roles.TownAdmin or Roles.DistrictAdmin))
            return Fail.Forbidden;
        if (Plans.ParseMonth(monthText) is not { } month)
            return Fail.Invalid("month", "Write the month as 2026-12.");
        var state = await db
            .ActivityDays.Where(d => d.OrgId == branchId && d.Month == month)
            .Select(d => (ActivityState?)d.State)
            .FirstOrDefaultAsync(ct);
        if (state is ActivityState.Submitted or ActivityState.Approved or ActivityState.Closed)
            return Fail.Conflict("This month's plan is already submitted.");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DistrictTime.Today(clock);
        var deadline = policy.PlanDeadline(month);
        var town = await db.Orgs.Where(o => o.Id == scope.OrgId).Select(o => o.Name).FirstAsync(ct);
        var body =
            $"{town}提醒：{branch.Name}{month:yyyy年M月}主题党日预告尚未提交审核，"
            + (today > deadline ? $"已过{deadline:M月d日}截止时间，请尽快提交。" : $"请于{deadline:M月d日}前提交。");
        // Once a day: the same day's body and key make a second press add nothing.
        var key = KeyPrefix(branchId, month) + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var reach =
            await SecretaryNotices.AddAsync(db, branch, Title(month), $"{body}（{today:M月d日}）", key, now, null, ct);
        if (reach.Notified + reach.Messages == 0)
            return Fail.Invalid("branchId", "The branch has no secretary's account with a member record or a phone.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same reminder pressed twice at once: the first one's rows stand.
            db.ChangeTracker.Clear();
        }
        return new UrgeResult(branchId, month, reach.Notified, reach.Messages, now);
    }

    /// <summary>When each branch was last reminded about the month's plan.</summary>
    public static async Task<Dictionary<int, DateTime>> LastAsync(
        YihaoDb db,
        IReadOnlyCollection<int> branches,
        DateOnly month,
        CancellationToken ct = default
    )
    {
        var title = Title(month);
        var rows = await db
            .Notifications.AsNoTracking()
            .Where(n => n.Title == title)
            .Join(
                db.Users.Where(u => u.Role == Roles.BranchSecretary && branches.Contains(u.OrgId)),
                n => n.MemberId,
                u => u.MemberId,
                (n, u) => new { u.OrgId, n.CreatedAt }
            )
            .ToListAsync(ct);
        var since = DistrictTime.Utc(month.AddMonths(-2).ToDateTime(TimeOnly.MinValue));
        var sent = await db
            .Outbox.AsNoTracking()
            .Where(o => o.DueAt >= since && o.Key.StartsWith("urge:"))
            .Select(o => new { o.Key, o.DueAt })
            .ToListAsync(ct);
        var last = new Dictionary<int, DateTime>();
        void Seen(int branch, DateTime at)
        {
            if (!last.TryGetValue(branch, out var was) || at > was)
                last[branch] = at;
        }
        foreach (var r in rows)
            Seen(r.OrgId, r.CreatedAt);
        var suffix = $":{month.ToString("yyyyMM", CultureInfo.InvariantCulture)}:";
        foreach (var o in sent)
        {
            var parts = o.Key.Split(':');
            if (parts.Length == 5 && int.TryParse(parts[1], out var b) && branches.Contains(b)
                && o.Key.Contains(suffix))
                Seen(b, o.DueAt);
        }
        return last;
    }
}
