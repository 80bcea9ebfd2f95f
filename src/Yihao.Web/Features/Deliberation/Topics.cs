using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Deliberation;

public sealed record RaiseRequest(
    int AgendaItemId, string? Raised, string? Conclusion, string? Decision, int? OwnerMemberId, string? DueOn);

public sealed record FollowUpRequest(string? DoneOn, string? What);

public sealed record CloseRequest(string? What);

public sealed record DropRequest(string? Reason);

public sealed record ToAgendaRequest(int ActivityDayId);

/// <summary>An edit of an open topic: a field left out (or null) keeps its value; "" clears the conclusion.</summary>
public sealed record TopicEdit(
    string? Raised, string? Conclusion, string? Decision, int? OwnerMemberId, string? DueOn);

public sealed record FollowUpView(int Id, DateOnly DoneOn, string What, string By, DateTime RecordedAt, string State);

public sealed record TopicView(
    int Id, int OrgId, string OrgName, int ActivityDayId, string Month, int AgendaItemId, string Title, string Raised,
    string? Conclusion, string Decision, int OwnerMemberId, string OwnerName, DateOnly DueOn, string State,
    bool Overdue, string? DropReason, string RaisedBy, DateTime RaisedAt, DateTime? ClosedAt, string? ClosedBy,
    List<FollowUpView> FollowUps);

/// <summary>
/// Deliberation topics (民主议事): a deliberation item of an activity day becomes a topic with a decision, an owner and
/// a due date; the secretary (or the owner) records follow-ups until it is done, or the secretary drops it with a
/// reason. Nothing is deleted: the follow-ups are the history. Open topics are offered when the next plan is drafted.
/// </summary>
public static class Topics
{
    public const int PageSize = 200;

    /// <summary>Topics of branches in the caller's subtree; a member sees the topics they own.</summary>
    public static IQueryable<DeliberationTopic> Visible(Scope scope, YihaoDb db) =>
        db.DeliberationTopics.Where(t => t.DistrictId == scope.DistrictId
            && db.Orgs.Any(o => o.Id == t.OrgId && o.Path.StartsWith(scope.Path))
            && (!scope.IsMember || t.OwnerMemberId == scope.MemberId));

    /// <summary>The branch's secretary keeps the topics; the district admin may step in, as with plans.</summary>
    public static bool Keeps(Scope scope) => Plans.MayPlan(scope);

    public static async Task<Outcome<(DeliberationTopic Topic, bool New)>> RaiseAsync(
        Scope scope, YihaoDb db, TimeProvider clock, RaiseRequest r, CancellationToken ct = default)
    {
        var item = await db.AgendaItems.AsNoTracking().Where(a => a.Id == r.AgendaItemId)
            .Join(Plans.Visible(scope, db.ActivityDays, db), a => a.ActivityDayId, d => d.Id, (a, d) => new { a, d })
            .FirstOrDefaultAsync(ct);
        if (item is null) return Fail.NotFound;
        if (!Keeps(scope)) return Fail.Forbidden;
        if (item.a.Category != AgendaCategory.Deliberation)
            return Fail.Invalid("agendaItemId", "Only a deliberation item of the agenda becomes a topic.");
        if (item.d.State is not (ActivityState.Approved or ActivityState.Closed))
            return Fail.Invalid("agendaItemId", "A topic is raised from a day that was held or announced.");
        var problems = new List<(string, string)>();
        var raised = Text(r.Raised, "raised", "Say what was raised.", problems);
        var decision = Text(r.Decision, "decision", "Write the decision.", problems);
        var conclusion = r.Conclusion?.Trim() is { Length: > 0 } c ? c : null;
        if (conclusion?.Length > DeliberationRules.TextMax) problems.Add(("conclusion", "The text is too long."));
        var today = DistrictTime.Today(clock);
        var due = Words.Date(r.DueOn);
        if (due is null) problems.Add(("dueOn", "Write the date as 2026-12-01."));
        else if (due < today) problems.Add(("dueOn", "The due date cannot be in the past."));
        else if (due > today.AddYears(3)) problems.Add(("dueOn", "The due date is more than three years ahead."));
        if (r.OwnerMemberId is not { } ownerId
            || !await db.Members.AnyAsync(m => m.Id == ownerId && m.OrgId == item.d.OrgId
                && m.DistrictId == scope.DistrictId, ct))
            problems.Add(("ownerMemberId", "The owner must be a member of the branch."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (await FindAsync(db, scope.DistrictId, item.a.Id, ct) is { } there)
            return there.Raised == raised && there.Decision == decision ? (there, false)
                : Fail.Conflict("This agenda item already has a topic.");
        var now = clock.GetUtcNow().UtcDateTime;
        var topic = new DeliberationTopic
        {
            DistrictId = scope.DistrictId,
            OrgId = item.d.OrgId,
            ActivityDayId = item.d.Id,
            AgendaItemId = item.a.Id,
            Title = item.a.Title,
            Raised = raised!,
            Conclusion = conclusion,
            Decision = decision!,
            OwnerMemberId = r.OwnerMemberId!.Value,
            DueOn = due!.Value,
            RaisedBy = scope.UserName,
            RaisedAt = now,
        };
        db.DeliberationTopics.Add(topic);
        if (await Retry.SaveAsync(db, ct) is not { } lost) return (topic, true);
        db.ChangeTracker.Clear(); // the same request twice at once: the loser finds the winner
        return await FindAsync(db, scope.DistrictId, item.a.Id, ct) is { } won ? (won, false) : lost;
    }

    static Task<DeliberationTopic?> FindAsync(YihaoDb db, int districtId, int agendaItemId, CancellationToken ct) =>
        db.DeliberationTopics.AsNoTracking().Include(t => t.FollowUps)
            .FirstOrDefaultAsync(t => t.DistrictId == districtId && t.AgendaItemId == agendaItemId, ct);

    static string? Text(string? text, string field, string missing, List<(string, string)> problems)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) problems.Add((field, missing));
        else if (t.Length > DeliberationRules.TextMax) problems.Add((field, "The text is too long."));
        return t;
    }

    /// <summary>Who may change an open topic: the branch's secretary (or the district admin) and its owner.</summary>
    public static bool Edits(Scope scope, DeliberationTopic t) =>
        Keeps(scope) || (scope.IsMember && t.OwnerMemberId == scope.MemberId);

    /// <summary>
    /// Corrects what was raised, the conclusion, the decision, the owner or the due date of an open topic. A field
    /// left out keeps its value; a new due date may not be in the past (the one it has may, when it is kept). The
    /// audit log keeps what it said before.
    /// </summary>
    public static async Task<Outcome<DeliberationTopic>> EditAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, TopicEdit r, CancellationToken ct = default)
    {
        if (await Visible(scope, db).Include(t => t.FollowUps).FirstOrDefaultAsync(t => t.Id == id, ct)
            is not { } topic) return Fail.NotFound;
        if (!Edits(scope, topic)) return Fail.Forbidden;
        var problems = new List<(string, string)>();
        var raised = r.Raised is null ? topic.Raised : Text(r.Raised, "raised", "Say what was raised.", problems);
        var decision = r.Decision is null ? topic.Decision
            : Text(r.Decision, "decision", "Write the decision.", problems);
        var conclusion = r.Conclusion is null ? topic.Conclusion
            : r.Conclusion.Trim() is { Length: > 0 } c ? c : null;
        if (conclusion?.Length > DeliberationRules.TextMax) problems.Add(("conclusion", "The text is too long."));
        var today = DistrictTime.Today(clock);
        var due = topic.DueOn;
        if (r.DueOn is not null)
        {
            if (Words.Date(r.DueOn) is not { } d) problems.Add(("dueOn", "Write the date as 2026-12-01."));
            else if (d != topic.DueOn && d < today) problems.Add(("dueOn", "The due date cannot be in the past."));
            else if (d > today.AddYears(3)) problems.Add(("dueOn", "The due date is more than three years ahead."));
            else due = d;
        }
        var owner = r.OwnerMemberId ?? topic.OwnerMemberId;
        if (owner != topic.OwnerMemberId && !await db.Members.AnyAsync(m => m.Id == owner
                && m.OrgId == topic.OrgId && m.DistrictId == topic.DistrictId, ct))
            problems.Add(("ownerMemberId", "The owner must be a member of the branch."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (topic.State != TopicState.Open) return Fail.Conflict("The topic is closed.");
        (topic.Raised, topic.Conclusion, topic.Decision) = (raised!, conclusion, decision!);
        (topic.OwnerMemberId, topic.DueOn) = (owner, due);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : topic;
    }

    /// <summary>A follow-up (who, when, what) on an open topic, by the secretary or the topic's owner.</summary>
    public static async Task<Outcome<DeliberationTopic>> FollowUpAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, FollowUpRequest r, string? requestKey,
        CancellationToken ct = default)
    {
        if (await Visible(scope, db).Include(t => t.FollowUps).FirstOrDefaultAsync(t => t.Id == id, ct)
            is not { } topic) return Fail.NotFound;
        if (!Edits(scope, topic)) return Fail.Forbidden;
        var key = requestKey?.Trim() is { Length: > 0 } k ? k : null;
        if (key?.Length > 100) return Fail.Invalid("Idempotency-Key", "The text is too long.");
        if (key is not null && topic.FollowUps.Any(f => f.ByUserId == scope.UserId && f.RequestKey == key))
            return topic;
        var problems = new List<(string, string)>();
        var what = Text(r.What, "what", "Say what was done.", problems);
        var today = DistrictTime.Today(clock);
        var doneOn = r.DoneOn is null or "" ? today : Words.Date(r.DoneOn) ?? default;
        if (doneOn == default) problems.Add(("doneOn", "Write the date as 2026-12-01."));
        else if (doneOn > today) problems.Add(("doneOn", "The date cannot be in the future."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (topic.State != TopicState.Open) return Fail.Conflict("The topic is closed.");
        Add(scope, clock, topic, doneOn, what!, TopicState.Open, key);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : topic;
    }

    static void Add(Scope scope, TimeProvider clock, DeliberationTopic topic, DateOnly doneOn, string what,
        TopicState state, string? key = null) =>
        topic.FollowUps.Add(new TopicFollowUp
        {
            DistrictId = topic.DistrictId,
            DoneOn = doneOn,
            What = what,
            By = scope.UserName,
            ByUserId = scope.UserId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RequestKey = key,
            State = state,
        });

    /// <summary>The secretary marks the topic done, saying what came of it; a repeat finds it done.</summary>
    public static async Task<Outcome<DeliberationTopic>> DoneAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, CloseRequest r, CancellationToken ct = default)
    {
        if (await Visible(scope, db).Include(t => t.FollowUps).FirstOrDefaultAsync(t => t.Id == id, ct)
            is not { } topic) return Fail.NotFound;
        if (!Keeps(scope)) return Fail.Forbidden;
        if (topic.State == TopicState.Done) return topic;
        var problems = new List<(string, string)>();
        var what = Text(r.What, "what", "Say what came of it.", problems);
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (topic.State != TopicState.Open) return Fail.Conflict("The topic is closed.");
        return await CloseAsync(scope, db, clock, topic, TopicState.Done, what!, null, ct);
    }

    /// <summary>The secretary drops the topic; the reason is required and stays in the history.</summary>
    public static async Task<Outcome<DeliberationTopic>> DropAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, DropRequest r, CancellationToken ct = default)
    {
        if (await Visible(scope, db).Include(t => t.FollowUps).FirstOrDefaultAsync(t => t.Id == id, ct)
            is not { } topic) return Fail.NotFound;
        if (!Keeps(scope)) return Fail.Forbidden;
        if (topic.State == TopicState.Dropped) return topic;
        var problems = new List<(string, string)>();
        var reason = Text(r.Reason, "reason", "Say why the topic is dropped.", problems);
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (topic.State != TopicState.Open) return Fail.Conflict("The topic is closed.");
        return await CloseAsync(scope, db, clock, topic, TopicState.Dropped, reason!, reason, ct);
    }

    static async Task<Outcome<DeliberationTopic>> CloseAsync(Scope scope, YihaoDb db, TimeProvider clock,
        DeliberationTopic topic, TopicState state, string what, string? reason, CancellationToken ct)
    {
        (topic.State, topic.DropReason) = (state, reason);
        (topic.ClosedAt, topic.ClosedBy) = (clock.GetUtcNow().UtcDateTime, scope.UserName);
        Add(scope, clock, topic, DistrictTime.Today(clock), what, state);
        return await Retry.SaveAsync(db, ct) is { } lost ? lost : topic;
    }

    /// <summary>
    /// The open topics of a plan's branch not yet on its agenda (待议事项), offered while the secretary drafts it.
    /// </summary>
    public static async Task<Outcome<List<DeliberationTopic>>> PendingAsync(
        Scope scope, YihaoDb db, int activityDayId, CancellationToken ct = default)
    {
        if (await Plans.FindAsync(scope, db, activityDayId, ct) is not { } day || scope.IsMember)
            return Fail.NotFound;
        var onAgenda = day.Agenda.Where(a => a.Category == AgendaCategory.Deliberation).Select(a => a.Title).ToList();
        var open = await db.DeliberationTopics.AsNoTracking()
            .Where(t => t.DistrictId == day.DistrictId && t.OrgId == day.OrgId && t.State == TopicState.Open
                && t.ActivityDayId != day.Id)
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id).Take(PageSize).ToListAsync(ct);
        return open.Where(t => !onAgenda.Contains(AgendaTitle(t))).ToList();
    }

    /// <summary>How an open topic reads on the next agenda.</summary>
    public static string AgendaTitle(DeliberationTopic t)
    {
        var title = "跟进：" + t.Title;
        return title.Length <= DeliberationRules.TitleMax ? title : title[..DeliberationRules.TitleMax];
    }

    /// <summary>Puts an open topic on a draft plan's agenda as a deliberation item; a repeat adds it once.</summary>
    public static async Task<Outcome<ActivityDay>> ToAgendaAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ActivityPolicy policy, int id, ToAgendaRequest r, CancellationToken ct = default)
    {
        if (await Visible(scope, db).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } topic)
            return Fail.NotFound;
        if (await Plans.FindAsync(scope, db, r.ActivityDayId, ct) is not { } day) return Fail.NotFound;
        if (!Keeps(scope)) return Fail.Forbidden;
        if (day.OrgId != topic.OrgId)
            return Fail.Invalid("activityDayId", "The plan belongs to another branch.");
        if (topic.State != TopicState.Open) return Fail.Conflict("The topic is closed.");
        if (!day.Editable) return Fail.Invalid("activityDayId", "Only a draft or a returned plan can be changed.");
        var title = AgendaTitle(topic);
        if (day.Agenda.Any(a => a.Category == AgendaCategory.Deliberation && a.Title == title)) return day;
        var agenda = day.Agenda.OrderBy(a => a.Position)
            .Select(a => new AgendaInput(Words.Camel(a.Category), a.Title)).ToList();
        agenda.Add(new AgendaInput(Words.Camel(AgendaCategory.Deliberation), title));
        return await Plans.UpdateAsync(scope, db, clock, policy, day.Id,
            new PlanRequest(null, null, null, null, null, agenda, null), ct);
    }

    public static async Task<Outcome<TopicView>> GetAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, CancellationToken ct = default) =>
        await Visible(scope, db).AsNoTracking().Include(t => t.FollowUps).FirstOrDefaultAsync(t => t.Id == id, ct)
            is { } t ? (await ViewsAsync(db, clock, [t], ct))[0] : Fail.NotFound;

    /// <summary>The topics under a node (the caller's own when none is named): state open, overdue, done or
    /// dropped.</summary>
    public static async Task<Outcome<List<TopicView>>> ListAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int? orgId, string? state, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == (orgId ?? scope.OrgId), ct)
            is not { } org) return Fail.NotFound;
        var today = DistrictTime.Today(clock);
        var rows = Visible(scope, db).AsNoTracking()
            .Where(t => db.Orgs.Any(o => o.Id == t.OrgId && o.Path.StartsWith(org.Path)));
        rows = (state ?? "").Trim().ToLowerInvariant() switch
        {
            "" => rows,
            "open" => rows.Where(t => t.State == TopicState.Open),
            "overdue" => rows.Where(t => t.State == TopicState.Open && t.DueOn < today),
            "done" => rows.Where(t => t.State == TopicState.Done),
            "dropped" => rows.Where(t => t.State == TopicState.Dropped),
            _ => null!,
        };
        if (rows is null) return Fail.Invalid("state", "Choose the state.");
        var list = await rows.Include(t => t.FollowUps).OrderBy(t => t.State).ThenBy(t => t.DueOn)
            .ThenBy(t => t.Id).Take(PageSize).ToListAsync(ct);
        return await ViewsAsync(db, clock, list, ct);
    }

    public static async Task<List<TopicView>> ViewsAsync(
        YihaoDb db, TimeProvider clock, List<DeliberationTopic> rows, CancellationToken ct)
    {
        var today = DistrictTime.Today(clock);
        var owners = rows.Select(t => t.OwnerMemberId).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => owners.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var orgIds = rows.Select(t => t.OrgId).Distinct().ToList();
        var orgs = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var dayIds = rows.Select(t => t.ActivityDayId).Distinct().ToList();
        var months = await db.ActivityDays.AsNoTracking().Where(d => dayIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Month, ct);
        return rows.Select(t => new TopicView(t.Id, t.OrgId, orgs.GetValueOrDefault(t.OrgId, ""), t.ActivityDayId,
            months.TryGetValue(t.ActivityDayId, out var m) ? $"{m:yyyy-MM}" : "", t.AgendaItemId, t.Title, t.Raised,
            t.Conclusion, t.Decision, t.OwnerMemberId, names.GetValueOrDefault(t.OwnerMemberId, ""), t.DueOn,
            Words.Camel(t.State), t.IsOverdue(today), t.DropReason, t.RaisedBy, t.RaisedAt, t.ClosedAt, t.ClosedBy,
            [.. t.FollowUps.OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).Select(f =>
                new FollowUpView(f.Id, f.DoneOn, f.What, f.By, f.RecordedAt, Words.Camel(f.State)))])).ToList();
    }
}
