using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

public sealed record HistoryCounts(int Days, int Attendances, int MakeUps, int Upcoming);

/// <summary>
/// Twelve closed months of activity days for every branch, attendance rising from about 86% to 93% over the year (the
/// source's "90%+ after one year"), with leave, make-ups (some overdue), online study by mobile members and study
/// brought to elderly members' doors; and next month's plans in every state, so that the review queue and the notices
/// have something in them.
/// </summary>
public static class DemoHistory
{
    static readonly string[] Theory =
        ["学习党章第一章总纲", "学习《中国共产党纪律处分条例》", "学习习近平新时代中国特色社会主义思想专题", "学习党的二十大报告", "学习《关于新形势下党内政治生活的若干准则》", "学习乡村振兴政策文件"];
    static readonly string[] SelfBuilding = ["支部书记述职报告", "党员思想汇报", "党员业务技能竞赛", "重温入党誓词", "民主评议党员"];
    static readonly string[] Serving = ["走访慰问困难群众", "结对帮扶贫困户", "志愿服务清理村道环境", "信访接待与矛盾调解", "为群众代办事项"];
    static readonly string[] Deliberation = ["评议低保户名单", "讨论村集体产业发展", "议定村道硬化方案", "征集群众意见建议", "讨论冬季防火工作"];
    static readonly string[] Leaders = ["张建华", "李文斌", "王志刚", "刘红梅", "陈卫东", "杨晓峰", "赵国庆", "孙丽娟"];

    public static async Task<HistoryCounts> SeedAsync(YihaoDb db, Random rng, IReadOnlyList<Org> branches,
        DateOnly today, DateTime now, ActivityPolicy policy, IProgress<double>? progress, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Select(m => new { m.Id, m.OrgId, m.JoinedOn, m.Participation })
            .ToListAsync(ct);
        var byBranch = members.GroupBy(m => m.OrgId).ToDictionary(g => g.Key, g => g.ToList());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        // Months whose 1st has passed: this one and the eleven before it.
        var months = Enumerable.Range(0, 12).Select(i => thisMonth.AddMonths(i - 11)).ToList();

        var days = new List<(ActivityDay Day, int MonthIndex)>();
        foreach (var b in branches)
            for (var i = 0; i < months.Count; i++)
            {
                var m = months[i];
                if (b.Kind == OrgKind.TemporaryBranch
                    && (b.StartsOn is not { } s || b.EndsOn is not { } e || m < new DateOnly(s.Year, s.Month, 1)
                    || m > e)) continue;
                days.Add((Plan(b, m, rng, policy, ActivityState.Closed, now), i));
            }
        Live(days.First(d => d.Day.OrgId == branches[0].Id && d.MonthIndex == months.Count - 1).Day, now);
        var upcoming = new List<ActivityDay>();
        var next = thisMonth.AddMonths(1);
        foreach (var b in branches.Where(b => b.Kind == OrgKind.Branch))
        {
            // The first branch (b0001, m0001) always has next month approved, so that every screen of the day has
            // something to show.
            var roll = b == branches[0] ? 0.99 : rng.NextDouble();
            if (roll < 0.05) continue;
            var state =
                roll switch
                {
                    < 0.15 => ActivityState.Draft,
                    < 0.25 => ActivityState.Returned,
                    < 0.45 => ActivityState.Submitted,
                    _ => ActivityState.Approved
                };
            upcoming.Add(Plan(b, next, rng, policy, state, now));
        }
        db.ActivityDays.AddRange(days.Select(d => d.Day).Concat(upcoming));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        progress?.Report(0.2);

        var agenda = new List<object?[]>();
        foreach (var d in days.Select(d => d.Day).Concat(upcoming))
        {
            var items =
                new List<(AgendaCategory, string)> { (AgendaCategory.TheoryStudy, Theory[rng.Next(Theory.Length)]) };
            if (rng.NextDouble() < 0.6) items.Add(
                (AgendaCategory.SelfBuilding, SelfBuilding[rng.Next(SelfBuilding.Length)]));
            if (rng.NextDouble() < 0.7) items.Add((AgendaCategory.ServingPeople, Serving[rng.Next(Serving.Length)]));
            if (rng.NextDouble() < 0.6) items.Add(
                (AgendaCategory.Deliberation, Deliberation[rng.Next(Deliberation.Length)]));
            agenda.AddRange(
                items.Select((a, p) => new object?[] { d.DistrictId, d.Id, a.Item1.ToString(), a.Item2, p }));
        }
        await BulkCopy.InsertAsync(db, "agenda_items",
            ["district_id", "activity_day_id", "category", "title", "position"], agenda, ct);

        var attendance = new List<object?[]>();
        var leaves = new List<object?[]>();
        var makeUps = new List<object?[]>();
        var notes = new List<object?[]>();
        var musts = new List<object?[]>();
        foreach (var (day, index) in days)
        {
            if (day.State != ActivityState.Closed) continue;
            var date = DateOnly.FromDateTime(DistrictTime.Local(day.StartsAt));
            var lift = index * 0.007;
            foreach (var m in byBranch.GetValueOrDefault(day.OrgId) ?? [])
            {
                if (m.JoinedOn > date) continue;
                var r = rng.NextDouble();
                var status = m.Participation switch
                {
                    Participation.Mobile => r < 0.7 + lift ? AttendanceStatus.Online : r < 0.82 + lift
                        ? AttendanceStatus.Present : r < 0.93 ? AttendanceStatus.Excused : AttendanceStatus.Unexcused,
                    Participation.ElderlyInfirm => r < 0.5 + lift ? AttendanceStatus.AtDoor : r < 0.78 + lift
                        ? AttendanceStatus.Present : r < 0.93 ? AttendanceStatus.Excused : AttendanceStatus.Unexcused,
                    _ => r < 0.86 + lift ? AttendanceStatus.Present : r < 0.94 + lift / 2 ? AttendanceStatus.Excused
                        : AttendanceStatus.Unexcused,
                };
                var (method, at, reason) = status switch
                {
                    AttendanceStatus.Present => rng.NextDouble() switch
                    {
                        < 0.85 =>
                            (CheckInMethod.QrScan, day.StartsAt.AddMinutes(-rng.Next(0, 25)).AddSeconds(rng.Next(60)),
                            (string?)null),
                        < 0.95 => (CheckInMethod.PersonalCode, day.StartsAt.AddMinutes(-rng.Next(0, 10)), null),
                        _ => (CheckInMethod.Manual, day.StartsAt.AddMinutes(rng.Next(0, 15)), "无智能手机，书记代签"),
                    },
                    AttendanceStatus.Online => (CheckInMethod.StudyNote, day.ClosedAt!.Value, null),
                    AttendanceStatus.AtDoor =>
                        (CheckInMethod.DoorVisit, day.EndsAt.AddDays(rng.Next(1, 6)),
                        "送学上门：" + Theory[rng.Next(Theory.Length)]),
                    _ => (CheckInMethod.Closing, day.ClosedAt!.Value, null),
                };
                attendance.Add(
                    [day.DistrictId, day.Id, m.Id, status.ToString(), method.ToString(), reason, at,
                    status == AttendanceStatus.Present && method == CheckInMethod.QrScan ? null : "demo"]);
                if (status == AttendanceStatus.Online)
                    notes.Add(
                        [day.DistrictId, day.Id, m.Id, "认真学习了本月材料，体会到要始终保持同人民群众的血肉联系，在外也不忘党员身份。",
                        day.StartsAt.AddDays(-rng.Next(0, 5))]);
                if (status == AttendanceStatus.Excused
                    || (status == AttendanceStatus.Unexcused && rng.NextDouble() < 0.2))
                    leaves.Add(
                        [day.DistrictId, day.Id, m.Id, Pick(rng, "外出务工", "身体不适", "家中有事", "农忙", "外地就医"),
                        day.StartsAt.AddDays(-rng.Next(1, 4)),
                        (status == AttendanceStatus.Excused ? LeaveDecision.Approved : LeaveDecision.Refused)
                            .ToString(), day.StartsAt.AddHours(-rng.Next(2, 20)), "demo"]);
                if (status is AttendanceStatus.Excused or AttendanceStatus.Unexcused)
                {
                    var due = date.AddDays(policy.MakeUpDays);
                    var roll = rng.NextDouble();
                    DateOnly? done = roll < 0.8 ? date.AddDays(rng.Next(1, policy.MakeUpDays + 1)) : roll < 0.88
                        ? date.AddDays(rng.Next(policy.MakeUpDays + 1, policy.MakeUpDays + 12)) : null;
                    if (done > today) done = null;
                    makeUps.Add(
                        [day.DistrictId, day.Id, m.Id, due, done,
                        done is null ? null : "补学" + Theory[rng.Next(Theory.Length)], done is null ? null : "demo"]);
                }
            }
            var missing = rng.NextDouble() < 0.06 ? rng.Next(6) : -1;
            musts.Add(
                [day.Id, day.DistrictId, missing != 0, missing != 1, missing != 2, missing != 3, missing != 4,
                missing != 5, "会议由支部书记主持，按计划完成各项议程。", day.ClosedAt!.Value]);
        }
        progress?.Report(0.5);
        await BulkCopy.InsertAsync(db, "attendances",
            ["district_id", "activity_day_id", "member_id", "status", "method", "reason", "at", "recorded_by"],
            attendance, ct);
        progress?.Report(0.8);
        await BulkCopy.InsertAsync(db, "leave_requests",
            ["district_id", "activity_day_id", "member_id", "reason", "requested_at", "decision", "decided_at",
            "decided_by"], leaves, ct);
        await BulkCopy.InsertAsync(db, "make_ups",
            ["district_id", "activity_day_id", "member_id", "due_on", "done_on", "what", "recorded_by"], makeUps, ct);
        await BulkCopy.InsertAsync(db, "study_notes",
            ["district_id", "activity_day_id", "member_id", "text", "submitted_at"], notes, ct);
        await BulkCopy.InsertAsync(db, "six_musts",
            ["activity_day_id", "district_id", "badges_worn", "theory_study_held", "dues_collected",
            "liaison_leader_present", "stars_posted", "oath_renewed", "minutes", "updated_at"], musts, ct);

        // Next month's approved plans are announced: a notice for every member.
        var notices = new List<object?[]>();
        foreach (var d in upcoming.Where(d => d.State == ActivityState.Approved))
            foreach (var m in byBranch.GetValueOrDefault(d.OrgId) ?? [])
                notices.Add(
                    [d.DistrictId, m.Id, d.Id, $"{d.Month:yyyy年M月}主题党日预告",
                    $"定于{DistrictTime.Local(d.StartsAt):M月d日 HH:mm}在{d.Place}开展主题党日活动，因故不能参加请提前请假。",
                        d.ReviewedAt!.Value,
                        rng.NextDouble() < 0.6 ? d.ReviewedAt!.Value.AddHours(rng.Next(1, 48)) : null]);
        await BulkCopy.InsertAsync(db, "notifications",
            ["district_id", "member_id", "activity_day_id", "title", "body", "created_at", "read_at"], notices, ct);
        progress?.Report(1);
        return new HistoryCounts(days.Count, attendance.Count, makeUps.Count, upcoming.Count);
    }

    static ActivityDay Plan(Org b, DateOnly month, Random rng, ActivityPolicy policy, ActivityState state, DateTime now)
    {
        var hour = rng.NextDouble() < 0.8 ? 9 : 14;
        var starts = DistrictTime.Utc(month.ToDateTime(new TimeOnly(hour, 0)));
        var deadline = DistrictTime.Utc(policy.PlanDeadline(month).ToDateTime(new TimeOnly(18, 0)));
        var late = state != ActivityState.Draft && rng.NextDouble() < 0.05;
        var submitted = state == ActivityState.Draft ? (DateTime?)null : late ? deadline.AddDays(rng.Next(1, 4))
            : deadline.AddDays(-rng.Next(1, 12));
        if (submitted > now) submitted = now.AddHours(-rng.Next(1, 48));
        var reviewed = state is ActivityState.Approved or ActivityState.Closed or ActivityState.Returned
            ? submitted?.AddHours(rng.Next(2, 60)) : null;
        if (reviewed > now) reviewed = now.AddMinutes(-rng.Next(10, 600));
        // Drawn to keep the seeded sequence as it was; the key itself must not be computable from the source.
        rng.NextBytes(new byte[32]);
        return new ActivityDay
        {
            DistrictId = b.DistrictId,
            OrgId = b.Id,
            Month = month,
            StartsAt = starts,
            EndsAt = starts.AddHours(2),
            Place = b.Name.Replace("党支部", "", StringComparison.Ordinal)
                + (b.Name.EndsWith("村党支部", StringComparison.Ordinal) ? "委会会议室" : "党员活动室"),
            LiaisonLeader = Leaders[rng.Next(Leaders.Length)],
            State = state,
            SubmittedAt = submitted,
            Late = late,
            ReviewedAt = reviewed,
            ReviewedBy = reviewed is null ? null : "town-admin",
            ReviewComment = state == ActivityState.Returned ? "请补充联系服务群众的内容" : null,
            ClosedAt = state == ActivityState.Closed ? starts.AddHours(2).AddMinutes(10) : null,
            StudyMaterial = "本月学习材料：" + Theory[rng.Next(Theory.Length)] + "。请认真学习并撰写学习笔记。",
            CodeKey = ActivityDay.NewCodeKey(),
            CreatedAt = submitted ?? now,
            UpdatedAt = reviewed ?? submitted ?? now,
        };
    }

    /// <summary>
    /// The first branch (b0001, m0001) holds this month's day now, whatever the date at seeding: approved, started ten
    /// minutes ago, for three hours, so that the meeting screen shows a live code and m0001 can check in at once.
    /// </summary>
    static void Live(ActivityDay day, DateTime now)
    {
        var starts = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(-10);
        day.State = ActivityState.Approved;
        day.StartsAt = starts;
        day.EndsAt = starts.AddHours(3);
        day.ClosedAt = null;
        day.SubmittedAt = starts.AddDays(-3);
        day.ReviewedAt = starts.AddDays(-2);
        day.Late = false;
        day.CreatedAt = starts.AddDays(-3);
        day.UpdatedAt = starts.AddDays(-2);
    }

    static string Pick(Random rng, params string[] items) => items[rng.Next(items.Length)];
}
