using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

/// <summary>
/// What the demo's members did besides the day — the months recorded, dues (<see cref="DemoDues"/>), their study notes —
/// and the star boards of the closed months, rated by the shipped policy from these and the service ledger
/// (<see cref="DemoService"/>, seeded before) and posted, so that the real-time chart is coloured from the first start.
/// Its own seeded random numbers, so that the rest of the demo stays as it was.
/// </summary>
public static class DemoStars
{
    public static async Task<int> SeedAsync(YihaoDb db, int districtId, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var rng = new Random(20261201);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var (first, last) = (thisMonth.AddMonths(-11), thisMonth.AddMonths(-1));
        var members = await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId).Select(m => m.Id)
            .ToListAsync(ct);
        var months = new List<object?[]>();
        foreach (var id in members)
            for (var m = first; m <= thisMonth; m = m.AddMonths(1))
                months.Add([districtId, id, m, "demo", now]);
        await BulkCopy.InsertAsync(db, "member_months",
            ["district_id", "member_id", "month", "recorded_by", "updated_at"], months, ct);
        await DemoDues.SeedAsync(db, rng, districtId, first, thisMonth, now, ct);

        // Most who came wrote their study note too (those online already have theirs).
        var took = await db.Attendances.AsNoTracking()
            .Where(a => a.DistrictId == districtId
                && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.AtDoor))
            .Select(a => new { a.ActivityDayId, a.MemberId, a.At }).ToListAsync(ct);
        var notes = took.Where(_ => rng.NextDouble() < 0.85)
            .Select(a =>
                new object?[] { districtId, a.ActivityDayId, a.MemberId, "学习了本月材料，联系本职工作谈了体会，今后要在服务群众中发挥先锋模范作用。",
                a.At.AddDays(rng.Next(0, 5)) }).ToList();
        await BulkCopy.InsertAsync(db, "study_notes",
            ["district_id", "activity_day_id", "member_id", "text", "submitted_at"], notes, ct);

        // The closed months' boards, posted and final.
        var version = await Policies.InForceAsync(db, districtId, last, ct);
        var policy = Policies.Read(version);
        var facts = await StarFacts.LoadAsync(db, districtId, null, first, last, today, ct);
        var boards = facts.Where(f => f.Value.Branch.DayHeld).Select(f =>
        {
            var posted = DistrictTime.Utc(f.Key.Month.AddMonths(1).ToDateTime(new TimeOnly(10, 0)));
            return new object?[] { districtId, f.Key.Branch, f.Key.Month, BoardState.Published.ToString(), version.Id,
                posted.AddDays(-2), posted.AddDays(-1), "demo", posted, posted.AddDays(policy.PublishDays), 1 };
        }).ToList();
        await BulkCopy.InsertAsync(db, "star_boards",
            ["district_id", "org_id", "month", "state", "policy_version_id", "proposed_at", "confirmed_at",
            "confirmed_by", "published_at", "published_until", "version"], boards, ct);
        var boardIds = await db.StarBoards.AsNoTracking().Where(b => b.DistrictId == districtId)
            .ToDictionaryAsync(b => (b.OrgId, b.Month), b => b.Id, ct);
        var stars = new List<object?[]>();
        foreach (var ((branch, month), f) in facts)
        {
            if (!boardIds.TryGetValue((branch, month), out var boardId)) continue;
            foreach (var mm in f.Members)
            {
                var (star, reasons) = StarRules.Rate(policy, mm);
                stars.Add(
                    [boardId, districtId, mm.MemberId, star.ToString(), JsonSerializer.Serialize(reasons), null, null,
                    null]);
            }
        }
        await BulkCopy.InsertAsync(db, "member_stars",
            ["board_id", "district_id", "member_id", "proposed", "reasons", "override", "override_reason",
            "overridden_by"], stars, ct);
        return stars.Count;
    }
}
