using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Features.Todo;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

public sealed record IssueItem(int? FindingId, string? Description, string? Severity, string? DueOn);

public sealed record IssueRequest(List<IssueItem>? Items);

public sealed record ItemReview(string? Comment);

public sealed record EvidenceView(int Id, string? Name);

public sealed record EventView(int Id, string Action, string Text, string By, DateTime At,
    IReadOnlyList<EvidenceView> Files);

public sealed record ItemView(int Id, int? FindingId, string Description, string Severity, string DueOn, string State,
    bool Overdue, DateTime? AcceptedAt, IReadOnlyList<EventView> History);

public sealed record ProblemListView(int Id, int OrgId, string Branch, int InspectionId, string InspectionKind,
    string IssuedBy, DateTime IssuedAt, string State, DateTime? ClosedAt, int Items, int Open, int Answered,
        int Overdue,
    string? NextDue)
{
    public IReadOnlyList<ItemView>? ItemList { get; init; }
}

public sealed record ProblemListPage(IReadOnlyList<ProblemListView> Items, int Total);

public sealed record ListAdded(ProblemList List, bool New);

/// <summary>
/// Problem lists (问题清单) and their rectification (整改反馈): issued from an inspection's findings, each item answered by
/// the branch secretary with what was done and evidence, accepted or reopened by a supervisor; closed when all are
/// accepted. Nothing is deleted: every step is an event of the item.
/// </summary>
public static class ProblemLists
{
    public static readonly string[] EvidenceTypes = [.. FileTypes.Photos, FileTypes.Pdf];

    /// <summary>The lists of branches in the user's subtree (every list's inspection is recorded: disclosed).</summary>
    public static IQueryable<ProblemList> Visible(Scope s, YihaoDb db)
    {
        var orgs = s.Orgs(db);
        return db.ProblemLists.Where(l => l.DistrictId == s.DistrictId && orgs.Any(o => o.Id == l.OrgId));
    }

    public static async Task<Outcome<ListAdded>> IssueAsync(Scope scope, YihaoDb db, TimeProvider clock,
        int inspectionId,
        IssueRequest r, CancellationToken ct = default)
    {
        if (await Inspections.FindAsync(scope, db, inspectionId, ct) is not { } inspection) return Fail.NotFound;
        if (!Inspections.Supervises(scope)) return Fail.Forbidden;
        if (inspection.State != InspectionState.Recorded)
            return Fail.Invalid("", "Record the inspection before issuing its problem list.");
        var existing = await db.ProblemLists.Include(l => l.Items)
            .FirstOrDefaultAsync(l => l.DistrictId == inspection.DistrictId && l.InspectionId == inspection.Id, ct);
        if (existing is not null) return new ListAdded(existing, false);
        var items = r.Items ?? [];
        var problems = new List<(string, string)>();
        if (items.Count is 0 or > 50) problems.Add(("items", "A problem list has 1 to 50 items."));
        var findings = await db.Findings.AsNoTracking().Where(f => f.InspectionId == inspection.Id)
            .ToDictionaryAsync(f => f.Id, f => f.Text, ct);
        var rule = await Inspections.RuleAsync(db, scope.DistrictId, clock, ct);
        var today = DistrictTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var list = new ProblemList
        {
            DistrictId = inspection.DistrictId,
            OrgId = inspection.OrgId,
            InspectionId = inspection.Id,
            IssuedBy = scope.UserName,
            IssuedAt = now,
            State = ProblemListState.Open,
        };
        for (var k = 0; k < items.Count; k++)
        {
            var it = items[k];
            string? finding = null;
            if (it.FindingId is { } fid && !findings.TryGetValue(fid, out finding))
                problems.Add(($"items[{k}].findingId", "The finding is not one of this inspection's."));
            var text = string.IsNullOrWhiteSpace(it.Description) ? finding : it.Description.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > 2000)
                problems.Add(($"items[{k}].description", "Describe the problem (at most 2000 characters)."));
            var severity = it.Severity is null ? ProblemSeverity.Major
                : Inspections.Parse<ProblemSeverity>(it.Severity);
            if (severity is null) problems.Add(($"items[{k}].severity", "The severity is minor, major or serious."));
            var due = it.DueOn is null ? today.AddDays(rule.RectifyDays) : Words.Date(it.DueOn);
            if (due is null) problems.Add(($"items[{k}].dueOn", "Write the date as 2026-12-01."));
            else if (due < today) problems.Add(($"items[{k}].dueOn", "The deadline cannot be in the past."));
            else if (due > today.AddDays(366)) problems.Add(($"items[{k}].dueOn", "The deadline is within a year."));
            if (problems.Count > 0) continue;
            var item = new ProblemItem
            {
                DistrictId = list.DistrictId,
                OrgId = list.OrgId,
                FindingId = it.FindingId,
                Description = text!,
                Severity = severity!.Value,
                DueOn = due!.Value,
                State = ProblemItemState.Open,
            };
            item.Events.Add(
                new ProblemEvent
                {
                    DistrictId = list.DistrictId,
                    Action = ProblemAction.Issued,
                    Text = text!,
                    By = scope.UserName,
                    At = now
                });
            list.Items.Add(item);
        }
        if (problems.Count > 0) return Fail.Invalid(problems);
        db.ProblemLists.Add(list);
        if (await Retry.SaveAsync(db, ct) is { } fail)
        {
            db.ChangeTracker.Clear();
            var first = await db.ProblemLists.Include(l => l.Items)
                .FirstOrDefaultAsync(l => l.DistrictId == inspection.DistrictId && l.InspectionId == inspection.Id, ct);
            return first is null ? fail : new ListAdded(first, false);
        }
        return new ListAdded(list, true);
    }

    public static Task<ProblemList?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct) =>
        Inspections.Reads(scope)
            ? Visible(scope, db).Include(l => l.Items).ThenInclude(i => i.Events).AsSplitQuery()
                .FirstOrDefaultAsync(l => l.Id == id, ct)
            : Task.FromResult<ProblemList?>(null);

    static async Task<ProblemItem?> FindItemAsync(Scope scope, YihaoDb db, int itemId, CancellationToken ct)
    {
        if (!Inspections.Reads(scope)) return null;
        var orgs = scope.Orgs(db);
        return await db.ProblemItems.Include(i => i.Events)
            .FirstOrDefaultAsync(i => i.Id == itemId && i.DistrictId == scope.DistrictId
                && orgs.Any(o => o.Id == i.OrgId), ct);
    }

    /// <summary>The secretary's answer: what was done, with up to five photos or PDFs; only an open or reopened
    /// item.</summary>
    public static async Task<Outcome<ProblemItem>> AnswerAsync(Scope scope, YihaoDb db, IFileStore store,
        TimeProvider clock,
        int itemId, string? text, IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        if (await FindItemAsync(scope, db, itemId, ct) is not { } item) return Fail.NotFound;
        if (scope.Role != Roles.BranchSecretary || scope.OrgId != item.OrgId) return Fail.Forbidden;
        if (item.State == ProblemItemState.Accepted) return Fail.Conflict("This item is accepted and closed.");
        if (item.State == ProblemItemState.Answered) return Fail.Conflict(
            "This item is answered; the inspector has to check it first.");
        var what = text?.Trim();
        if (string.IsNullOrEmpty(what) || what.Length > 4000)
            return Fail.Invalid("text", "Say what was done (at most 4000 characters).");
        if (files.Count > ProblemEvidence.MaxFiles) return Fail.Invalid("files", "At most 5 files.");
        if (files.Any(f => f.Bytes.Length is 0 or > ProblemEvidence.MaxBytes))
            return Fail.Invalid("files", "Each file is at most 10 MB.");
        var now = clock.GetUtcNow().UtcDateTime;
        var ev =
            new ProblemEvent
            {
                DistrictId = item.DistrictId,
                Action = ProblemAction.Answered,
                Text = what,
                By = scope.UserName,
                At = now
            };
        item.Events.Add(ev);
        var kept = new List<(StoredFile File, string? Name)>();
        foreach (var f in files)
        {
            var k = await StoredFiles.KeepAsync(db, store, clock, item.DistrictId, scope.UserName, f, EvidenceTypes,
                "Evidence is a photo (JPEG, PNG, WebP, HEIC) or a PDF.", ct);
            if (!k.IsOk)
            {
                db.ChangeTracker.Clear();
                return new Outcome<ProblemItem>(k.Kind, null, k.Problems);
            }
            kept.Add((k.Value.File, StoredFiles.SafeName(f.Name, k.Value.File.ContentType)));
        }
        item.State = ProblemItemState.Answered;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Retry.SaveAsync(db, ct) is { } fail) return fail;
        foreach (var (file, name) in kept.DistinctBy(k => k.File.Hash))
            db.ProblemEvidence.Add(
                new ProblemEvidence
                {
                    DistrictId = item.DistrictId,
                    EventId = ev.Id,
                    ItemId = item.Id,
                    Hash = file.Hash,
                    Name = name
                });
        if (await Retry.SaveAsync(db, ct) is { } lost) return lost;
        await tx.CommitAsync(ct);
        return item;
    }

    /// <summary>A supervisor accepts an answered item; the list closes when all are; the branch's overdue warning is
    /// run again at once.</summary>
    public static Task<Outcome<ProblemItem>> AcceptAsync(Scope scope, YihaoDb db, TimeProvider clock, int itemId,
        ItemReview r,
        CancellationToken ct = default) => ReviewAsync(scope, db, clock, itemId, r, accept: true, ct);

    public static Task<Outcome<ProblemItem>> ReopenAsync(Scope scope, YihaoDb db, TimeProvider clock, int itemId,
        ItemReview r,
        CancellationToken ct = default) => ReviewAsync(scope, db, clock, itemId, r, accept: false, ct);

    static async Task<Outcome<ProblemItem>> ReviewAsync(Scope scope, YihaoDb db, TimeProvider clock, int itemId,
        ItemReview r,
        bool accept, CancellationToken ct)
    {
        if (await FindItemAsync(scope, db, itemId, ct) is not { } item) return Fail.NotFound;
        if (!Inspections.Supervises(scope)) return Fail.Forbidden;
        if (item.State == ProblemItemState.Accepted) return Fail.Conflict("This item is accepted and closed.");
        if (item.State != ProblemItemState.Answered) return Fail.Conflict(
            "Only an answered item can be accepted or reopened.");
        var comment = r.Comment?.Trim() ?? "";
        if (comment.Length > 2000) return Fail.Invalid("comment", "The comment is at most 2000 characters.");
        if (!accept && comment.Length == 0) return Fail.Invalid("comment", "Say what is still missing.");
        var now = clock.GetUtcNow().UtcDateTime;
        item.Events.Add(new ProblemEvent
        {
            DistrictId = item.DistrictId,
            Action = accept ? ProblemAction.Accepted : ProblemAction.Reopened,
            Text = comment,
            By = scope.UserName,
            At = now,
        });
        item.State = accept ? ProblemItemState.Accepted : ProblemItemState.Reopened;
        if (accept)
        {
            item.AcceptedAt = now;
            var list = await db.ProblemLists.Include(l => l.Items)
                .FirstAsync(l => l.DistrictId == item.DistrictId && l.Id == item.ListId, ct);
            if (list.Items.All(i => i.State == ProblemItemState.Accepted))
                (list.State, list.ClosedAt) = (ProblemListState.Closed, now);
        }
        if (await Retry.SaveAsync(db, ct) is { } fail) return fail;
        if (accept) await ResolveWarningsAsync(db, clock, item.DistrictId, item.OrgId, ct);
        return item;
    }

    /// <summary>Runs the branch's rules for the months of its live overdue warnings, which resolve once nothing is
    /// overdue.</summary>
    static async Task ResolveWarningsAsync(YihaoDb db, TimeProvider clock, int districtId, int branchId,
        CancellationToken ct)
    {
        var months = await db.Warnings.AsNoTracking().Where(w => w.DistrictId == districtId && w.OrgId == branchId
                && w.SubjectKind == WarningSubject.Branch && w.Rule == "problemListOverdue"
                    && w.Status != WarningStatus.Resolved)
            .Select(w => w.Month).Distinct().ToListAsync(ct);
        foreach (var month in months) await Warnings.EvaluateAsync(db, clock, districtId, month, [branchId], ct);
    }

    /// <summary>待办's line for a branch: the items its secretary has to answer (open or reopened), how many are overdue,
    /// the first deadline, and the inspector's latest comment on a reopened one; null when there are none.</summary>
    public static async Task<DueItem?> DueAsync(YihaoDb db, TimeProvider clock, int branchId, DateOnly month,
        CancellationToken ct)
    {
        var today = DistrictTime.Today(clock);
        var open = await db.ProblemItems.AsNoTracking()
            .Where(i => i.OrgId == branchId
                && (i.State == ProblemItemState.Open || i.State == ProblemItemState.Reopened))
            .Select(i => new { i.Id, i.DueOn, i.State }).ToListAsync(ct);
        if (open.Count == 0) return null;
        var reopened = open.Where(i => i.State == ProblemItemState.Reopened).Select(i => i.Id).ToList();
        var comment = reopened.Count == 0 ? null : await db.ProblemEvents.AsNoTracking()
            .Where(e => reopened.Contains(e.ItemId) && e.Action == ProblemAction.Reopened)
            .OrderByDescending(e => e.Id).Select(e => e.Text).FirstOrDefaultAsync(ct);
        var overdue = open.Count(i => i.DueOn < today);
        var first = open.Min(i => i.DueOn);
        return new DueItem("problemItems", month, null, DistrictTime.Utc(first.ToDateTime(new TimeOnly(23, 59))),
            overdue > 0, open.Count, overdue, comment);
    }

    public sealed record Filter(int? OrgId, string? State, bool? Overdue, bool? Answered, int Skip = 0, int Take = 100);

    public static async Task<Outcome<ProblemListPage>> ListAsync(Scope scope, YihaoDb db, TimeProvider clock, Filter f,
        CancellationToken ct = default)
    {
        if (!Inspections.Reads(scope)) return Fail.Forbidden;
        var q = Visible(scope, db).AsNoTracking();
        var today = DistrictTime.Today(clock);
        if (f.OrgId is { } orgId)
        {
            if (!await scope.Orgs(db).AnyAsync(o => o.Id == orgId, ct)) return Fail.NotFound;
            q = q.Where(l => l.OrgId == orgId);
        }
        if (f.State is { Length: > 0 })
        {
            if (Inspections.Parse<ProblemListState>(f.State) is not { } state) return Fail.Invalid("state",
                "The state is open or closed.");
            q = q.Where(l => l.State == state);
        }
        if (f.Overdue == true)
            q = q.Where(l => l.Items.Any(i => i.State != ProblemItemState.Accepted && i.DueOn < today));
        if (f.Answered == true)
            q = q.Where(l => l.Items.Any(i => i.State == ProblemItemState.Answered));
        var total = await q.CountAsync(ct);
        var rows = await q.Include(l => l.Items).OrderBy(l => l.State).ThenByDescending(l => l.Id)
            .Skip(Math.Max(0, f.Skip)).Take(Math.Clamp(f.Take, 1, 500)).ToListAsync(ct);
        // Within a page, the open lists by their next deadline.
        var views = (await ViewsAsync(db, rows, today, false, ct))
            .OrderBy(v => v.State).ThenBy(v => v.NextDue ?? "9999").ThenBy(v => v.Id).ToList();
        return new ProblemListPage(views, total);
    }

    public static async Task<ProblemListView> ViewAsync(YihaoDb db, TimeProvider clock, ProblemList list,
        CancellationToken ct) =>
        (await ViewsAsync(db, [list], DistrictTime.Today(clock), true, ct))[0];

    static async Task<List<ProblemListView>> ViewsAsync(YihaoDb db, List<ProblemList> rows, DateOnly today, bool full,
        CancellationToken ct)
    {
        var orgIds = rows.Select(l => l.OrgId).Distinct().ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var inspectionIds = rows.Select(l => l.InspectionId).ToList();
        var kinds = await db.Inspections.AsNoTracking().Where(i => inspectionIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Kind, ct);
        var itemIds = full ? rows.SelectMany(l => l.Items).Select(i => i.Id).ToList() : [];
        var files = full
            ? (await db.ProblemEvidence.AsNoTracking().Where(e => itemIds.Contains(e.ItemId)).OrderBy(e => e.Id)
                .ToListAsync(ct))
                .ToLookup(e => e.EventId)
            : null;
        return rows.Select(l =>
        {
            var open = l.Items.Where(i => i.State != ProblemItemState.Accepted).ToList();
            return new ProblemListView(l.Id, l.OrgId, names.GetValueOrDefault(l.OrgId) ?? "", l.InspectionId,
                Words.Camel(kinds.GetValueOrDefault(l.InspectionId)), l.IssuedBy, l.IssuedAt, Words.Camel(l.State),
                    l.ClosedAt,
                l.Items.Count, open.Count, l.Items.Count(i => i.State == ProblemItemState.Answered),
                open.Count(i => i.OverdueOn(today)),
                    open.Count == 0 ? null : open.Min(i => i.DueOn).ToString("yyyy-MM-dd"))
            {
                ItemList = files is null ? null : l.Items.OrderBy(i => i.Id).Select(i => new ItemView(i.Id, i.FindingId,
                    i.Description, Words.Camel(i.Severity), i.DueOn.ToString("yyyy-MM-dd"), Words.Camel(i.State),
                    i.OverdueOn(today), i.AcceptedAt, i.Events.OrderBy(e => e.Id).Select(e => new EventView(e.Id,
                        Words.Camel(e.Action), e.Text, e.By, e.At,
                        files[e.Id].Select(x => new EvidenceView(x.Id, x.Name)).ToList())).ToList())).ToList(),
            };
        }).ToList();
    }

    /// <summary>An evidence file, for whoever may read its list.</summary>
    public static async Task<(StoredFile File, string? Name)?> EvidenceAsync(Scope scope, YihaoDb db, int id,
        CancellationToken ct)
    {
        if (!Inspections.Reads(scope)) return null;
        var orgs = scope.Orgs(db);
        var e = await db.ProblemEvidence.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == id && x.DistrictId == scope.DistrictId
            && db.ProblemItems.Any(i => i.Id == x.ItemId && orgs.Any(o => o.Id == i.OrgId)), ct);
        if (e is null) return null;
        var file = await db.StoredFiles.AsNoTracking()
            .FirstAsync(f => f.DistrictId == e.DistrictId && f.Hash == e.Hash, ct);
        return (file, e.Name);
    }
}
