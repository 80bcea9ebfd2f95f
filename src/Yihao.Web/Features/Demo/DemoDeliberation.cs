using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

/// <summary>What the demo's deliberation came to: topics by state, those open with follow-ups, follow-ups in
/// all.</summary>
public sealed record TopicTotals(int Open, int FollowedUp, int Done, int Dropped, int FollowUps);

/// <summary>
/// The demo's deliberation topics (民主议事): about a third of the held days' deliberation items became topics, with
/// what was raised (the source's "低保户、五保户还遗漏了谁？" among them), a decision, an owner and a due date. The
/// months before are mostly done or dropped with a reason; the recent ones are open, some followed up, some past due,
/// and every branch with an open topic finds it offered when it drafts next month's plan. Its own seeded random
/// numbers.
/// </summary>
public static class DemoDeliberation
{
    public const string Missed = "低保户、五保户还遗漏了谁？";

    /// <summary>
    /// What was raised, the conclusion and the decision, by the agenda item's title (DemoHistory's).
    /// </summary>
    static readonly Dictionary<string, (string Raised, string Conclusion, string Decision, string Step)> Texts = new()
    {
        ["评议低保户名单"] = (Missed + "群众反映组里两户因病致贫的老人还没有纳入低保，一户五保老人的房子漏雨。",
            "逐户核实，符合条件的按程序申报。", "由包片党员入户核实，一个月内报镇民政办。", "入户核实了家庭收入和病情，材料已收齐"),
        ["讨论村集体产业发展"] = ("村里的苹果卖不上价，能不能建个冷库、搞电商？",
            "先算清投入和收益，再开群众会商量。", "由村集体经济合作社牵头做冷库方案，下次党日通报。", "联系了镇农技站，实地看了两处选址"),
        ["议定村道硬化方案"] = ("三组到村口的路一下雨就走不成，群众盼着硬化。",
            "按“一事一议”办，先测量再算账。", "测量路面、做预算，向镇上申请项目资金。", "请镇上测量了路面，预算报到了镇财政所"),
        ["征集群众意见建议"] = ("党员走访收集到十二条意见，最多的是路灯不亮和垃圾清运不及时。",
            "能马上办的马上办，办不了的说清楚。", "路灯由村委会报修，垃圾清运与保洁公司重新约定时间。", "报修了六盏路灯，已修好四盏"),
        ["讨论冬季防火工作"] = ("冬季烧秸秆、用电取暖多，独居老人家里隐患大。",
            "党员分片包户，逐户排查。", "每名党员包五户，月底前排查完毕并登记。", "排查了包片的户，发现两处私拉电线已督促整改"),
    };

    static readonly string[] DropReasons =
        ["经核实已纳入镇里统一项目，支部不再单独跟进", "群众会议表决未通过，暂缓实施", "上级政策调整，事项不再需要办理"];

    public static async Task<TopicTotals> SeedAsync(YihaoDb db, int districtId, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var rng = new Random(20260915);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var items = await db.AgendaItems.AsNoTracking()
            .Where(a => a.DistrictId == districtId && a.Category == AgendaCategory.Deliberation)
            .Join(db.ActivityDays.Where(d => d.State == ActivityState.Closed || d.State == ActivityState.Approved),
                a => a.ActivityDayId, d => d.Id, (a, d) => new
                {
                    a.Id,
                    a.Title,
                    Day = d.Id,
                    d.OrgId,
                    d.Month,
                    d.StartsAt,
                    d.ClosedAt
                })
            .ToListAsync(ct);
        items = [.. items.Where(i => i.StartsAt < now && Texts.ContainsKey(i.Title)).OrderBy(i => i.Id)];
        var members = (await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId)
            .Select(m => new { m.Id, m.OrgId, m.JoinedOn }).ToListAsync(ct)).ToLookup(m => m.OrgId);
        var secretaries = (await db.Users.AsNoTracking()
                .Where(u => u.DistrictId == districtId && u.Role == Roles.BranchSecretary)
                .Select(u => new { u.OrgId, u.Id, u.UserName }).ToListAsync(ct))
            .GroupBy(u => u.OrgId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.Id).First());

        var topics = new List<(DeliberationTopic Topic, List<TopicFollowUp> Steps)>();
        foreach (var item in items)
        {
            if (rng.NextDouble() >= 0.35 || !secretaries.TryGetValue(item.OrgId, out var by)) continue;
            var held = DateOnly.FromDateTime(DistrictTime.Local(item.StartsAt));
            var owners = members[item.OrgId].Where(m => m.JoinedOn <= held).ToList();
            if (owners.Count == 0) continue;
            var age = (thisMonth.Year - item.Month.Year) * 12 + thisMonth.Month - item.Month.Month;
            var roll = rng.NextDouble();
            var state = age >= 3
                ? roll < 0.72 ? TopicState.Done : roll < 0.84 ? TopicState.Dropped : TopicState.Open
                : age >= 1 ? roll < 0.3 ? TopicState.Done : roll < 0.38 ? TopicState.Dropped : TopicState.Open
                : TopicState.Open;
            var text = Texts[item.Title];
            // Open ones are due soon, some already past; older open ones are the overdue.
            var due = state == TopicState.Open
                ? (age >= 3 || roll > 0.9 ? today.AddDays(-rng.Next(3, 60)) : today.AddDays(rng.Next(5, 45)))
                : held.AddDays(rng.Next(20, 75));
            if (due <= held) due = held.AddDays(7);
            var raisedAt = item.ClosedAt ?? item.StartsAt.AddHours(2);
            var topic = new DeliberationTopic
            {
                DistrictId = districtId,
                OrgId = item.OrgId,
                ActivityDayId = item.Day,
                AgendaItemId = item.Id,
                Title = item.Title,
                Raised = text.Raised,
                Conclusion = rng.NextDouble() < 0.8 ? text.Conclusion : null,
                Decision = text.Decision,
                OwnerMemberId = owners[rng.Next(owners.Count)].Id,
                DueOn = due,
                State = state,
                RaisedBy = by.UserName!,
                RaisedAt = raisedAt,
            };
            // Follow-ups between the day and today (or the close); a closing step last.
            var trail = new List<TopicFollowUp>();
            var span = Math.Max(1, Math.Min(today.DayNumber, due.DayNumber + 10) - held.DayNumber);
            var count = state == TopicState.Open ? (rng.NextDouble() < 0.55 ? rng.Next(1, 4) : 0) : rng.Next(0, 3);
            var days = Enumerable.Range(0, count).Select(_ => held.AddDays(1 + rng.Next(span)))
                .Select(d => d > today ? today : d).Order().ToList();
            foreach (var d in days) trail.Add(Step(topic, d, text.Step, (by.Id, by.UserName!), TopicState.Open, now));
            if (state != TopicState.Open)
            {
                var closed = (days.Count > 0 ? days[^1] : held).AddDays(rng.Next(3, 20)) is var c && c > today
                    ? today : c;
                var reason = DropReasons[rng.Next(DropReasons.Length)];
                trail.Add(Step(topic, closed, state == TopicState.Done ? "已办结：" + text.Decision : reason,
                    (by.Id, by.UserName!), state, now));
                (topic.DropReason, topic.ClosedAt, topic.ClosedBy) =
                    (state == TopicState.Dropped ? reason : null, trail[^1].RecordedAt, by.UserName);
            }
            topics.Add((topic, trail));
        }

        await BulkCopy.InsertAsync(db, "deliberation_topics",
            ["district_id", "org_id", "activity_day_id", "agenda_item_id", "title", "raised", "conclusion", "decision",
                "owner_member_id", "due_on", "state", "drop_reason", "closed_at", "closed_by", "raised_by",
                "raised_at"],
            topics.Select(x => x.Topic).Select(t => new object?[] { t.DistrictId, t.OrgId, t.ActivityDayId,
                t.AgendaItemId, t.Title, t.Raised, t.Conclusion, t.Decision, t.OwnerMemberId, t.DueOn,
                t.State.ToString(), t.DropReason, t.ClosedAt, t.ClosedBy, t.RaisedBy, t.RaisedAt }), ct);
        var ids = await db.DeliberationTopics.AsNoTracking().Where(t => t.DistrictId == districtId)
            .ToDictionaryAsync(t => t.AgendaItemId, t => t.Id, ct);
        var steps = topics.SelectMany(x => x.Steps.Select(s => (Topic: ids[x.Topic.AgendaItemId], Step: s))).ToList();
        await BulkCopy.InsertAsync(db, "topic_follow_ups",
            ["district_id", "topic_id", "done_on", "what", "\"by\"", "by_user_id", "recorded_at", "state"],
            steps.Select(x => new object?[] { districtId, x.Topic, x.Step.DoneOn, x.Step.What, x.Step.By,
                x.Step.ByUserId, x.Step.RecordedAt, x.Step.State.ToString() }), ct);

        var open = topics.Where(x => x.Topic.State == TopicState.Open).ToList();
        return new TopicTotals(open.Count, open.Count(x => x.Steps.Count > 0),
            topics.Count(x => x.Topic.State == TopicState.Done),
            topics.Count(x => x.Topic.State == TopicState.Dropped),
            steps.Count);
    }

    static TopicFollowUp Step(DeliberationTopic t, DateOnly on, string what, (int Id, string Name) by,
        TopicState state, DateTime now) => new()
        {
            DistrictId = t.DistrictId,
            DoneOn = on,
            What = what,
            By = by.Name,
            ByUserId = by.Id,
            RecordedAt = DistrictTime.Utc(on.ToDateTime(new TimeOnly(17, 30))) is var at && at > now ? now : at,
            State = state,
        };
}
