using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Todo;

/// <summary>A message to a branch's secretaries: a notice in the app when the account is a member's, an SMS in the
/// outbox when a phone is known. Rows are added, not saved: the caller's save (and transaction) holds them.</summary>
public static class SecretaryNotices
{
    public sealed record Reach(int Accounts, int Notified, int Messages);

    /// <param name="key">the outbox key's stem; the account's id is added, so a retry enqueues nothing twice</param>
    public static async Task<Reach> AddAsync(
        YihaoDb db,
        Org branch,
        string title,
        string body,
        string key,
        DateTime now,
        int? dayId,
        CancellationToken ct
    )
    {
        var secretaries = await db
            .Users.AsNoTracking()
            .Where(u => u.OrgId == branch.Id && u.Role == Roles.BranchSecretary)
            .Select(u => new
            {
                u.Id,
                u.MemberId,
                Phone = db.Members.Where(m => m.Id == u.MemberId).Select(m => m.Phone).FirstOrDefault()
                    ?? u.PhoneNumber,
            })
            .ToListAsync(ct);
        var (notified, messages) = (0, 0);
        foreach (var s in secretaries)
        {
            if (s.MemberId is { } member)
            {
                notified++;
                if (!await db.Notifications.AnyAsync(n => n.MemberId == member && n.Title == title && n.Body == body,
                    ct))
                    db.Notifications.Add(new Notification
                    {
                        DistrictId = branch.DistrictId,
                        MemberId = member,
                        ActivityDayId = dayId,
                        Title = title,
                        Body = body,
                        CreatedAt = now,
                    });
            }
            if (string.IsNullOrEmpty(s.Phone))
                continue;
            messages++;
            var k = $"{key}:{s.Id}";
            if (!await db.Outbox.AnyAsync(o => o.Key == k, ct))
                db.Outbox.Add(new OutboxMessage
                {
                    DistrictId = branch.DistrictId,
                    Key = k,
                    To = s.Phone,
                    Body = "【一号活动】" + body,
                    DueAt = now,
                });
        }
        return new Reach(secretaries.Count, notified, messages);
    }

    /// <summary>How many of the branch's secretaries a message reaches (in the app or by SMS).</summary>
    public static Task<int> ReachableAsync(YihaoDb db, int branchId, CancellationToken ct = default) =>
        db.Users.CountAsync(
            u => u.OrgId == branchId && u.Role == Roles.BranchSecretary
                && (u.MemberId != null || (u.PhoneNumber != null && u.PhoneNumber != "")),
            ct
        );
}
