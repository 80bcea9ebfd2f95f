using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Features.Supervision;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

public sealed record SupervisionCounts(int Inspections, int Samples, int Calls, int Lists, int Items);

/// <summary>
/// The demo's year of supervision: every month the inspector draws a risk-weighted sample of the district's branches
/// (<see cref="Samples.BranchCandidatesAsync"/>, the area's own draw, so that reading a draw re-draws it) and visits
/// them — random inspections, open and covert visits — and phone-checks the sampled members of a few closed days, some
/// of whom say otherwise than the record. Findings go out as problem lists in every state: most answered and accepted,
/// some reopened, some answered and waiting, and a few of the last months' left past their deadline, which the warning
/// run turns red. Before the draws a few days are made to look made up (most marked by hand, many members from one
/// device, minutes copied from another branch), so that the anomalies and the risk weights show them. Its own seeded
/// random numbers, so that the rest of the demo stays as it was.
/// </summary>
public static class DemoSupervision
{
    const int BranchSample = 20;
    const int MemberSample = 5;

    static readonly Dictionary<string, string[]> Problems = new()
    {
        ["The six musts"] = ["部分党员未佩戴党员徽章", "未开展重温入党誓词环节", "党费收缴未在活动中进行"],
        ["The sign-in sheet against the people in the room"] =
            ["签到表人数与现场实到人数不符", "签到表存在代签现象", "请假手续不全，无书面请假记录"],
        ["The minutes"] = ["会议记录过于简单，未记录讨论发言", "会议记录未经主持人签字", "会议记录与议程不一致"],
        ["The photos"] = ["活动照片未能反映参会人数", "照片未上传或上传不全"],
        ["The notes"] = ["学习笔记内容雷同，存在抄写现象", "部分党员未撰写学习笔记"],
    };

    static readonly string[] Answers =
        ["已组织全体党员补学，补签请假手续并存档", "已重新整理会议记录，由主持人签字确认", "已召开支委会专题研究，明确专人负责，照片已补传",
        "已对代签问题进行批评教育，今后一律本人签到", "已补齐学习笔记并由支部书记审阅"];

    static readonly string[] Reopenings = ["整改材料不全，请补充会议记录照片", "未说明责任人和完成时间，请补充", "佐证材料与问题不对应，请重新提交"];

    const string CopiedMinutes =
        "本次主题党日活动由支部书记主持，全体党员集中学习了上级文件精神，围绕基层治理和为民服务开展了讨论，" +
        "党员们结合自身实际作了发言，会议还通报了本月党费收缴情况并对下月工作进行了安排部署。";

    public static async Task<SupervisionCounts> SeedAsync(YihaoDb db, int districtId, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var rng = new Random(20261207);
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN"); // the demo's records are in Chinese
        try
        {
            return await SeedYearAsync(db, rng, districtId, today, now, ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    static async Task<SupervisionCounts> SeedYearAsync(YihaoDb db, Random rng, int districtId, DateOnly today,
        DateTime now, CancellationToken ct)
    {
        var inspector = await db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && u.Role == Roles.Inspector)
            .OrderBy(u => u.Id).Select(u => new { u.Id, u.UserName }).FirstAsync(ct);
        var by = inspector.UserName ?? "inspector";
        var path = await db.Orgs.Where(o => o.Id == districtId).Select(o => o.Path).FirstAsync(ct);
        var days = await db.ActivityDays.AsNoTracking().Where(d => d.DistrictId == districtId)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.OrgId, d.Month, d.State, d.StartsAt }).ToListAsync(ct);
        var closed = days.Where(d => d.State == ActivityState.Closed).ToList();
        var dayOf = closed.ToDictionary(d => (d.OrgId, d.Month));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var upcoming = days.Where(d => d.Month == thisMonth.AddMonths(1)).ToDictionary(d => d.OrgId);
        await AnomaliesAsync(db, rng, closed.Select(d => (d.Id, d.OrgId)).ToList(), ct);
        await CopiedNotesAsync(db, [.. closed.Where(d => d.Month == thisMonth.AddMonths(-1)).Select(d => d.Id)], ct);

        var rule = Policies.Read(await Policies.InForceAsync(db, districtId, thisMonth, ct)).Supervision;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var turn = 0; // the young and the late items take their states in turn, so that every state is there
        int inspections = 0, samples = 0, calls = 0, lists = 0, items = 0;
        for (var month = thisMonth.AddMonths(-11); month <= thisMonth; month = month.AddMonths(1))
        {
            var current = month == thisMonth;
            // The month's sample of branches, drawn on its 2nd from the records as they then stood.
            var drawOn = month.AddDays(1);
            var (candidates, inputs) = await Samples.BranchCandidatesAsync(db, districtId, path, month, drawOn, ct);
            var draw = new SampleDraw
            {
                DistrictId = districtId,
                Purpose = SamplePurpose.Branches,
                OrgId = districtId,
                Month = month,
                Size = BranchSample,
                Subject = $"branches:{districtId}:{month:yyyy-MM}",
                Seed = rng.NextInt64(long.MinValue, long.MaxValue),
                Algorithm = Sampling.Algorithm,
                Candidates = JsonSerializer.Serialize(candidates.Select(c => new[] { c.Id, c.Weight })),
                Inputs = inputs,
                DrawnBy = by,
                DrawnAt = At(drawOn, 9, rng),
            };
            var picked = Sampling.Draw((ulong)draw.Seed, candidates, BranchSample);
            draw.Picked = JsonSerializer.Serialize(picked);
            db.SampleDraws.Add(draw);
            samples++;

            var planned = new List<(Inspection Row, List<string> Findings, List<PhoneCall> Calls)>();
            for (var k = 0; k < picked.Count; k++)
            {
                var branch = picked[k];
                var kind = k switch
                {
                    < 7 => InspectionKind.RandomInspection,
                    < 13 => InspectionKind.OpenVisit,
                    < 16 => InspectionKind.CovertVisit,
                    _ => InspectionKind.PhoneCheck,
                };
                var day = dayOf.GetValueOrDefault((branch, month));
                if (day is null && kind is InspectionKind.PhoneCheck or InspectionKind.CovertVisit) continue;
                var held = DateOnly.FromDateTime(DistrictTime.Local(day?.StartsAt ?? At(month, 9, rng)));
                var on = kind switch
                {
                    InspectionKind.OpenVisit or InspectionKind.CovertVisit => held,
                    InspectionKind.PhoneCheck => held.AddDays(rng.Next(3, 12)),
                    _ => month.AddDays(rng.Next(4, 26)),
                };
                int? dayId = kind == InspectionKind.RandomInspection ? null : day?.Id;
                // This month's covert visits go to next month's meetings: planned, and so still unseen by the branch.
                if (current && kind == InspectionKind.CovertVisit && upcoming.GetValueOrDefault(branch) is { } next)
                    (dayId, on) = (next.Id, DateOnly.FromDateTime(DistrictTime.Local(next.StartsAt)));
                if (current && kind == InspectionKind.RandomInspection)
                    on = k % 2 == 0 ? today.AddDays(rng.Next(1, 12)) : today.AddDays(-rng.Next(3, 10));
                var row = new Inspection
                {
                    DistrictId = districtId,
                    Kind = kind,
                    OrgId = branch,
                    ActivityDayId = dayId,
                    InspectorUserId = inspector.Id,
                    Inspector = by,
                    PlannedOn = on,
                    State = InspectionState.Planned,
                    CreatedBy = by,
                    CreatedAt = draw.DrawnAt.AddHours(1),
                };
                var found = new List<string>();
                var phoned = new List<PhoneCall>();
                if (on < today)
                {
                    var checks = rule.Checklist.Select(item =>
                    {
                        var ok = rng.NextDouble() < 0.88;
                        string? note = null;
                        if (!ok && Problems.TryGetValue(item, out var texts))
                            found.Add(note = texts[rng.Next(texts.Length)]);
                        return new CheckView(item, ok, note);
                    }).ToList();
                    if (kind == InspectionKind.PhoneCheck)
                    {
                        (checks, found) = ([], []);
                        phoned = await CallsAsync(db, rng, draw, day!.Id, row, on, by, found, ct);
                        samples++;
                    }
                    row.State = InspectionState.Recorded;
                    row.RecordedAt = At(on, 16, rng);
                    row.Checklist = JsonSerializer.Serialize(checks, json);
                    row.Outcome = found.Count == 0 ? "检查情况总体规范，未发现问题。"
                        : $"发现问题{found.Count}个，已下发问题清单，限期整改。";
                }
                planned.Add((row, found, phoned));
            }
            db.Inspections.AddRange(planned.Select(p => p.Row));
            await db.SaveChangesAsync(ct);
            inspections += planned.Count;

            var findings = new List<(Inspection Row, List<Finding> Findings)>();
            foreach (var (row, found, phoned) in planned.Where(p => p.Findings.Count > 0))
            {
                var made = found.Select((text, n) => new Finding
                {
                    DistrictId = districtId,
                    InspectionId = row.Id,
                    Text = text,
                    AttendanceId = n < phoned.Count(c => !c.Agrees) ? phoned.Where(c => !c.Agrees).ElementAt(n)
                        .AttendanceId : null,
                    CreatedBy = by,
                    CreatedAt = row.RecordedAt!.Value,
                }).ToList();
                db.Findings.AddRange(made);
                findings.Add((row, made));
            }
            await db.SaveChangesAsync(ct);
            foreach (var (row, _, phoned) in planned)
            {
                var made = findings.FirstOrDefault(f => f.Row == row).Findings;
                var contradicting = phoned.Where(c => !c.Agrees).ToList();
                for (var n = 0; n < contradicting.Count; n++) contradicting[n].FindingId = made![n].Id;
                foreach (var c in phoned) c.InspectionId = row.Id;
                db.PhoneCalls.AddRange(phoned);
                calls += phoned.Count;
            }

            foreach (var (row, made) in findings)
            {
                var list = List(rng, row, made, rule.RectifyDays, today, now, by, ref turn);
                db.ProblemLists.Add(list);
                lists++;
                items += list.Items.Count;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new SupervisionCounts(inspections, samples, calls, lists, items);
    }

    /// <summary>A phone check's members drawn from the day's attendance list, and their calls: most reached, most
    /// agreeing with the record, a few saying they were not there though marked present.</summary>
    static async Task<List<PhoneCall>> CallsAsync(YihaoDb db, Random rng, SampleDraw branches, int dayId,
        Inspection row, DateOnly on, string by, List<string> found, CancellationToken ct)
    {
        var rows = await db.Attendances.AsNoTracking().Where(a => a.ActivityDayId == dayId).OrderBy(a => a.MemberId)
            .Select(a => new { a.Id, a.MemberId, a.Status }).ToListAsync(ct);
        var candidates = rows.Select(a => (a.MemberId, 1L)).OrderBy(c => c.MemberId).ToList();
        var draw = new SampleDraw
        {
            DistrictId = branches.DistrictId,
            Purpose = SamplePurpose.Members,
            OrgId = row.OrgId,
            ActivityDayId = dayId,
            Month = branches.Month,
            Size = MemberSample,
            Subject = $"members:{dayId}",
            Seed = rng.NextInt64(long.MinValue, long.MaxValue),
            Algorithm = Sampling.Algorithm,
            Candidates = JsonSerializer.Serialize(candidates.Select(c => new[] { c.MemberId, c.Item2 })),
            DrawnBy = by,
            DrawnAt = At(on, 8, rng),
        };
        var picked = Sampling.Draw((ulong)draw.Seed, candidates, MemberSample);
        draw.Picked = JsonSerializer.Serialize(picked);
        db.SampleDraws.Add(draw);
        var byMember = rows.ToDictionary(a => a.MemberId);
        var names = await db.Members.AsNoTracking().Where(m => picked.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var calls = new List<PhoneCall>();
        foreach (var id in picked)
        {
            var a = byMember[id];
            var reached = rng.NextDouble() < 0.88;
            MemberSays? says = null;
            if (reached)
            {
                says = a.Status switch
                {
                    AttendanceStatus.Excused => MemberSays.AskedForLeave,
                    AttendanceStatus.Unexcused => MemberSays.DidNotAttend,
                    _ => MemberSays.Attended,
                };
                if (a.Status == AttendanceStatus.Present && rng.NextDouble() < 0.1)
                    says = rng.NextDouble() < 0.5 ? MemberSays.DidNotAttend : MemberSays.DidNotKnow;
            }
            var agrees = says is not { } s || PhoneCall.Fits(s, a.Status);
            if (!agrees)
                found.Add(L.T("Phone check: {0} says {1}; the record says {2}.", names[id],
                    SupervisionWords.Says(Words.Camel(says!.Value)),
                    SupervisionWords.Attendance(Words.Camel(a.Status))));
            calls.Add(new PhoneCall
            {
                DistrictId = branches.DistrictId,
                MemberId = id,
                AttendanceId = a.Id,
                Reached = reached,
                Says = says,
                Recorded = a.Status,
                Agrees = agrees,
                Note = reached ? null : "无人接听",
                By = by,
                At = At(on, 10, rng),
            });
        }
        return calls;
    }

    /// <summary>The problem list of an inspection's findings, its items in a state that fits their age: those past
    /// their deadline for long answered and accepted (some after a reopening), a few of the last months' left
    /// overdue, the recent ones open, answered or reopened.</summary>
    static ProblemList List(Random rng, Inspection row, List<Finding> findings, int rectifyDays, DateOnly today,
        DateTime now, string by, ref int turn)
    {
        var issued = row.RecordedAt!.Value.AddHours(2);
        var issuedOn = DateOnly.FromDateTime(DistrictTime.Local(issued));
        var list = new ProblemList
        {
            DistrictId = row.DistrictId,
            OrgId = row.OrgId,
            InspectionId = row.Id,
            IssuedBy = by,
            IssuedAt = issued,
            State = ProblemListState.Open,
        };
        var secretary = "支部书记";
        foreach (var f in findings)
        {
            var item = new ProblemItem
            {
                DistrictId = row.DistrictId,
                OrgId = row.OrgId,
                FindingId = f.Id,
                Description = f.Text,
                Severity = rng.NextDouble() switch
                {
                    < 0.3 => ProblemSeverity.Minor,
                    < 0.85 => ProblemSeverity.Major,
                    _ => ProblemSeverity.Serious
                },
                DueOn = issuedOn.AddDays(rectifyDays),
                State = ProblemItemState.Open,
            };
            var at = issued;
            void Event(ProblemAction action, string text, string who, int days)
            {
                var next = at.AddDays(days).AddMinutes(rng.Next(30, 600));
                at = next < now ? next : at + (now - at) / 2; // never after the demo's now, never before the last

                item.Events.Add(new ProblemEvent
                {
                    DistrictId = row.DistrictId,
                    Action = action,
                    Text = text,
                    By = who,
                    At = at,
                });
            }
            Event(ProblemAction.Issued, f.Text, by, 0);
            var age = today.DayNumber - issuedOn.DayNumber;
            string Answer() => Answers[rng.Next(Answers.Length)];
            var late = item.DueOn < today && age <= 90 && turn++ % 5 == 0;
            if (item.DueOn < today && !late)
            {
                // Answered in time, sometimes reopened once, accepted.
                Event(ProblemAction.Answered, Answer(), secretary, rng.Next(3, 11));
                if (rng.NextDouble() < 0.25)
                {
                    Event(ProblemAction.Reopened, Reopenings[rng.Next(Reopenings.Length)], by, rng.Next(1, 3));
                    Event(ProblemAction.Answered, Answer(), secretary, rng.Next(1, 4));
                }
                Event(ProblemAction.Accepted, "整改到位，予以销号", by, rng.Next(1, 3));
                (item.State, item.AcceptedAt) = (ProblemItemState.Accepted, at);
            }
            else if (item.DueOn < today)
            {
                // Past the deadline: never answered, answered late and waiting, or reopened and not answered again.
                var state = (turn++ % 3) switch
                {
                    0 => ProblemItemState.Open,
                    1 => ProblemItemState.Answered,
                    _ => ProblemItemState.Reopened,
                };
                if (state != ProblemItemState.Open)
                    Event(ProblemAction.Answered, Answer(), secretary, rng.Next(3, 8));
                if (state == ProblemItemState.Reopened)
                    Event(ProblemAction.Reopened, Reopenings[rng.Next(Reopenings.Length)], by, rng.Next(1, 3));
                item.State = state;
            }
            else if (age >= 3)
            {
                item.State = (turn++ % 6) switch
                {
                    0 or 3 => ProblemItemState.Open,
                    1 or 4 => ProblemItemState.Answered,
                    2 => ProblemItemState.Reopened,
                    _ => ProblemItemState.Accepted,
                };
                if (item.State != ProblemItemState.Open)
                    Event(ProblemAction.Answered, Answer(), secretary, rng.Next(1, Math.Max(2, age / 2)));
                if (item.State == ProblemItemState.Reopened)
                    Event(ProblemAction.Reopened, Reopenings[rng.Next(Reopenings.Length)], by, 1);
                if (item.State == ProblemItemState.Accepted)
                {
                    Event(ProblemAction.Accepted, "整改到位，予以销号", by, 1);
                    item.AcceptedAt = at;
                }
            }
            list.Items.Add(item);
        }
        if (list.Items.All(i => i.State == ProblemItemState.Accepted))
            (list.State, list.ClosedAt) = (ProblemListState.Closed, list.Items.Max(i => i.AcceptedAt));
        return list;
    }

    /// <summary>Days that look made up: most members marked by hand, many members from one device, the same minutes
    /// in two branches.</summary>
    static async Task AnomaliesAsync(YihaoDb db, Random rng, List<(int Id, int OrgId)> closed, CancellationToken ct)
    {
        var chosen = closed.OrderBy(_ => rng.Next()).Take(24).Select(d => d.Id).ToList();
        var hand = chosen[..10];
        await db.Attendances.Where(a => hand.Contains(a.ActivityDayId) && a.Status == AttendanceStatus.Present)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Method, CheckInMethod.Manual)
                .SetProperty(a => a.Reason, "书记代签").SetProperty(a => a.RecordedBy, "demo"), ct);
        foreach (var day in chosen[10..18])
        {
            var ids = await db.Attendances.AsNoTracking().Where(a => a.ActivityDayId == day
                    && a.Status == AttendanceStatus.Present && a.Method == CheckInMethod.QrScan)
                .OrderBy(a => a.Id).Select(a => a.Id).Take(rng.Next(4, 10)).ToListAsync(ct);
            var key = Convert.ToBase64String(RandomBytes(rng)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            await db.Attendances.Where(a => ids.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Device, key), ct);
        }
        var copied = chosen[18..];
        await db.SixMusts.Where(m => copied.Contains(m.ActivityDayId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Minutes, CopiedMinutes), ct);
    }

    /// <summary>
    /// Last month, the mobile members of a few branches of one town handed in one long study note between them (one
    /// passed it round, the others copied it): longer than the policy's copiedTextAtLeast, so that 异常 shows each of
    /// those days with the others holding the same text. Chosen from the rows, not the random numbers, so that the rest
    /// of the demo stays as it was.
    /// </summary>
    static async Task CopiedNotesAsync(YihaoDb db, List<int> lastMonth, CancellationToken ct)
    {
        var withNotes = await db.StudyNotes.AsNoTracking().Where(n => lastMonth.Contains(n.ActivityDayId))
            .Select(n => n.ActivityDayId).Distinct().ToListAsync(ct);
        var days = await db.ActivityDays.AsNoTracking().Where(d => withNotes.Contains(d.Id))
            .Join(db.Orgs, d => d.OrgId, o => o.Id, (d, o) => new { d.Id, o.ParentId, o.Path })
            .ToListAsync(ct);
        // The first town (by the tree's order) with that many branches whose mobile members studied online.
        var copied = days.GroupBy(d => d.ParentId)
            .OrderByDescending(g => Math.Min(g.Count(), CopiedNoteBranches))
            .ThenBy(g => g.Select(d => d.Path).Min(StringComparer.Ordinal), StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.Path, StringComparer.Ordinal).Take(CopiedNoteBranches).Select(d => d.Id))
            .FirstOrDefault()?.ToList() ?? [];
        await db.StudyNotes.Where(n => copied.Contains(n.ActivityDayId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, CopiedNote), ct);
    }

    const int CopiedNoteBranches = 4;

    const string CopiedNote =
        "通过学习本月材料，深刻认识到党员要在为民服务中走在前、作表率，" +
        "今后要主动联系困难群众，积极参加志愿服务，" +
        "带头化解矛盾纠纷，在外务工也不忘党员身份。";

    static byte[] RandomBytes(Random rng)
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A time on a day in China Standard Time, at an hour and some minutes, in UTC.</summary>
    static DateTime At(DateOnly day, int hour, Random rng) =>
        DistrictTime.Utc(day.ToDateTime(new TimeOnly(hour, rng.Next(0, 60))));
}
