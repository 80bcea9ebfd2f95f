using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

public sealed record InspectionRequest(string? Kind, int? OrgId, int? ActivityDayId, string? PlannedOn,
    int? InspectorUserId);

public sealed record CheckItem(string? Item, bool? Ok, string? Note);

public sealed record RecordRequest(List<CheckItem>? Checklist, List<string>? Findings, string? Outcome);

public sealed record FindingView(int Id, string Text, int? AttendanceId, string CreatedBy, DateTime CreatedAt);

public sealed record CheckView(string Item, bool? Ok, string? Note);

public sealed record InspectionView(int Id, string Kind, int OrgId, string Branch, int? ActivityDayId, string PlannedOn,
    int InspectorUserId, string Inspector, string State, IReadOnlyList<CheckView> Checklist, string? Outcome,
    DateTime? RecordedAt, IReadOnlyList<FindingView> Findings)
{
    public int? ProblemListId { get; init; }
}

public sealed record InspectionList(IReadOnlyList<InspectionView> Items, int Total);

/// <summary>An inspection as stored, and whether this request made it (201) or found it made (200).</summary>
public sealed record InspectionAdded(Inspection Inspection, bool New);

/// <summary>
/// Inspections (督查): planned and recorded by the district's admins and inspectors within their subtree; read by the
/// town and the branch, except a covert visit (暗访) until it is recorded, which for them does not exist.
/// </summary>
public static class Inspections
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who plans, records, samples and verifies: the district's admins and its inspectors.</summary>
    public static bool Supervises(Scope s) => s.Role is Roles.DistrictAdmin or Roles.Inspector;

    /// <summary>Who reads supervision at all: those, and the town's admins and branch secretaries (their
    /// own).</summary>
    public static bool Reads(Scope s) => Supervises(s) || s.Role is Roles.TownAdmin or Roles.BranchSecretary;

    /// <summary>The inspections the user may know of: those of branches in their subtree, covert visits not yet
    /// recorded only for supervisors.</summary>
    public static IQueryable<Inspection> Visible(Scope s, YihaoDb db)
    {
        var orgs = s.Orgs(db);
        var q = db.Inspections.Where(i => i.DistrictId == s.DistrictId && orgs.Any(o => o.Id == i.OrgId));
        return Supervises(s) ? q
            : q.Where(i => i.Kind != InspectionKind.CovertVisit || i.State == InspectionState.Recorded);
    }

    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text?.Trim(), true, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _) ? v : null;

    public static async Task<List<string>> ChecklistAsync(YihaoDb db, int districtId, DateOnly month,
        CancellationToken ct) =>
        Policies.Read(await Policies.InForceAsync(db, districtId, month, ct)).Supervision.Checklist;

    public static async Task<SupervisionRule> RuleAsync(YihaoDb db, int districtId, TimeProvider clock,
        CancellationToken ct)
    {
        var today = DistrictTime.Today(clock);
        return Policies.Read(await Policies.InForceAsync(db, districtId, new DateOnly(today.Year, today.Month, 1), ct))
            .Supervision;
    }

    public static async Task<Outcome<InspectionAdded>> PlanAsync(Scope scope, YihaoDb db, TimeProvider clock,
        InspectionRequest r, CancellationToken ct = default)
    {
        if (!Supervises(scope)) return Fail.Forbidden;
        var problems = new List<(string, string)>();
        var kind = Parse<InspectionKind>(r.Kind);
        if (kind is null) problems.Add(("kind", "The kind is phoneCheck, openVisit, covertVisit or randomInspection."));
        var on = Words.Date(r.PlannedOn);
        var today = DistrictTime.Today(clock);
        if (on is null) problems.Add(("plannedOn", "Write the date as 2026-12-01."));
        else if (on < today.AddDays(-366)
            || on > today.AddDays(366)) problems.Add(("plannedOn", "The date is within a year of today."));
        if (r.OrgId is null) problems.Add(("orgId", "Choose the branch."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        var org = await scope.Orgs(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == r.OrgId, ct);
        if (org is null) return Fail.NotFound;
        if (!org.Kind.IsBranch()) return Fail.Invalid("orgId", "Inspections are of a branch.");
        if (r.ActivityDayId is { } dayId
            && !await db.ActivityDays.AnyAsync(d => d.Id == dayId && d.OrgId == org.Id, ct))
            return Fail.Invalid("activityDayId", "The day is not one of this branch's.");
        if (kind == InspectionKind.PhoneCheck && r.ActivityDayId is null)
            return Fail.Invalid("activityDayId", "A phone spot check is of one activity day.");
        var inspectorId = r.InspectorUserId ?? scope.UserId;
        string inspector = scope.UserName;
        if (inspectorId != scope.UserId)
        {
            if (!scope.IsDistrictAdmin) return Fail.Invalid("inspectorUserId",
                "An inspector plans their own inspections.");
            var who = await db.Users.AsNoTracking().Where(u => u.Id == inspectorId && u.DistrictId == scope.DistrictId
                    && (u.Role == Roles.Inspector || u.Role == Roles.DistrictAdmin))
                .Select(u => new { u.UserName, Path = db.Orgs.Where(o => o.Id == u.OrgId).Select(o => o.Path).First() })
                .FirstOrDefaultAsync(ct);
            if (who is null || !OrgRules.IsWithin(org.Path, who.Path))
                return Fail.Invalid("inspectorUserId", "Choose an inspector whose part of the tree holds the branch.");
            inspector = who.UserName ?? "";
        }
        var same = await db.Inspections.FirstOrDefaultAsync(i => i.DistrictId == scope.DistrictId && i.OrgId == org.Id
            && i.Kind == kind && i.PlannedOn == on && i.InspectorUserId == inspectorId, ct);
        if (same is not null) return new InspectionAdded(same, false);
        var row = new Inspection
        {
            DistrictId = scope.DistrictId,
            Kind = kind!.Value,
            OrgId = org.Id,
            ActivityDayId = r.ActivityDayId,
            InspectorUserId = inspectorId,
            Inspector = inspector,
            PlannedOn = on!.Value,
            State = InspectionState.Planned,
            CreatedBy = scope.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Inspections.Add(row);
        if (await Retry.SaveAsync(db, ct) is { } fail)
        {
            db.ChangeTracker.Clear(); // the same plan made at the same moment: answer with it
            var first =
                await db.Inspections.FirstOrDefaultAsync(i => i.DistrictId == scope.DistrictId && i.OrgId == org.Id
                && i.Kind == kind && i.PlannedOn == on && i.InspectorUserId == inspectorId, ct);
            return first is null ? fail : new InspectionAdded(first, false);
        }
        return new InspectionAdded(row, true);
    }

    public static Task<Inspection?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct) =>
        Reads(scope) ? Visible(scope, db).FirstOrDefaultAsync(i => i.Id == id, ct) : Task.FromResult<Inspection?>(null);

    /// <summary>Records what was checked and found, and the outcome: once (a second record is a conflict that changes
    /// nothing).</summary>
    public static async Task<Outcome<Inspection>> RecordAsync(Scope scope, YihaoDb db, TimeProvider clock, int id,
        RecordRequest r, CancellationToken ct = default)
    {
        if (await FindAsync(scope, db, id, ct) is not { } row) return Fail.NotFound;
        if (!Supervises(scope)) return Fail.Forbidden;
        if (row.State == InspectionState.Recorded) return Fail.Conflict("This inspection is recorded already.");
        var problems = new List<(string, string)>();
        var checklist = r.Checklist ?? [];
        if (checklist.Count > 30 || checklist.Any(c => string.IsNullOrWhiteSpace(c?.Item) || c.Item.Length > 100
                || c.Note?.Length > 500))
            problems.Add(
                ("checklist", "Each checklist item has a name (at most 100 characters) and a note of at most 500."));
        var findings = (r.Findings ?? []).Select(f => f?.Trim() ?? "").Where(f => f.Length > 0).ToList();
        if (findings.Count > 50 || findings.Any(f => f.Length > 2000))
            problems.Add(("findings", "At most 50 findings of at most 2000 characters each."));
        var outcome = r.Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome) || outcome.Length > 4000)
            problems.Add(("outcome", "Say what the inspection concluded (at most 4000 characters)."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        row.Checklist = JsonSerializer.Serialize(
            checklist.Select(c =>
                new CheckView(c.Item!.Trim(), c.Ok, string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim())), Json);
        row.Outcome = outcome;
        row.State = InspectionState.Recorded;
        row.RecordedAt = now;
        foreach (var f in findings)
            db.Findings.Add(
                new Finding
                {
                    DistrictId = row.DistrictId,
                    InspectionId = row.Id,
                    Text = f,
                    CreatedBy = scope.UserName,
                    CreatedAt = now
                });
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : row;
    }

    public sealed record Filter(int? OrgId, string? Kind, string? State, int Skip = 0, int Take = 100);

    public static async Task<Outcome<InspectionList>> ListAsync(Scope scope, YihaoDb db, Filter f,
        CancellationToken ct = default)
    {
        if (!Reads(scope)) return Fail.Forbidden;
        var q = Visible(scope, db).AsNoTracking();
        if (f.OrgId is { } orgId)
        {
            if (!await scope.Orgs(db).AnyAsync(o => o.Id == orgId, ct)) return Fail.NotFound;
            q = q.Where(i => i.OrgId == orgId);
        }
        if (f.Kind is { Length: > 0 })
        {
            if (Parse<InspectionKind>(f.Kind) is not { } kind)
                return Fail.Invalid("kind", "The kind is phoneCheck, openVisit, covertVisit or randomInspection.");
            q = q.Where(i => i.Kind == kind);
        }
        if (f.State is { Length: > 0 })
        {
            if (Parse<InspectionState>(f.State) is not { } state) return Fail.Invalid("state",
                "The state is planned or recorded.");
            q = q.Where(i => i.State == state);
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(i => i.State).ThenBy(i => i.PlannedOn).ThenBy(i => i.Id)
            .Skip(Math.Max(0, f.Skip)).Take(Math.Clamp(f.Take, 1, 500)).ToListAsync(ct);
        return new InspectionList(await ViewsAsync(db, rows, false, ct), total);
    }

    public static async Task<InspectionView> ViewAsync(YihaoDb db, Inspection i, CancellationToken ct) =>
        (await ViewsAsync(db, [i], true, ct))[0];

    static async Task<List<InspectionView>> ViewsAsync(YihaoDb db, List<Inspection> rows, bool full,
        CancellationToken ct)
    {
        var orgIds = rows.Select(i => i.OrgId).Distinct().ToList();
        var names = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ids = rows.Select(i => i.Id).ToList();
        var findings = full
            ? (await db.Findings.AsNoTracking().Where(f => ids.Contains(f.InspectionId)).OrderBy(f => f.Id)
                .ToListAsync(ct))
                .ToLookup(f => f.InspectionId)
            : null;
        var lists = await db.ProblemLists.AsNoTracking().Where(l => ids.Contains(l.InspectionId))
            .ToDictionaryAsync(l => l.InspectionId, l => l.Id, ct);
        return rows.Select(i =>
            new InspectionView(i.Id, Words.Camel(i.Kind), i.OrgId, names.GetValueOrDefault(i.OrgId) ?? "",
            i.ActivityDayId, i.PlannedOn.ToString("yyyy-MM-dd"), i.InspectorUserId, i.Inspector, Words.Camel(i.State),
            JsonSerializer.Deserialize<List<CheckView>>(i.Checklist, Json) ?? [], i.Outcome, i.RecordedAt,
            findings?[i.Id].Select(f => new FindingView(f.Id, f.Text, f.AttendanceId, f.CreatedBy, f.CreatedAt))
                .ToList() ?? [])
            {
                ProblemListId = lists.TryGetValue(i.Id, out var l) ? l : null,
            }).ToList();
    }
}
