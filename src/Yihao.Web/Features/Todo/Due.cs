using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Todo;

/// <summary>One thing due (待办): what it is, for which month and day, by when, and whether that time has passed. The
/// page words it; the API gives it as it is.</summary>
public sealed record DueItem(
    string Kind,
    DateOnly Month,
    int? DayId = null,
    DateTime? Deadline = null,
    bool Late = false,
    int Count = 0,
    int Overdue = 0,
    string? Comment = null,
    int? TargetId = null,
    decimal? Amount = null
);

/// <summary>A branch's plan for a month as its town sees it: not submitted (none, draft or returned), submitted, or
/// reviewed.</summary>
public sealed record BranchPlan(
    int BranchId,
    string Branch,
    int? DayId,
    string State,
    DateTime? SubmittedAt,
    bool Late,
    DateTime? UrgedAt
);

public sealed record TownDue(
    DateOnly Month,
    DateTime Deadline,
    int Submitted,
    int Reviewed,
    int NotSubmitted,
    IReadOnlyList<BranchPlan> Branches,
    IReadOnlyList<ActivityDayView> Queue
)
{
    /// <summary>Its branches' overdue problem items and the members who owe dues (<see cref="LedgerDue"/>).</summary>
    public IReadOnlyList<DueItem> Items { get; init; } = [];
}

/// <summary>
/// What is due for the signed-in secretary's branch or town admin's town, read from the records themselves: the next
/// day's plan and its deadline, leave waiting, make-ups owed, the day to close, the stars to propose, confirm and post;
/// and for a town, its branches' plans and the review queue.
/// </summary>
public static class Due
{
    public static async Task<List<DueItem>> ForBranchAsync(
        YihaoDb db,
        TimeProvider clock,
        ActivityPolicy policy,
        int branchId,
        CancellationToken ct = default
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DistrictTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var next = thisMonth.AddMonths(1);
        var days = await db
            .ActivityDays.AsNoTracking()
            .Where(d => d.OrgId == branchId && d.Month >= thisMonth.AddMonths(-2) && d.Month <= next)
            .ToListAsync(ct);
        var items = new List<DueItem>();

        // This month's day: today's meeting, a day to close, or a day that passed without an approved plan.
        var current = days.FirstOrDefault(d => d.Month == thisMonth);
        if (current is { State: ActivityState.Approved } open)
        {
            if (CheckIns.WindowOpen(open, policy, now))
                items.Add(
                    new("dayToday", thisMonth, open.Id, open.EndsAt.AddMinutes(policy.CheckInClosesMinutesAfter)));
            else if (now > open.EndsAt)
                items.Add(new("dayToClose", thisMonth, open.Id, Late: true));
        }
        else if (current is null or { State: ActivityState.Draft or ActivityState.Submitted or ActivityState.Returned })
        {
            var startedAt = current?.StartsAt ?? DistrictTime.Utc(thisMonth.ToDateTime(new TimeOnly(9, 0)));
            if (now > startedAt)
                items.Add(new("dayMissed", thisMonth, current?.Id, Late: true));
        }

        // The next day's plan, with its deadline.
        var deadline = DistrictTime.Utc(policy.PlanDeadline(next).ToDateTime(new TimeOnly(23, 59)));
        var late = today > policy.PlanDeadline(next);
        var plan = days.FirstOrDefault(d => d.Month == next);
        items.Add(
            plan switch
            {
                null => new("planNew", next, null, deadline, late),
                { State: ActivityState.Draft } => new("planDraft", next, plan.Id, deadline, late),
                { State: ActivityState.Returned } => new("planReturned", next, plan.Id, deadline, late,
                    Comment: plan.ReviewComment),
                { State: ActivityState.Submitted } => new("planSubmitted", next, plan.Id, Late: plan.Late),
                _ => new("planApproved", next, plan.Id, plan.StartsAt),
            }
        );

        if (plan is null or { State: ActivityState.Draft or ActivityState.Returned }
            && (await Urging.LastAsync(db, [branchId], next, ct)).TryGetValue(branchId, out var urgedAt))
            items.Add(new("urged", next, plan?.Id, urgedAt, late));

        // Leave waiting for a decision, on days still to come or under way.
        var ids = days.Where(d => d.State != ActivityState.Closed).Select(d => d.Id).ToList();
        var leave = await db
            .LeaveRequests.AsNoTracking()
            .Where(l => ids.Contains(l.ActivityDayId) && l.Decision == LeaveDecision.Pending)
            .GroupBy(l => l.ActivityDayId)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var l in leave)
        {
            var day = days.First(d => d.Id == l.Day);
            items.Add(new("leaveWaiting", day.Month, day.Id, day.StartsAt, Count: l.Count));
        }

        // Make-ups owed, over every closed day of the branch.
        var owed = await db
            .MakeUps.AsNoTracking()
            .Where(m => m.DoneOn == null && db.ActivityDays.Any(d => d.Id == m.ActivityDayId && d.OrgId == branchId))
            .GroupBy(m => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Overdue = g.Count(m => m.DueOn < today),
                First = g.Min(m => m.DueOn),
            })
            .FirstOrDefaultAsync(ct);
        if (owed is { Count: > 0 })
            items.Add(new("makeUps", thisMonth, null, DistrictTime.Utc(owed.First.ToDateTime(new TimeOnly(23, 59))),
                owed.Overdue > 0, owed.Count, owed.Overdue));

        // The stars of the latest closed day: to be posted before the next day (one of its six musts).
        var rated = days.Where(d => d.State == ActivityState.Closed).MaxBy(d => d.Month);
        if (rated is not null)
        {
            var board = await db.StarBoards.AsNoTracking().FirstOrDefaultAsync(
                b => b.OrgId == branchId && b.Month == rated.Month, ct);
            var following = days.FirstOrDefault(d => d.Month == rated.Month.AddMonths(1));
            var by = following?.StartsAt
                ?? DistrictTime.Utc(rated.Month.AddMonths(1).ToDateTime(new TimeOnly(9, 0)));
            var kind = board?.State switch
            {
                null => "starsPropose",
                BoardState.Proposed => "starsConfirm",
                BoardState.Confirmed => "starsPublish",
                _ => null,
            };
            if (kind is not null)
                items.Add(new(kind, rated.Month, rated.Id, by, now > by));
        }
        if (await Supervision.ProblemLists.DueAsync(db, clock, branchId, thisMonth, ct) is { } problems)
            items.Add(problems);
        return items;
    }

    public static async Task<TownDue> ForTownAsync(
        Scope scope,
        YihaoDb db,
        TimeProvider clock,
        ActivityPolicy policy,
        CancellationToken ct = default
    )
    {
        var today = DistrictTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var deadline = DistrictTime.Utc(policy.PlanDeadline(month).ToDateTime(new TimeOnly(23, 59)));
        var branches = await scope
            .Orgs(db)
            .AsNoTracking()
            .Where(o => (o.Kind == OrgKind.Branch || o.Kind == OrgKind.TemporaryBranch) && o.ClosedOn == null)
            .Where(o => o.Kind != OrgKind.TemporaryBranch || o.EndsOn == null || o.EndsOn >= month)
            .OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name })
            .Take(2000)
            .ToListAsync(ct);
        var ids = branches.Select(b => b.Id).ToList();
        var plans = await db
            .ActivityDays.AsNoTracking()
            .Where(d => d.Month == month && ids.Contains(d.OrgId))
            .Select(d => new { d.Id, d.OrgId, d.State, d.SubmittedAt, d.Late })
            .ToDictionaryAsync(d => d.OrgId, ct);
        var urged = await Urging.LastAsync(db, ids, month, ct);
        var rows = branches
            .Select(b =>
            {
                var p = plans.GetValueOrDefault(b.Id);
                var state = p?.State switch
                {
                    null => "none",
                    ActivityState.Draft => "draft",
                    ActivityState.Returned => "returned",
                    ActivityState.Submitted => "submitted",
                    _ => "reviewed",
                };
                return new BranchPlan(b.Id, b.Name, p?.Id, state, p?.SubmittedAt, p?.Late ?? false,
                    urged.GetValueOrDefault(b.Id));
            })
            // Those not yet submitted first: they are what the town has to chase.
            .OrderBy(r => r.State switch { "none" => 0, "draft" => 1, "returned" => 2, "submitted" => 3, _ => 4 })
            .ToList();
        var queue = await ActivityDaysApi.ReviewQueueAsync(scope, db, ct);
        return new TownDue(
            month,
            deadline,
            rows.Count(r => r.State == "submitted"),
            rows.Count(r => r.State == "reviewed"),
            rows.Count(r => r.State is "none" or "draft" or "returned"),
            rows,
            queue
        );
    }
}
