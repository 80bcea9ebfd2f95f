using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Commitments;

public sealed record CommitmentRequest(int? MemberId, string? What, string? ForWhom, string? DueOn, string? Category);

/// <summary>A year's commitments at once: one row per member (the branch's form in January).</summary>
public sealed record CommitmentBatchRequest(List<CommitmentRequest>? Rows);

public sealed record FulfilmentRequest(string? Evidence, string? FulfilledOn);

public sealed record AnswerRequest(bool Confirm, string? Comment);

public sealed record FulfilmentView(
    int Id, string Evidence, DateOnly FulfilledOn, string RecordedBy, DateTime RecordedAt, bool? Confirmed,
    string? Comment, string? AnsweredBy, DateTime? AnsweredAt);

public sealed record CommitmentView(
    int Id, int MemberId, string MemberName, int OrgId, string What, string? ForWhom, DateOnly DueOn, string Category,
    string State, bool Overdue, DateOnly MadeOn, DateOnly? ConfirmedOn, string MadeBy,
    List<FulfilmentView> Fulfilments);

public sealed record CommitmentBoard(int OrgId, string OrgName, int Year, List<CommitmentView> Commitments,
    int Made, int Confirmed, int Overdue);

/// <summary>Commitments made and fulfilled (confirmed) for an org's subtree over a period.</summary>
public sealed record CommitmentCount(int OrgId, DateOnly From, DateOnly To, int Made, int Fulfilled);

/// <summary>
/// Public commitments (公开承诺): a member, or the secretary for a member, makes them; the member records their
/// fulfilment (兑现) with evidence; the secretary confirms it or sends it back. Nothing is deleted.
/// </summary>
public static class CommitmentBook
{
    /// <summary>Who answers a fulfilment: the branch's secretary, the same rule as for service entries
    /// (<see cref="Service.ServiceLedger.Confirms"/>); the admins above read.</summary>
    public static bool MayConfirm(Scope scope) => Service.ServiceLedger.Confirms(scope);

    /// <summary>Who makes or fulfils commitments on a member's behalf: the secretary and the admins above.</summary>
    public static bool ActsFor(Scope scope) => scope.EditsMembers;

    public static async Task<Outcome<(Commitment Commitment, bool New)>> MakeAsync(
        Scope scope, YihaoDb db, TimeProvider clock, CommitmentRequest r, CancellationToken ct = default)
    {
        if (!scope.IsMember && !ActsFor(scope)) return Fail.Forbidden;
        var memberId = r.MemberId ?? (scope.IsMember ? scope.MemberId : null);
        if (memberId is null) return Fail.Invalid("memberId", "Choose the member who makes the commitment.");
        if (await scope.Members(db).FirstOrDefaultAsync(m => m.Id == memberId, ct) is not { } member)
            return Fail.NotFound;
        if (Check(r, DistrictTime.Today(clock)) is { } problems) return Fail.Invalid(problems);
        var made = New(scope, clock, member, r);
        if (await SameAsync(db, made, ct) is { } same) return (same, false);
        db.Commitments.Add(made);
        if (await Retry.SaveAsync(db, ct) is not { } fail) return (made, true);
        db.ChangeTracker.Clear();
        return await SameAsync(db, made, ct) is { } won ? (won, false) : fail;
    }

    /// <summary>Several commitments at once, all or none: a row's problem names its row
    /// (<c>rows[2].dueOn</c>).</summary>
    public static async Task<Outcome<List<Commitment>>> MakeManyAsync(
        Scope scope, YihaoDb db, TimeProvider clock, CommitmentBatchRequest r, CancellationToken ct = default)
    {
        if (!ActsFor(scope)) return Fail.Forbidden;
        var rows = r.Rows ?? [];
        if (rows.Count is 0 or > 500) return Fail.Invalid("rows", "Write between one and 500 commitments.");
        var ids = rows.Select(x => x.MemberId ?? 0).Distinct().ToList();
        var members = await scope.Members(db).Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var today = DistrictTime.Today(clock);
        var problems = new List<(string, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!members.ContainsKey(rows[i].MemberId ?? 0))
                problems.Add(($"rows[{i}].memberId", "Choose the member who makes the commitment."));
            foreach (var (field, problem) in Check(rows[i], today) ?? [])
                problems.Add(($"rows[{i}].{field}", problem));
        }
        if (problems.Count > 0) return Fail.Invalid(problems);
        var result = new List<Commitment>();
        foreach (var row in rows)
        {
            var made = New(scope, clock, members[row.MemberId!.Value], row);
            if (result.Any(c => c.MemberId == made.MemberId && c.DueOn == made.DueOn && c.What == made.What)) continue;
            if (await SameAsync(db, made, ct) is { } same) result.Add(same);
            else
            {
                db.Commitments.Add(made);
                result.Add(made);
            }
        }
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : result;
    }

    public static async Task<Outcome<Commitment>> FulfilAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, FulfilmentRequest r, CancellationToken ct = default)
    {
        if (await FindAsync(scope, db, id, ct) is not { } c) return Fail.NotFound;
        if (!(scope.IsMember ? scope.MemberId == c.MemberId : ActsFor(scope))) return Fail.Forbidden;
        var today = DistrictTime.Today(clock);
        var evidence = r.Evidence?.Trim() ?? "";
        if (evidence.Length == 0) return Fail.Invalid("evidence", "Say how it was fulfilled.");
        if (evidence.Length > CommitmentRules.EvidenceMax) return Fail.Invalid("evidence", "The text is too long.");
        var on = r.FulfilledOn is null ? today : Words.Date(r.FulfilledOn) ?? default;
        if (on == default) return Fail.Invalid("fulfilledOn", "Write the date as 2026-12-01.");
        if (on > today) return Fail.Invalid("fulfilledOn", "The date cannot be in the future.");
        if (c.State == CommitmentState.Confirmed)
            return Fail.Conflict("The commitment is already confirmed fulfilled.");
        if (c.State == CommitmentState.Reported)
        {
            // The same fulfilment again (a double tap) is the one recorded; another waits for the secretary's answer.
            var last = await db.CommitmentFulfilments.Where(f => f.DistrictId == c.DistrictId && f.CommitmentId == c.Id)
                .OrderByDescending(f => f.Id).FirstAsync(ct);
            return last.Evidence == evidence ? c
                : Fail.Conflict("A fulfilment is waiting for the secretary's answer.");
        }
        db.CommitmentFulfilments.Add(new CommitmentFulfilment
        {
            DistrictId = c.DistrictId,
            CommitmentId = c.Id,
            Evidence = evidence,
            FulfilledOn = on,
            RecordedBy = scope.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        });
        c.State = CommitmentState.Reported;
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : c;
    }

    /// <summary>The secretary's answer to the fulfilment waiting: confirmed, or sent back with a comment.</summary>
    public static async Task<Outcome<Commitment>> AnswerAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, AnswerRequest r, CancellationToken ct = default)
    {
        if (await FindAsync(scope, db, id, ct) is not { } c) return Fail.NotFound;
        if (!MayConfirm(scope)) return Fail.Forbidden;
        var comment = r.Comment?.Trim() is { Length: > 0 } t ? t : null;
        if (comment?.Length > CommitmentRules.CommentMax) return Fail.Invalid("comment", "The text is too long.");
        if (!r.Confirm && comment is null) return Fail.Invalid("comment", "Say why the fulfilment is sent back.");
        // The same answer again is the answer given.
        if (c.State == (r.Confirm ? CommitmentState.Confirmed : CommitmentState.SentBack)) return c;
        if (c.State != CommitmentState.Reported) return Fail.Conflict("No fulfilment is waiting for an answer.");
        var last = await db.CommitmentFulfilments.Where(f => f.DistrictId == c.DistrictId && f.CommitmentId == c.Id)
            .OrderByDescending(f => f.Id).FirstAsync(ct);
        (last.Confirmed, last.Comment, last.AnsweredBy, last.AnsweredAt) =
            (r.Confirm, comment, scope.UserName, clock.GetUtcNow().UtcDateTime);
        c.State = r.Confirm ? CommitmentState.Confirmed : CommitmentState.SentBack;
        c.ConfirmedOn = r.Confirm ? DistrictTime.Today(clock) : null;
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : c;
    }

    /// <summary>A member's own commitments, the latest due first (我的承诺).</summary>
    public static async Task<List<CommitmentView>> MineAsync(
        Scope scope, YihaoDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (scope.MemberId is not { } me) return [];
        var rows = await db.Commitments.AsNoTracking().Where(c => c.DistrictId == scope.DistrictId && c.MemberId == me)
            .OrderByDescending(c => c.DueOn).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return await ViewsAsync(db, clock, rows, ct);
    }

    /// <summary>The fulfilments waiting for an answer in the caller's subtree, the oldest first (待确认).</summary>
    public static async Task<List<CommitmentView>> WaitingAsync(
        Scope scope, YihaoDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (scope.IsMember) return [];
        var members = scope.Members(db);
        var rows = await db.Commitments.AsNoTracking().Where(c => c.DistrictId == scope.DistrictId
                && c.State == CommitmentState.Reported && members.Any(m => m.Id == c.MemberId))
            .OrderBy(c => c.Id).Take(200).ToListAsync(ct);
        return await ViewsAsync(db, clock, rows, ct);
    }

    public static async Task<Outcome<CommitmentView>> OneAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int id, CancellationToken ct = default) =>
        await FindAsync(scope, db, id, ct) is { } c ? (await ViewsAsync(db, clock, [c], ct))[0] : Fail.NotFound;

    /// <summary>
    /// An org's board of a year: every commitment its members made that year, for every member of the branch to read
    /// (a member sees their own branch's board), the overdue ones first. Names only: nothing private.
    /// </summary>
    public static async Task<Outcome<CommitmentBoard>> BoardAsync(
        Scope scope, YihaoDb db, TimeProvider clock, int orgId, int? year, bool overdueOnly = false,
        CancellationToken ct = default)
    {
        if (await db.Orgs.FirstOrDefaultAsync(o => o.Id == orgId && o.DistrictId == scope.DistrictId, ct)
            is not { } org) return Fail.NotFound;
        // A member reads the board of their own branch; the others, their subtree.
        if (!scope.Contains(org) && !(scope.IsMember && org.Id == scope.OrgId)) return Fail.NotFound;
        var today = DistrictTime.Today(clock);
        var y = year ?? today.Year;
        if (y is < 2000 or > 2100) return Fail.Invalid("year", "Write the year as 2026.");
        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var orgs = db.Orgs.Where(o => o.DistrictId == org.DistrictId && o.Path.StartsWith(org.Path));
        var q = db.Commitments.AsNoTracking().Where(c => c.DistrictId == org.DistrictId
            && orgs.Any(o => o.Id == c.OrgId) && c.DueOn >= from && c.DueOn <= to);
        if (overdueOnly)
            q = q.Where(c => c.DueOn < today
                && (c.State == CommitmentState.Open || c.State == CommitmentState.SentBack));
        var rows = await q.OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(2000).ToListAsync(ct);
        var views = await ViewsAsync(db, clock, rows, ct);
        views = [.. views.OrderByDescending(v => v.Overdue)];
        return new CommitmentBoard(org.Id, org.Name, y, views, views.Count,
            views.Count(v => v.State == "confirmed"), views.Count(v => v.Overdue));
    }

    /// <summary>
    /// Commitments made (by the day they were made) and fulfilled (by the day the secretary confirmed them) in an
    /// org's subtree over a period: the figure the source reports as "兑现党员承诺3万余条".
    /// </summary>
    public static async Task<CommitmentCount> CommitmentCounts(
        YihaoDb db, int districtId, string orgPath, int orgId, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        var orgs = db.Orgs.Where(o => o.DistrictId == districtId && o.Path.StartsWith(orgPath)).Select(o => o.Id);
        var all = db.Commitments.Where(c => c.DistrictId == districtId && orgs.Contains(c.OrgId));
        var made = await all.CountAsync(c => c.MadeOn >= from && c.MadeOn <= to, ct);
        var fulfilled = await all.CountAsync(c => c.ConfirmedOn >= from && c.ConfirmedOn <= to, ct);
        return new CommitmentCount(orgId, from, to, made, fulfilled);
    }

    /// <summary>
    /// For the star policy's "a service or commitment fulfilled": the (member, month) pairs in which a commitment of
    /// the member was confirmed fulfilled, months given as their first day. The stars OR this into the month's
    /// service fact.
    /// </summary>
    public static async Task<HashSet<(int MemberId, DateOnly Month)>> FulfilledMonthsAsync(
        YihaoDb db, int districtId, IReadOnlyCollection<int>? memberIds, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        var end = to.AddMonths(1);
        var rows = await db.Commitments.AsNoTracking()
            .Where(c => c.DistrictId == districtId && c.ConfirmedOn >= from && c.ConfirmedOn < end
                && (memberIds == null || memberIds.Contains(c.MemberId)))
            .Select(c => new { c.MemberId, c.ConfirmedOn }).ToListAsync(ct);
        return rows.Select(r => (r.MemberId, new DateOnly(r.ConfirmedOn!.Value.Year, r.ConfirmedOn.Value.Month, 1)))
            .ToHashSet();
    }

    public static async Task<List<CommitmentView>> ViewsAsync(
        YihaoDb db, TimeProvider clock, IReadOnlyList<Commitment> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return [];
        var district = rows[0].DistrictId;
        var ids = rows.Select(c => c.Id).ToList();
        var memberIds = rows.Select(c => c.MemberId).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var steps = (await db.CommitmentFulfilments.AsNoTracking()
            .Where(f => f.DistrictId == district && ids.Contains(f.CommitmentId)).OrderBy(f => f.Id)
            .ToListAsync(ct)).ToLookup(f => f.CommitmentId);
        var today = DistrictTime.Today(clock);
        return [.. rows.Select(c => new CommitmentView(c.Id, c.MemberId, names.GetValueOrDefault(c.MemberId, ""),
            c.OrgId, c.What, c.ForWhom, c.DueOn, Words.Camel(c.Category), Words.Camel(c.State),
            CommitmentRules.Overdue(c.State, c.DueOn, today), c.MadeOn, c.ConfirmedOn, c.MadeBy,
            [.. steps[c.Id].Select(f => new FulfilmentView(f.Id, f.Evidence, f.FulfilledOn, f.RecordedBy,
                f.RecordedAt, f.Confirmed, f.Comment, f.AnsweredBy, f.AnsweredAt))]))];
    }

    static Task<Commitment?> FindAsync(Scope scope, YihaoDb db, int id, CancellationToken ct)
    {
        var members = scope.Members(db);
        return db.Commitments.FirstOrDefaultAsync(c => c.Id == id && c.DistrictId == scope.DistrictId
            && members.Any(m => m.Id == c.MemberId), ct);
    }

    static Task<Commitment?> SameAsync(YihaoDb db, Commitment c, CancellationToken ct) =>
        db.Commitments.FirstOrDefaultAsync(x => x.DistrictId == c.DistrictId && x.MemberId == c.MemberId
            && x.DueOn == c.DueOn && x.What == c.What, ct);

    static Commitment New(Scope scope, TimeProvider clock, Member member, CommitmentRequest r) => new()
    {
        DistrictId = member.DistrictId,
        MemberId = member.Id,
        OrgId = member.OrgId,
        What = r.What!.Trim(),
        ForWhom = r.ForWhom?.Trim() is { Length: > 0 } w ? w : null,
        DueOn = Words.Date(r.DueOn)!.Value,
        Category = Parse(r.Category) ?? CommitmentCategory.Other,
        State = CommitmentState.Open,
        MadeOn = DistrictTime.Today(clock),
        MadeBy = scope.UserName,
        MadeAt = clock.GetUtcNow().UtcDateTime,
    };

    static List<(string, string)>? Check(CommitmentRequest r, DateOnly today)
    {
        var problems = new List<(string, string)>();
        var what = r.What?.Trim() ?? "";
        if (what.Length == 0) problems.Add(("what", "Say what is promised."));
        else if (what.Length > CommitmentRules.WhatMax) problems.Add(("what", "The text is too long."));
        if (r.ForWhom?.Trim().Length > CommitmentRules.ForWhomMax) problems.Add(("forWhom", "The text is too long."));
        if (Words.Date(r.DueOn) is not { } due) problems.Add(("dueOn", "Write the date as 2026-12-01."));
        else if (due < today) problems.Add(("dueOn", "The date by which it is done cannot be in the past."));
        if (r.Category is not null && Parse(r.Category) is null)
            problems.Add(("category", "Choose the commitment's category."));
        return problems.Count > 0 ? problems : null;
    }

    static CommitmentCategory? Parse(string? text) =>
        Enum.TryParse<CommitmentCategory>(text?.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(v)
            && !int.TryParse(text, out _) ? v : null;
}
