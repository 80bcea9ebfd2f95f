using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>The notice of an approved plan (预告): an in-app message to every expected member, an SMS now and a reminder
/// before the day.</summary>
public static class Notices
{
    public static async Task AnnounceAsync(YihaoDb db, ActivityDay day, ActivityPolicy policy, DateTime now,
        CancellationToken ct)
    {
        var branch = await db.Orgs.Where(o => o.Id == day.OrgId).Select(o => o.Name).FirstAsync(ct);
        var date = DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
        var members = await Expected.At(db, day.OrgId, date).Select(m => new { m.Id, m.Phone }).ToListAsync(ct);
        var already = await db.Notifications.Where(n => n.ActivityDayId == day.Id).Select(n => n.MemberId)
            .ToListAsync(ct);
        var start = DistrictTime.Local(day.StartsAt);
        var title = $"{day.Month:yyyy年M月}主题党日预告";
        var body = $"{branch}定于{start:M月d日 HH:mm}在{day.Place}开展主题党日活动。" +
                   string.Concat(day.Agenda.OrderBy(a => a.Position).Select((a, i) => $"{i + 1}. {a.Title} ")) +
                   (day.LiaisonLeader is { } l ? $"包联领导{l}参加。" : "") + "因故不能参加请提前请假。";
        var reminderAt = day.StartsAt.AddHours(-policy.ReminderHoursBefore);
        foreach (var m in members.Where(m => !already.Contains(m.Id)))
        {
            db.Notifications.Add(
                new Notification
                {
                    DistrictId = day.DistrictId,
                    MemberId = m.Id,
                    ActivityDayId = day.Id,
                    Title = title,
                    Body = body,
                    CreatedAt = now
                });
            if (m.Phone.Length == 0) continue;
            db.Outbox.Add(
                new OutboxMessage
                {
                    DistrictId = day.DistrictId,
                    Key = $"notice:{day.Id}:{m.Id}",
                    To = m.Phone,
                    Body = $"【一号活动】{body}",
                    DueAt = now
                });
            if (reminderAt > now)
                db.Outbox.Add(
                    new OutboxMessage
                    {
                        DistrictId = day.DistrictId,
                        Key = $"remind:{day.Id}:{m.Id}",
                        To = m.Phone,
                        Body = $"【一号活动提醒】明天{start:HH:mm}在{day.Place}开展主题党日活动，请准时参加。",
                        DueAt = reminderAt
                    });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The member is told the secretary's decision on their leave (请假审批), in the same save as the
    /// decision; a changed decision is told again.</summary>
    public static async Task<Notification> LeaveDecidedAsync(
        YihaoDb db, ActivityDay day, LeaveRequest leave, CancellationToken ct)
    {
        var branch = await db.Orgs.Where(o => o.Id == day.OrgId).Select(o => o.Name).FirstAsync(ct);
        var start = DistrictTime.Local(day.StartsAt);
        var approved = leave.Decision == LeaveDecision.Approved;
        var meeting = $"{branch}{day.Month:yyyy年M月}主题党日（{start:M月d日 HH:mm}，{day.Place}）";
        return new Notification
        {
            DistrictId = day.DistrictId,
            MemberId = leave.MemberId,
            ActivityDayId = day.Id,
            Title = approved ? "请假已批准" : "请假未获批准",
            Body = approved
                ? $"{meeting}：您的请假已批准。会后请按时补课。"
                : $"{meeting}：您的请假未获批准，请按时参加。",
            CreatedAt = leave.DecidedAt ?? day.UpdatedAt,
        };
    }

    /// <summary>A member opens their notice: the first reading is recorded.</summary>
    public static async Task<bool> MarkReadAsync(YihaoDb db, TimeProvider clock, int memberId, int notificationId,
        CancellationToken ct)
    {
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == notificationId && x.MemberId == memberId, ct);
        if (n is null) return false;
        if (n.ReadAt is null)
        {
            n.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}

/// <summary>Who is expected at a branch's meeting: its members on that day, by the transfer history (组织关系转接).</summary>
public static class Expected
{
    /// <summary>
    /// The members whose latest transfer on or before the date is into the branch. Driven from the transfers into the
    /// branch (an index), not from every member of the district, so that it costs what the branch's size costs.
    /// </summary>
    public static IQueryable<Member> At(YihaoDb db, int branchId, DateOnly date) =>
        db.Members.Where(m =>
            db.Transfers.Where(t => t.ToOrgId == branchId && t.EffectiveOn <= date).Select(t => t.MemberId)
                .Contains(m.Id) &&
            db.Transfers.Where(t => t.MemberId == m.Id && t.EffectiveOn <= date)
                .OrderByDescending(t => t.EffectiveOn).ThenByDescending(t => t.Id).Select(t => t.ToOrgId)
                    .FirstOrDefault() == branchId);

    /// <summary>
    /// The ids of <see cref="At"/> for several branches on one date, read as the transfers of everyone who ever came
    /// into any of them by the date, the latest of each picked here: a plain indexed read that the database plans in a
    /// fraction of the correlated query's time. For the scans' facts (<see cref="MeetingFacts"/>), loaded for many
    /// branches at once.
    /// </summary>
    public static async Task<Dictionary<int,
        HashSet<int>>> IdsAsync(YihaoDb db, int[] branches, DateOnly date, CancellationToken ct)
    {
        var latest = new Dictionary<int, Move>();
        await foreach (var m in Moves.For(db)(db, branches, date).WithCancellation(ct))
            if (!latest.TryGetValue(m.MemberId, out var seen) || (m.EffectiveOn, m.Id)
                .CompareTo((seen.EffectiveOn, seen.Id)) > 0)
                latest[m.MemberId] = m;
        var ids = branches.Distinct().ToDictionary(b => b, _ => new HashSet<int>());
        foreach (var m in latest.Values)
            if (ids.TryGetValue(m.ToOrgId, out var into)) into.Add(m.MemberId);
        return ids;
    }

    sealed record Move(int MemberId, int ToOrgId, DateOnly EffectiveOn, int Id);

    /// <summary>Compiled once: a thousand branches' first scans need it, and translating it anew was a third of a
    /// load's time.</summary>
    static readonly PerModel<Func<YihaoDb, int[], DateOnly,
        IAsyncEnumerable<Move>>> Moves = new(() => EF.CompileAsyncQuery((YihaoDb db, int[] branches, DateOnly date) =>
        db.Transfers.AsNoTracking()
            .Where(t => t.EffectiveOn <= date
                && db.Transfers.Where(x => branches.Contains(x.ToOrgId) && x.EffectiveOn <= date)
                .Select(x => x.MemberId).Contains(t.MemberId))
            .Select(t => new Move(t.MemberId, t.ToOrgId, t.EffectiveOn, t.Id))));

    public static DateOnly DateOf(ActivityDay day) => DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
}
