using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

public sealed record WarningItem(int Id, string SubjectKind, int SubjectId, string Level, string Status,
    IReadOnlyList<string> Reasons, DateTime RaisedAt)
{
    public string? SubjectName { get; init; }
    public int OrgId { get; init; }

    /// <summary>The branch the warning was raised in: a member's own branch.</summary>
    public string? OrgName { get; init; }
    public string? Month { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public IReadOnlyList<FollowUpView>? FollowUps { get; init; }
}

/// <summary>The fixed shape:
/// {"items":[{"id","subjectKind","subjectId","level","status","reasons","raisedAt"}],"total"}.</summary>
public sealed record WarningList(IReadOnlyList<WarningItem> Items, int Total);

public sealed record FollowUpRequest(string? On, string? Who, string? What);

public sealed record FollowUpView(int Id, string On, string Who, string What, string RecordedBy);

/// <summary>A run of the month's rules: the warnings raised, updated, resolved and left open, and the stars every
/// member was rated.</summary>
public sealed record EvaluationResult(string Month, int Raised, int Updated, int Resolved, int Open)
{
    public StarCount Stars { get; init; } = new(0, 0, 0);
}

/// <summary>How many members the rules rate red, yellow and blue (what a board would propose; nothing is
/// stored).</summary>
public sealed record StarCount(int Red, int Yellow, int Blue);

/// <summary>What the month's rules fire, for the branches evaluated, and the stars they rated on the way.</summary>
public sealed record Firing(HashSet<int> Branches, Dictionary<(WarningSubject Kind, int Subject, string Rule),
    (int OrgId, bool Red, List<Reason> Reasons)> Fired, StarCount Stars);

/// <summary>Two-colour warnings (双色预警): raised by the policy's rules, followed up, resolved when their cause clears,
/// never deleted.</summary>
public static class Warnings
{
    /// <summary>
    /// Runs the month's rules for the district (or some of its branches): raises what fires and is not yet raised,
    /// updates what fires again, resolves what no longer fires. Safe to run again and again: the unique live warning
    /// per subject and rule holds.
    /// </summary>
    public static async Task<EvaluationResult> EvaluateAsync(YihaoDb db, TimeProvider clock, int districtId,
        DateOnly month, IReadOnlyCollection<int>? branchIds = null, CancellationToken ct = default)
    {
        var policy = Policies.Read(await Policies.InForceAsync(db, districtId, month, ct));
        var (evaluated, fired, stars) =
            await FireAsync(db, policy, districtId, branchIds, month, DistrictTime.Today(clock), ct);
        var live = await db.Warnings.Where(w => w.DistrictId == districtId && w.Status != WarningStatus.Resolved)
            .ToListAsync(ct);
        // microseconds, as both databases store it: the new rows are found again by it
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        int raised = 0, updated = 0, resolved = 0;
        var retold = new List<Warning>(); // newly red, or moved with its member to another branch
        // Every live warning that fires again is updated, wherever it was raised: a member's follows the member, and
        // one who moved is warned by the new branch (matched only among the evaluated branches' own, it was raised a
        // second time and the closing of the new branch's day failed on the one live warning per subject and rule). A
        // later month's evaluation has the last word: an older month's (the hourly run does the month before first)
        // leaves the warning as it is, so that it neither goes back to the old branch nor flips its month, level and
        // reasons every hour. A warning is resolved only by its own month's evaluation, when its cause clears (a
        // make-up clears an absence; the next month does not): a later month resolved it while the hourly run's pass
        // over the month before raised it anew, with new notices, each hour.
        foreach (var w in live)
        {
            if (fired.Remove((w.SubjectKind, w.SubjectId, w.Rule), out var again))
            {
                if (w.Month > month) continue;
                var level = again.Red ? WarningLevel.Red : WarningLevel.Yellow;
                var json = JsonSerializer.Serialize(again.Reasons);
                if ((w.Level == WarningLevel.Yellow && level == WarningLevel.Red)
                    || w.OrgId != again.OrgId) retold.Add(w);
                if (w.Level != level || w.Reasons != json || w.Month != month || w.OrgId != again.OrgId)
                {
                    (w.Level, w.Reasons, w.Month, w.OrgId) = (level, json, month, again.OrgId);
                    updated++;
                }
            }
            else if (evaluated.Contains(w.OrgId) && w.Month == month)
            {
                (w.Status, w.ResolvedAt) = (WarningStatus.Resolved, now);
                resolved++;
            }
        }
        var fresh = fired.Select(f => new Warning
        {
            DistrictId = districtId,
            OrgId = f.Value.OrgId,
            SubjectKind = f.Key.Kind,
            SubjectId = f.Key.Subject,
            Rule = f.Key.Rule,
            Month = month,
            Level = f.Value.Red ? WarningLevel.Red : WarningLevel.Yellow,
            Status = WarningStatus.Open,
            Reasons = JsonSerializer.Serialize(f.Value.Reasons),
            RaisedAt = now,
        }).ToList();
        raised = fresh.Count;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct); // what changed, through the tracked path
            await RaiseAsync(db, fresh, retold, now, ct);
            // Bulk, so not by the save.
            await Dashboard.Rollups.RefreshAsync(db, fresh.Select(w => (w.DistrictId, w.OrgId, w.Month)), ct);
            await tx.CommitAsync(ct);
        }
        var open =
            await db.Warnings.CountAsync(w => w.DistrictId == districtId && w.Status != WarningStatus.Resolved, ct);
        return new EvaluationResult(month.ToString("yyyy-MM"), raised, updated, resolved, open) { Stars = stars };
    }

    /// <summary>
    /// Which warnings the month's records fire: the month's facts, every member rated (the stars are counted), the
    /// member runs of the months before (<see cref="StarHistory"/>) of those whose month carries one on, and the rules.
    /// Nothing is written.
    /// </summary>
    public static async Task<Firing> FireAsync(YihaoDb db, StarPolicy policy, int districtId,
        IReadOnlyCollection<int>? branchIds, DateOnly month, DateOnly today, CancellationToken ct = default)
    {
        var facts = await StarFacts.LoadAsync(db, districtId, branchIds, month, month, today, ct);
        var stars = new int[3];
        var rated = new List<(int Branch, MemberMonth Month, StarColor Star)>();
        foreach (var ((branchId, _), branchFacts) in facts)
            foreach (var m in branchFacts.Members)
            {
                var star = StarRules.Star(policy, m);
                stars[(int)star]++;
                rated.Add((branchId, m, star));
            }
        var wanted = rated.Where(r => StarHistory.Carries(r.Month, r.Star)).Select(r => (r.Branch, r.Month.MemberId))
            .ToList();
        var history =
            await StarHistory.LoadAsync(db, policy, districtId, branchIds, wanted,
            month.AddMonths(1 - policy.HistoryMonths), month.AddMonths(-1), today, ct);
        var fired = new Dictionary<(WarningSubject, int, string), (int OrgId, bool Red, List<Reason> Reasons)>();
        foreach (var ((branchId, _), branchFacts) in facts)
            foreach (var (rule, red, reasons) in StarRules.BranchWarnings(policy, branchFacts.Branch))
                fired[(WarningSubject.Branch, branchId, rule)] = (branchId, red, reasons);
        foreach (var (branchId, current, star) in rated)
        {
            var runs = history.GetValueOrDefault((branchId, current.MemberId)).Then(current, star);
            foreach (var (rule, red, reasons) in StarRules.MemberWarnings(policy, current, runs))
                fired[(WarningSubject.Member, current.MemberId, rule)] = (branchId, red, reasons);
        }
        // A member's warning is the branch's they are in now, whichever branch's month fired it: its secretaries follow
        // it up. A member who moved in the month is rated in both branches, and the branch read last used to win, so a
        // closing of one and the hourly run over both moved the warning back and forth, telling each branch again.
        var members = fired.Keys.Where(k => k.Item1 == WarningSubject.Member).ToList();
        if (members.Count > 0)
        {
            var warned = members.Select(k => k.Item2).Distinct().ToList();
            var now = await db.Members.Where(m => warned.Contains(m.Id)).Select(m => new { m.Id, m.OrgId })
                .ToDictionaryAsync(m => m.Id, m => m.OrgId, ct);
            foreach (var key in members)
                if (now.TryGetValue(key.Item2, out var orgId)) fired[key] = fired[key] with { OrgId = orgId };
        }
        return new Firing(facts.Keys.Select(k => k.Branch).ToHashSet(), fired,
            new StarCount(stars[0], stars[1], stars[2]));
    }

    /// <summary>
    /// A node moved to another town, inside the move's transaction: its branches' live warnings are told to the admins
    /// of the town they are in now (the old town's no longer see them, their notices being shown by scope).
    /// </summary>
    internal static async Task RetellMovedAsync(YihaoDb db, int districtId, string oldPath, string newPath,
        CancellationToken ct)
    {
        var townOf = await TownsAsync(db, districtId, ct);
        if (townOf(oldPath) == townOf(newPath)) return;
        var live = await Under(db, districtId, newPath).AsNoTracking()
            .Where(w => w.SubjectKind == WarningSubject.Branch && w.Status != WarningStatus.Resolved).ToListAsync(ct);
        await RaiseAsync(db, [], live, AuditEntry.Truncate(db.Clock.GetUtcNow().UtcDateTime), ct);
    }

    /// <summary>The town a path lies in (a branch's parent, or its general branch's), by the district's towns'
    /// paths.</summary>
    static async Task<Func<string, int?>> TownsAsync(YihaoDb db, int districtId, CancellationToken ct)
    {
        var towns = await db.Orgs.Where(o => o.DistrictId == districtId && o.Kind == OrgKind.Town)
            .Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        return path => towns.FirstOrDefault(t => OrgRules.IsWithin(path, t.Path))?.Id;
    }

    /// <summary>
    /// Writes the new warnings and tells the level above of each new one, newly red one, or one that followed its
    /// member to another branch: a member's to the secretaries of their branch, a branch's to the admins of its town,
    /// who see it at the top of their warnings until they have opened the list. A first run over a province raises tens
    /// of thousands, so rows and their audit entries go in as bulk inserts (COPY on PostgreSQL), one chain extension
    /// under the chain's lock, inside the caller's transaction.
    /// </summary>
    static async Task RaiseAsync(YihaoDb db, List<Warning> fresh, List<Warning> retold, DateTime now,
        CancellationToken ct)
    {
        if (fresh.Count == 0 && retold.Count == 0) return;
        await db.LockAuditChainAsync(ct);
        var districtId = fresh.Concat(retold).First().DistrictId;
        if (fresh.Count > 0)
        {
            await BulkCopy.InsertAsync(db, "warnings",
                ["district_id", "org_id", "subject_kind", "subject_id", "rule", "level", "status", "reasons", "month",
                "raised_at", "resolved_at"],
                fresh.Select(w =>
                    new object?[] { w.DistrictId, w.OrgId, w.SubjectKind.ToString(), w.SubjectId, w.Rule,
                    w.Level.ToString(), w.Status.ToString(), w.Reasons, w.Month, w.RaisedAt, null }), ct);
            // Their ids, by the one live warning per subject and rule.
            var ids = await db.Warnings.AsNoTracking()
                .Where(w => w.DistrictId == districtId && w.Status != WarningStatus.Resolved && w.RaisedAt == now)
                .Select(w => new { w.Id, w.SubjectKind, w.SubjectId, w.Rule })
                    .ToDictionaryAsync(w => (w.SubjectKind, w.SubjectId, w.Rule), w => w.Id, ct);
            foreach (var w in fresh) w.Id = ids[(w.SubjectKind, w.SubjectId, w.Rule)];
        }

        var tell = retold.Concat(fresh).ToList();
        var branchIds = tell.Select(w => w.OrgId).Distinct().ToList();
        // as they are now, not as tracked
        var paths = await db.Orgs.Where(o => branchIds.Contains(o.Id)).Select(o => new { o.Id, o.Path })
            .ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        var town = await TownsAsync(db, districtId, ct);
        var townOf = paths.ToDictionary(p => p.Key, p => town(p.Value));
        var nodes = branchIds.Concat(townOf.Values.OfType<int>()).Distinct().ToList();
        var users =
            (await db.Users.Where(u => nodes.Contains(u.OrgId)
            && (u.Role == Roles.BranchSecretary || u.Role == Roles.TownAdmin))
            .Select(u => new { u.Id, u.OrgId, u.Role }).ToListAsync(ct)).ToLookup(u => (u.OrgId, u.Role));
        // Told once until seen: a warning that comes back (its branch moved away and back) to someone who has not
        // opened it yet.
        var retoldIds = retold.Select(w => w.Id).ToList();
        var unseen =
            (await db.WarningNotices.AsNoTracking().Where(n => retoldIds.Contains(n.WarningId) && n.ReadAt == null)
            .Select(n => new { n.UserId, n.WarningId }).ToListAsync(ct)).Select(n => (n.UserId, n.WarningId))
                .ToHashSet();
        var notices =
            tell.SelectMany(w => (w.SubjectKind == WarningSubject.Member ? users[(w.OrgId, Roles.BranchSecretary)]
                : townOf.GetValueOrDefault(w.OrgId) is { } townId ? users[(townId, Roles.TownAdmin)] : [])
            .Where(u => !unseen.Contains((u.Id, w.Id)))
            .Select(u =>
                new WarningNotice { DistrictId = w.DistrictId, UserId = u.Id, WarningId = w.Id, CreatedAt = now }))
                .ToList();
        await BulkCopy.InsertAsync(db, "warning_notices",
            ["district_id", "user_id", "warning_id", "created_at", "read_at"],
            notices.Select(n => new object?[] { n.DistrictId, n.UserId, n.WarningId, n.CreatedAt, null }), ct);
        // The newest of a user's notices of a warning at this instant is this one (a warning retold twice in one
        // instant, under a test's still clock, has two).
        var noticeIds =
            (await db.WarningNotices.AsNoTracking().Where(n => n.DistrictId == districtId && n.CreatedAt == now)
            .Select(n => new { n.Id, n.UserId, n.WarningId }).ToListAsync(ct)).GroupBy(n => (n.UserId, n.WarningId))
                .ToDictionary(g => g.Key, g => g.Max(n => n.Id));
        foreach (var n in notices) n.Id = noticeIds[(n.UserId, n.WarningId)];

        // The rows' snapshots are taken on every core, in order; the chain over them is hashed one after another.
        var written = fresh.AsParallel().AsOrdered().Select(w => Auditing.Created(w.DistrictId, w.Id, w))
            .Concat(notices.AsParallel().AsOrdered().Select(n => Auditing.Created(n.DistrictId, n.Id, n))).ToList();
        await Auditing.AppendAsync(db, written, ct);
        if (db.Changes.Watched) foreach (var branch in branchIds) db.Changes.Changed(branch);
    }

    /// <summary>The warnings told to this account and not yet seen; seeing them on the page marks them read.</summary>
    public static async Task<List<WarningItem>> UnreadAsync(Scope scope, YihaoDb db, TimeProvider clock, bool markRead,
        CancellationToken ct = default)
    {
        // A notice stays with its account, while a member's warning follows the member: one that moved out of the
        // account's part of the tree is not shown (the new branch's secretaries were told of it), nor does it take a
        // place among the 200.
        var visible = Under(db, scope.DistrictId, scope.Path);
        var notices =
            await db.WarningNotices.Where(n => n.UserId == scope.UserId && n.ReadAt == null
            && visible.Any(w => w.Id == n.WarningId))
            .OrderByDescending(n => n.Id).Take(200).ToListAsync(ct);
        var ids = notices.Select(n => n.WarningId).Distinct().ToList();
        var rows = await db.Warnings.AsNoTracking().Where(w => ids.Contains(w.Id)).OrderByDescending(w => w.Id)
            .ToListAsync(ct);
        if (markRead && notices.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var n in notices) n.ReadAt = now;
            await db.SaveChangesAsync(ct);
        }
        return await ItemsAsync(db, rows, false, ct);
    }

    /// <summary>What to list: <c>Name</c> finds the member's or branch's name; <c>Sort</c> is <c>raised</c> (newest
    /// first, the default), <c>level</c> (red first), <c>name</c> or <c>month</c> (latest first).</summary>
    public sealed record Filter(int? OrgId, string? Level, string? Status, string? SubjectKind, string? Month,
        int Skip = 0, int Take = 100, string? Name = null, string? Sort = null);

    public static readonly string[] Sorts = ["raised", "level", "name", "month"];

    /// <summary>The warnings under the user's node (a member sees none), filtered; newest first.</summary>
    public static async Task<Outcome<WarningList>> ListAsync(Scope scope, YihaoDb db, Filter f,
        CancellationToken ct = default)
    {
        if (scope.IsMember) return Fail.Forbidden;
        var path = scope.Path;
        if (f.OrgId is { } orgId)
        {
            if (await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == orgId, ct) is not { } org) return Fail.NotFound;
            path = org.Path;
        }
        var q = Under(db, scope.DistrictId, path).AsNoTracking();
        if (f.Level is { Length: > 0 })
        {
            if (!Enum.TryParse<WarningLevel>(f.Level, true, out var level)
                || !Enum.IsDefined(level)) return Fail.Invalid("level", "The level is yellow or red.");
            q = q.Where(w => w.Level == level);
        }
        if (f.Status is { Length: > 0 })
        {
            if (!Enum.TryParse<WarningStatus>(f.Status, true, out var status)
                || !Enum.IsDefined(status)) return Fail.Invalid("status",
                "The status is open, followedUp or resolved.");
            q = q.Where(w => w.Status == status);
        }
        if (f.SubjectKind is { Length: > 0 })
        {
            if (!Enum.TryParse<WarningSubject>(f.SubjectKind, true, out var kind)
                || !Enum.IsDefined(kind)) return Fail.Invalid("subjectKind", "The subject is member or branch.");
            q = q.Where(w => w.SubjectKind == kind);
        }
        if (f.Month is { Length: > 0 })
        {
            if (ActivityDays.Plans.ParseMonth(f.Month) is not { } month) return Fail.Invalid("month",
                "Write the month as 2026-12.");
            q = q.Where(w => w.Month == month);
        }
        if (f.Name?.Trim() is { Length: > 0 } name)
        {
            if (name.Length > 50) return Fail.Invalid("name", "The name is too long.");
            q = q.Where(w => w.SubjectKind == WarningSubject.Member
                ? db.Members.Any(m => m.Id == w.SubjectId && m.Name.Contains(name))
                : db.Orgs.Any(o => o.Id == w.SubjectId && o.Name.Contains(name)));
        }
        if (f.Sort is { Length: > 0 } sort && !Sorts.Contains(sort))
            return Fail.Invalid("sort", "Sort by raised, level, name or month.");
        var total = await q.CountAsync(ct);
        IOrderedQueryable<Warning> ordered = f.Sort switch
        {
            "level" => q.OrderBy(w => w.Level == WarningLevel.Red ? 0 : 1).ThenByDescending(w => w.RaisedAt),
            "month" => q.OrderByDescending(w => w.Month).ThenByDescending(w => w.RaisedAt),
            "name" => q.OrderBy(w => w.SubjectKind == WarningSubject.Member
                ? db.Members.Where(m => m.Id == w.SubjectId).Select(m => m.Name).FirstOrDefault()
                : db.Orgs.Where(o => o.Id == w.SubjectId).Select(o => o.Name).FirstOrDefault()),
            _ => q.OrderByDescending(w => w.RaisedAt),
        };
        var rows = await ordered.ThenByDescending(w => w.Id).Skip(Math.Max(0, f.Skip)).Take(Math.Clamp(f.Take, 1, 500))
            .ToListAsync(ct);
        return new WarningList(await ItemsAsync(db, rows, false, ct), total);
    }

    public static async Task<Warning?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct) =>
        scope.IsMember ? null : await Under(db, scope.DistrictId, scope.Path).Include(w => w.FollowUps)
            .FirstOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>The warnings of the branches under a node (its path): what an account of that node may see.</summary>
    static IQueryable<Warning> Under(YihaoDb db, int districtId, string path) =>
        db.Warnings.Where(w => w.DistrictId == districtId
            && db.Orgs.Any(o => o.Id == w.OrgId && o.Path.StartsWith(path)));

    public static async Task<WarningItem> ViewAsync(YihaoDb db, Warning w, CancellationToken ct) =>
        (await ItemsAsync(db, [w], true, ct))[0];

    /// <summary>A follow-up (a heart-to-heart talk, a visit): it marks an open warning followed up; the cause still has
    /// to clear.</summary>
    public static async Task<Outcome<Warning>> FollowUpAsync(Scope scope, YihaoDb db, TimeProvider clock, int id,
        FollowUpRequest r, CancellationToken ct = default)
    {
        if (await FindAsync(scope, db, id, ct) is not { } w) return Fail.NotFound;
        if (scope.Role is Roles.Inspector) return Fail.Forbidden;
        var problems = new List<(string, string)>();
        var on = Words.Date(r.On);
        if (on is null) problems.Add(("on", "Write the date as 2026-12-01."));
        else if (on > DistrictTime.Today(clock)) problems.Add(("on", "A follow-up cannot be in the future."));
        var who = r.Who?.Trim();
        var what = r.What?.Trim();
        if (string.IsNullOrEmpty(who)
            || who.Length > 100) problems.Add(("who", "Say who held the talk (at most 100 characters)."));
        if (string.IsNullOrEmpty(what)
            || what.Length > 2000) problems.Add(("what", "Say what was talked about (at most 2000 characters)."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        w.FollowUps.Add(
            new FollowUp
            {
                DistrictId = w.DistrictId,
                On = on!.Value,
                Who = who!,
                What = what!,
                RecordedBy = scope.UserName,
                At = clock.GetUtcNow().UtcDateTime
            });
        if (w.Status == WarningStatus.Open) w.Status = WarningStatus.FollowedUp;
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : w;
    }

    static async Task<List<WarningItem>> ItemsAsync(YihaoDb db, List<Warning> rows, bool withFollowUps,
        CancellationToken ct)
    {
        var memberIds = rows.Where(w => w.SubjectKind == WarningSubject.Member).Select(w => w.SubjectId).Distinct()
            .ToList();
        var orgIds = rows.Select(w => w.OrgId).Concat(rows.Where(w => w.SubjectKind == WarningSubject.Branch)
            .Select(w => w.SubjectId)).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var orgs = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(w =>
            new WarningItem(w.Id, Words.Camel(w.SubjectKind), w.SubjectId, Words.Camel(w.Level), Words.Camel(w.Status),
            Boards.Show(w.Reasons), w.RaisedAt)
            {
                SubjectName = w.SubjectKind == WarningSubject.Member ? members.GetValueOrDefault(w.SubjectId)
                : orgs.GetValueOrDefault(w.SubjectId),
                OrgId = w.OrgId,
                OrgName = orgs.GetValueOrDefault(w.OrgId),
                Month = w.Month.ToString("yyyy-MM"),
                ResolvedAt = w.ResolvedAt,
                FollowUps = withFollowUps ? w.FollowUps.OrderBy(f => f.On)
                .Select(f => new FollowUpView(f.Id, f.On.ToString("yyyy-MM-dd"), f.Who, f.What, f.RecordedBy)).ToList()
                : null,
            }).ToList();
    }
}
