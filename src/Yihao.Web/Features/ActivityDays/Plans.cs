using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

public sealed record AgendaInput(string? Category, string? Title);

/// <summary>A month's plan as a form or a JSON body sends it. Times are China Standard Time; empty means the policy's
/// default (the 1st, 9:00–11:00).</summary>
public sealed record PlanRequest(string? Month, string? StartsAt, string? EndsAt, string? Place, string? LiaisonLeader,
    List<AgendaInput>? Agenda, string? StudyMaterial);

public sealed record ReviewRequest(bool Approve, string? Comment);

/// <summary>Planning, submitting and reviewing the month's activity (审核预告).</summary>
public static class Plans
{
    public const int MaxAgenda = 20;

    /// <summary>The activity day, if it belongs to a branch in the user's scope; a member sees only announced
    /// days.</summary>
    public static async Task<ActivityDay?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct = default) =>
        await Visible(scope, db.ActivityDays.Include(d => d.Agenda), db)
            .Where(d => d.Id == id)
            .FirstOrDefaultAsync(ct);

    /// <summary>Days in the user's scope; members do not see plans before they are announced.</summary>
    public static IQueryable<ActivityDay> Visible(Scope scope, IQueryable<ActivityDay> days, YihaoDb db) =>
        days.Where(d => d.DistrictId == scope.DistrictId
            && db.Orgs.Any(o => o.Id == d.OrgId && o.Path.StartsWith(scope.Path))
            && (!scope.IsMember || d.State == ActivityState.Approved || d.State == ActivityState.Closed));

    /// <summary>A day the user may run: in their scope (else 404) and their role runs days (else 403).</summary>
    public static async Task<(ActivityDay? Day, Fail? Fail)> RunnableAsync(Scope scope, YihaoDb db, int id,
        CancellationToken ct)
    {
        var day = await FindAsync(scope, db, id, ct);
        if (day is null) return (null, Fail.NotFound);
        return MayPlan(scope) ? (day, null) : (null, Fail.Forbidden);
    }

    /// <summary>The branch's secretary plans and runs the day; the district admin may step in. The town reviews, so it
    /// does not also plan.</summary>
    public static bool MayPlan(Scope scope) => scope.Role is Roles.BranchSecretary or Roles.DistrictAdmin;

    public static async Task<Outcome<ActivityDay>> DraftAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int branchId, PlanRequest r, CancellationToken ct = default)
    {
        var branch = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == branchId, ct);
        if (branch is null) return Fail.NotFound;
        if (!MayPlan(scope)) return Fail.Forbidden;
        if (!branch.IsBranch) return Fail.Invalid("orgId", "Only a branch holds activity days.");
        if (branch.IsClosed) return Fail.Invalid("orgId", "The branch is closed.");
        var month = ParseMonth(r.Month);
        if (month is null) return Fail.Invalid("month", "Write the month as 2026-12.");
        if (branch.Kind == OrgKind.TemporaryBranch && (month < Month(branch.StartsOn) || month > Month(branch.EndsOn)))
            return Fail.Invalid("month", "The temporary branch does not exist in that month.");
        if (await db.ActivityDays.AnyAsync(d => d.OrgId == branch.Id && d.Month == month, ct))
            return Fail.Conflict("This branch already has a plan for that month.");
        var now = clock.GetUtcNow().UtcDateTime;
        var day =
            new ActivityDay
            {
                DistrictId = branch.DistrictId,
                OrgId = branch.Id,
                Month = month.Value,
                CodeKey = ActivityDay.NewCodeKey(),
                CreatedAt = now,
                UpdatedAt = now
            };
        if (Apply(day, r, policy) is { Count: > 0 } problems) return Fail.Invalid(problems);
        db.ActivityDays.Add(day);
        return await Retry.SaveAsync(db, ct, "This branch already has a plan for that month.") is { } lost ? lost : day;
    }

    public static async Task<Outcome<ActivityDay>> UpdateAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int id, PlanRequest r, CancellationToken ct = default)
    {
        var (day, fail) = await RunnableAsync(scope, db, id, ct);
        if (day is null) return fail!.Value;
        if (!day.Editable) return Fail.Invalid("state", "Only a draft or a returned plan can be changed.");
        if (r.Month is { } month && ParseMonth(month) != day.Month)
            return Fail.Invalid("month", "A plan cannot move to another month; plan the other month on its own.");
        // Only what is sent changes (null or left out: as it is); "" clears a text, [] the agenda.
        var problems = Apply(day, new PlanRequest(null,
            r.StartsAt ?? LocalText(day.StartsAt), r.EndsAt ?? LocalText(day.EndsAt), r.Place ?? day.Place,
            r.LiaisonLeader ?? day.LiaisonLeader, r.Agenda ?? [.. day.Agenda.OrderBy(a => a.Position)
                .Select(a => new AgendaInput(Words.Camel(a.Category), a.Title))],
            r.StudyMaterial ?? day.StudyMaterial), policy);
        if (problems.Count > 0) return Fail.Invalid(problems);
        day.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return day;
    }

    public static async Task<Outcome<ActivityDay>> SubmitAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int id, CancellationToken ct = default)
    {
        var (day, fail) = await RunnableAsync(scope, db, id, ct);
        if (day is null) return fail!.Value;
        if (day.State == ActivityState.Submitted) return day;
        if (!day.Editable) return Fail.Invalid("state", "Only a draft or a returned plan can be submitted.");
        if (!day.Agenda.Any(a => a.Category == AgendaCategory.TheoryStudy)) return Fail.Invalid("agenda",
            "The agenda needs at least one theory study item.");
        var now = clock.GetUtcNow().UtcDateTime;
        day.State = ActivityState.Submitted;
        day.SubmittedAt = now;
        day.Late = DateOnly.FromDateTime(DistrictTime.Local(now)) > policy.PlanDeadline(day.Month);
        day.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return day;
    }

    /// <summary>The town approves (announcing the plan to the branch's members) or returns it with a comment.</summary>
    public static async Task<Outcome<ActivityDay>> ReviewAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int id, ReviewRequest r, CancellationToken ct = default)
    {
        var day = await FindAsync(scope, db, id, ct);
        if (day is null) return Fail.NotFound;
        if (scope.Role is not (Roles.TownAdmin or Roles.DistrictAdmin)) return Fail.Forbidden;
        var wanted = r.Approve ? ActivityState.Approved : ActivityState.Returned;
        if (day.State == wanted) return day;
        if (day.State != ActivityState.Submitted) return Fail.Invalid("state",
            "Only a submitted plan can be reviewed.");
        var comment = r.Comment?.Trim();
        if (!r.Approve && string.IsNullOrEmpty(comment)) return Fail.Invalid("comment",
            "Say why the plan is returned.");
        if (comment is { Length: > 1000 }) return Fail.Invalid("comment", "The comment is too long.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        day.State = wanted;
        day.ReviewedAt = now;
        day.ReviewedBy = scope.UserName;
        day.ReviewComment = comment;
        day.UpdatedAt = now;
        if (!r.Approve) await TellReturnedAsync(db, scope, day, comment!, now, ct);
        await db.SaveChangesAsync(ct);
        if (r.Approve) await Notices.AnnounceAsync(db, day, policy, now, ct);
        await tx.CommitAsync(ct);
        return day;
    }

    /// <summary>A returned plan tells the branch's secretaries why, in the app and by SMS.</summary>
    static async Task TellReturnedAsync(YihaoDb db, Scope scope, ActivityDay day, string comment, DateTime now,
        CancellationToken ct)
    {
        var branch = await db.Orgs.AsNoTracking().FirstAsync(o => o.Id == day.OrgId, ct);
        var by = await db.Orgs.Where(o => o.Id == scope.OrgId).Select(o => o.Name).FirstAsync(ct);
        var body = $"{by}退回了{branch.Name}{day.Month:yyyy年M月}主题党日计划，审核意见：{comment}。请修改后重新提交。";
        var key = $"returned:{day.Id}:{now.Ticks}";
        await Todo.SecretaryNotices.AddAsync(db, branch, $"{day.Month:yyyy年M月}主题党日计划被退回", body, key, now, null,
            ct); // not the day's notice: that one goes to the members when it is approved
    }

    static List<(string, string)> Apply(ActivityDay day, PlanRequest r, ActivityPolicy policy)
    {
        var problems = new List<(string, string)>();
        var defaultStart = DistrictTime.Utc(day.Month.ToDateTime(new TimeOnly(policy.DefaultStartHour, 0)));
        var starts = r.StartsAt is { Length: > 0 } ? ParseLocal(r.StartsAt) : defaultStart;
        var ends = r.EndsAt is { Length: > 0 } ? ParseLocal(r.EndsAt) : starts?.AddHours(policy.DefaultHours);
        if (starts is null) problems.Add(("startsAt", "Not a time; write it as 2026-12-01 09:00."));
        if (ends is null) problems.Add(("endsAt", "Not a time; write it as 2026-12-01 09:00."));
        if (starts is not null && ends is not null)
        {
            if (ends <= starts) problems.Add(("endsAt", "The meeting ends after it starts."));
            else if (ends - starts > TimeSpan.FromHours(12)) problems.Add(
                ("endsAt", "A meeting lasts at most 12 hours."));
            var localMonth = DateOnly.FromDateTime(DistrictTime.Local(starts.Value));
            if (localMonth.Year != day.Month.Year
                || localMonth.Month != day.Month.Month) problems.Add(
                ("startsAt", "The meeting is held in its own month."));
        }
        var place = (r.Place ?? "").Trim();
        if (place.Length == 0) problems.Add(("place", "Say where the meeting is held."));
        else if (place.Length > 200) problems.Add(("place", "The place is too long."));
        var liaison = r.LiaisonLeader?.Trim();
        if (liaison is { Length: > 50 }) problems.Add(("liaisonLeader", "The name is too long."));
        if (r.StudyMaterial is { Length: > 20_000 }) problems.Add(("studyMaterial", "The study material is too long."));
        var agenda = new List<AgendaItem>();
        foreach (var (item, i) in (r.Agenda ?? []).Select((a, i) => (a, i)))
        {
            var title = (item.Title ?? "").Trim();
            if (title.Length == 0 && string.IsNullOrEmpty(item.Category)) continue;
            var category = ParseCategory(item.Category);
            if (category is null) problems.Add(
                ($"agenda[{i}].category",
                "The category is theory study, self-building, serving the people or deliberation."));
            if (title.Length == 0) problems.Add(($"agenda[{i}].title", "Each agenda item needs a title."));
            else if (title.Length > 200) problems.Add(($"agenda[{i}].title", "The title is too long."));
            if (category is not null && title.Length is > 0 and <= 200)
                agenda.Add(
                    new AgendaItem
                    {
                        DistrictId = day.DistrictId,
                        Category = category.Value,
                        Title = title,
                        Position = agenda.Count
                    });
        }
        if (agenda.Count > MaxAgenda) problems.Add(("agenda", "At most 20 agenda items."));
        if (problems.Count > 0) return problems;
        day.StartsAt = starts!.Value;
        day.EndsAt = ends!.Value;
        day.Place = place;
        day.LiaisonLeader = string.IsNullOrEmpty(liaison) ? null : liaison;
        day.StudyMaterial = string.IsNullOrWhiteSpace(r.StudyMaterial) ? null : r.StudyMaterial.Trim();
        day.Agenda.Clear();
        day.Agenda.AddRange(agenda);
        return problems;
    }

    /// <summary>A month from 2000 to 2099: anything else is a typing mistake, and the date arithmetic around it stays
    /// in range.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim() + "-01", "yyyy-MM-dd", out var d) && d.Year is >= 2000 and <= 2099
            ? d : null;

    static string LocalText(DateTime utc) =>
        DistrictTime.Local(utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    static DateOnly? Month(DateOnly? date) => date is { } d ? new DateOnly(d.Year, d.Month, 1) : null;

    static DateTime? ParseLocal(string text) =>
        DateTime.TryParseExact(text.Trim().Replace('T', ' '),
            ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm"],
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var local) ? DistrictTime.Utc(local) : null;

    public static AgendaCategory? ParseCategory(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "theorystudy" or "政治理论学习" or "理论学习" => AgendaCategory.TheoryStudy,
        "selfbuilding" or "自身建设" => AgendaCategory.SelfBuilding,
        "servingpeople" or "联系服务群众" or "服务群众" => AgendaCategory.ServingPeople,
        "deliberation" or "民主议事" => AgendaCategory.Deliberation,
        _ => null,
    };
}
