using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>Deliberation topics (民主议事) and volunteer call-outs (志愿者召集) through the API: a topic raised, followed
/// up and done, a drop needing its reason, an open topic offered in the next plan; a call-out's sign-ups and hours
/// reaching the service ledger; scope and bad input.</summary>
public abstract class CivicTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static object Plan(string month) => new
    {
        month,
        place = "村委会会议室",
        agenda = new[]
        {
            new { category = "theoryStudy", title = "学习党章" },
            new { category = "deliberation", title = "评议低保户名单" },
            new { category = "deliberation", title = "讨论村集体产业发展" },
        },
    };

    async Task<int> ApprovedDayAsync(HttpClient secretary, HttpClient town, int branch, string month)
    {
        var created = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days", Plan(month));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await town.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true })).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_topic_is_raised_followed_up_and_done_and_an_open_one_is_offered_in_the_next_plan()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var owner = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var ownerClient = await Tree.AccountAsync(App, admin, "member", branch, owner);
        var (otherTown, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var stranger = await Tree.AccountAsync(App, admin, "townAdmin", otherTown);
        var day = await ApprovedDayAsync(secretary, townAdmin, branch, "2026-12");
        var items = await App.WithDbAsync(db => db.AgendaItems.Where(a => a.ActivityDayId == day)
            .OrderBy(a => a.Position).Select(a => a.Id).ToListAsync());

        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        object Raise(int item, string due) => new
        {
            agendaItemId = item,
            raised = "三组有两户困难群众未纳入低保",
            conclusion = "情况属实",
            decision = "由网格员入户核实后报镇民政办",
            ownerMemberId = owner,
            dueOn = due,
        };
        // Bad input: a past due date, an over-long text, a theory-study item — 400 in Chinese, nothing written.
        var past = await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", Raise(items[1], "2026-11-30"));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("完成期限不能早于今天", await past.Content.ReadAsStringAsync());
        var tooLong = await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", new
        {
            agendaItemId = items[1],
            raised = new string('议', 1001),
            decision = "核实",
            ownerMemberId = owner,
            dueOn = "2026-12-20",
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("内容过长", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", Raise(items[0], "2026-12-20")))
            .StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.DeliberationTopics.CountAsync(t => t.OrgId == branch)));

        // Raised twice is one topic; another town answers 404.
        var made = await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", Raise(items[1], "2026-12-20"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", Raise(items[1], "2026-12-20")))
            .StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.DeliberationTopics.CountAsync(t => t.OrgId == branch)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/deliberation/topics/{id}"))
            .StatusCode);
        var second = await (await secretary.PostAsJsonAsync("/api/v1/deliberation/topics",
            Raise(items[2], "2026-12-10"))).ReadAsync();

        // Follow-ups by the owner (one per Idempotency-Key) and the secretary; then done.
        var follow = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deliberation/topics/{id}/follow-ups")
        {
            Content = JsonContent.Create(new { what = "已入户核实两户情况", doneOn = "2026-12-01" }),
        };
        follow.Headers.Add("Idempotency-Key", "f-1");
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.SendAsync(follow)).StatusCode);
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deliberation/topics/{id}/follow-ups")
        {
            Content = JsonContent.Create(new { what = "已入户核实两户情况", doneOn = "2026-12-01" }),
        };
        again.Headers.Add("Idempotency-Key", "f-1");
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PostAsJsonAsync(
            $"/api/v1/deliberation/topics/{id}/follow-ups", new { what = "", doneOn = "2026-12-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerClient.PostAsJsonAsync(
            $"/api/v1/deliberation/topics/{id}/done", new { what = "已纳入" })).StatusCode);
        var done = await (await secretary.PostAsJsonAsync($"/api/v1/deliberation/topics/{id}/done",
            new { what = "两户已纳入低保" })).ReadAsync();
        Assert.Equal("done", done.GetProperty("state").GetString());
        var history = done.GetProperty("followUps");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal("已入户核实两户情况", history[0].GetProperty("what").GetString());
        Assert.Equal("done", history[1].GetProperty("state").GetString());

        // Dropping needs a reason: without one 400, nothing changed.
        var secondId = second.GetProperty("id").GetInt32();
        var noReason = await secretary.PostAsJsonAsync($"/api/v1/deliberation/topics/{secondId}/drop",
            new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("请说明放弃的原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal("open", (await (await secretary.GetAsync($"/api/v1/deliberation/topics/{secondId}"))
            .ReadAsync()).GetProperty("state").GetString());

        // The town sees its branch's open topic as overdue once the due date passes.
        App.Clock.Set(new DateTimeOffset(2026, 12, 15, 4, 0, 0, TimeSpan.Zero));
        var overdue = await (await townAdmin.GetAsync("/api/v1/deliberation/topics?state=overdue")).ReadAsync();
        Assert.Equal([secondId], overdue.EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        Assert.Empty((await (await stranger.GetAsync("/api/v1/deliberation/topics?state=open")).ReadAsync())
            .EnumerateArray());

        // The next month's draft is offered the open topic; one tap (twice) puts it on the agenda once.
        var next = (await (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            Plan("2027-01"))).ReadAsync()).GetProperty("id").GetInt32();
        var pending = await (await secretary.GetAsync($"/api/v1/deliberation/days/{next}/pending")).ReadAsync();
        Assert.Equal([secondId], pending.EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsJsonAsync(
                $"/api/v1/deliberation/topics/{secondId}/agenda", new { activityDayId = next })).StatusCode);
        var plan = await (await secretary.GetAsync($"/api/v1/activity-days/{next}")).ReadAsync();
        Assert.Equal(1, plan.GetProperty("agenda").EnumerateArray()
            .Count(a => a.GetProperty("title").GetString() == "跟进：讨论村集体产业发展"));
        Assert.Empty((await (await secretary.GetAsync($"/api/v1/deliberation/days/{next}/pending")).ReadAsync())
            .EnumerateArray());

        // Then dropped with a reason; the reason stays in the history.
        var dropped = await (await secretary.PostAsJsonAsync($"/api/v1/deliberation/topics/{secondId}/drop",
            new { reason = "并入镇级产业规划统一研究" })).ReadAsync();
        Assert.Equal("dropped", dropped.GetProperty("state").GetString());
        Assert.Equal("并入镇级产业规划统一研究", dropped.GetProperty("dropReason").GetString());
        Assert.Equal(3, await App.WithDbAsync(db => db.TopicFollowUps.CountAsync(f =>
            f.TopicId == id || f.TopicId == secondId)));
        _ = otherBranch;
    }

    [Fact]
    public async Task A_topic_is_edited_by_its_owner_or_secretary_keeping_what_is_left_out_and_refusing_a_past_date()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var owner = await Tree.MemberAsync(admin, branch);
        var next = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var ownerClient = await Tree.AccountAsync(App, admin, "member", branch, owner);
        var (_, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var outsider = await Tree.MemberAsync(admin, otherBranch);
        var day = await ApprovedDayAsync(secretary, townAdmin, branch, "2026-12");
        var item = await App.WithDbAsync(db => db.AgendaItems.Where(a => a.ActivityDayId == day)
            .OrderBy(a => a.Position).Select(a => a.Id).Skip(1).FirstAsync());
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        var id = (await (await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", new
        {
            agendaItemId = item,
            raised = "三组有两户困难群众未纳入低保",
            conclusion = "情况属实",
            decision = "由网格员入户核实",
            ownerMemberId = owner,
            dueOn = "2026-12-20",
        })).ReadAsync()).GetProperty("id").GetInt32();
        var url = $"/api/v1/deliberation/topics/{id}";

        // The owner corrects the decision only: what is left out stays as it was.
        var edited = await ownerClient.PutAsJsonAsync(url, new { decision = "由网格员入户核实后报镇民政办" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var t = await edited.ReadAsync();
        Assert.Equal("由网格员入户核实后报镇民政办", t.GetProperty("decision").GetString());
        Assert.Equal(("三组有两户困难群众未纳入低保", "情况属实", owner, "2026-12-20"),
            (t.GetProperty("raised").GetString(), t.GetProperty("conclusion").GetString(),
                t.GetProperty("ownerMemberId").GetInt32(), t.GetProperty("dueOn").GetString()));

        // Bad input: a past due date, an owner from another branch, an emptied decision, an over-long text —
        // 400 in Chinese naming the field, nothing changed.
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var past = await secretary.PutAsJsonAsync(url, new { raised = "改了", dueOn = "2026-11-30" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var problem = await past.ReadAsync();
        Assert.Contains("完成期限不能早于今天", problem.GetProperty("errors").GetProperty("dueOn")[0].GetString());
        var stranger = await secretary.PutAsJsonAsync(url, new { ownerMemberId = outsider });
        Assert.Contains("责任人须是本支部党员", await stranger.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PutAsJsonAsync(url, new { decision = " " }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PutAsJsonAsync(url, new { conclusion = new string('议', 1001) })).StatusCode);
        Assert.Equal(audit, await App.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal("三组有两户困难群众未纳入低保", (await (await secretary.GetAsync(url)).ReadAsync())
            .GetProperty("raised").GetString());

        // The secretary hands it to another member with a later date and clears the conclusion; the log keeps the
        // before and after. Once the date has passed, keeping it is allowed.
        var handed = await (await secretary.PutAsJsonAsync(url,
            new { ownerMemberId = next, dueOn = "2026-12-28", conclusion = "" })).ReadAsync();
        Assert.Equal((next, "2026-12-28"), (handed.GetProperty("ownerMemberId").GetInt32(),
            handed.GetProperty("dueOn").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, handed.GetProperty("conclusion").ValueKind);
        var logged = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "DeliberationTopic"
            && a.EntityId == id.ToString() && a.Action == "update").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, logged.Count);
        Assert.Contains("由网格员入户核实", logged[0].Before);
        Assert.Contains("2026-12-28", logged[1].After);
        App.Clock.Set(new DateTimeOffset(2027, 1, 5, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PutAsJsonAsync(url, new { dueOn = "2026-12-28", raised = "三组有三户困难群众" })).StatusCode);

        // The former owner may no longer edit it (404: they no longer see it); a stranger's town neither.
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.PutAsJsonAsync(url, new { raised = "x" }))
            .StatusCode);
        // A closed topic is not edited.
        await secretary.PostAsJsonAsync($"{url}/done", new { what = "已纳入低保" });
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PutAsJsonAsync(url, new { raised = "再改" }))
            .StatusCode);
    }

    static Task<HttpResponseMessage> Call(HttpClient c, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/call-outs")
        {
            Content = JsonContent.Create(body),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return c.SendAsync(request);
    }

    [Fact]
    public async Task A_call_outs_sign_ups_and_hours_reach_the_service_ledger()
    {
        App.Clock.Set(new DateTimeOffset(2026, 7, 14, 1, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, first) = await Tree.TownWithBranchAsync(admin);
        var second = await Tree.OrgAsync(admin, town, "branch");
        var a = await Tree.MemberAsync(admin, first);
        var b = await Tree.MemberAsync(admin, second);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var memberA = await Tree.AccountAsync(App, admin, "member", first, a);
        var memberB = await Tree.AccountAsync(App, admin, "member", second, b);
        var (_, outsideBranch) = await Tree.TownWithBranchAsync(admin);
        var outsider = await Tree.AccountAsync(App, admin, "member", outsideBranch,
            await Tree.MemberAsync(admin, outsideBranch));

        // Bad input: no one needed, a past time, an over-long text — 400 in Chinese, nothing written.
        foreach (var (bad, word) in new (object, string)[]
                 {
                     (new { what = "冰雹灾后清理", place = "三组", startsAt = "2026-07-14 14:00", needed = 0 }, "needed"),
                     (new { what = "冰雹灾后清理", place = "三组", startsAt = "2026-07-13 14:00", needed = 50 },
                         "时间不能早于现在"),
                     (new { what = new string('雹', 501), place = "三组", startsAt = "2026-07-14 14:00", needed = 50 },
                         "内容过长"),
                 })
        {
            var r = await Call(townAdmin, bad);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains(word, await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, await App.WithDbAsync(db => db.CallOuts.CountAsync(c => c.OrgId == town)));
        Assert.Equal(HttpStatusCode.Forbidden, (await Call(memberA,
            new { what = "清理", place = "三组", startsAt = "2026-07-14 14:00", needed = 5 })).StatusCode);

        // The call (twice with one key is one) tells every member of the town, with an SMS queued.
        var body = new { what = "冰雹灾后帮助群众清理大棚", place = "镇政府门前", startsAt = "2026-07-14 14:00", needed = 200 };
        var made = await Call(townAdmin, body, "c-1");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await Call(townAdmin, body, "c-1")).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.CallOuts.CountAsync(c => c.OrgId == town)));
        Assert.Equal(2, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Key.StartsWith($"callout:{id}:"))));
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.MemberId == a
            && n.Title == "志愿者召集")));

        // Members sign up (a doubled sign-up is one); a member of another town answers 404.
        var open = await (await memberA.GetAsync("/api/v1/call-outs?open=true")).ReadAsync();
        Assert.Contains(id, open.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/call-outs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/call-outs/{id}/sign-up", null))
            .StatusCode);
        Assert.Empty((await (await outsider.GetAsync("/api/v1/call-outs")).ReadAsync()).EnumerateArray());
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await memberA.PostAsync($"/api/v1/call-outs/{id}/sign-up", null))
                .StatusCode);
        Assert.True((await (await memberB.PostAsync($"/api/v1/call-outs/{id}/sign-up", null)).ReadAsync())
            .GetProperty("signedUpByMe").GetBoolean());
        Assert.Equal(2, await App.WithDbAsync(db => db.CallOutSignUps.CountAsync(s => s.CallOutId == id)));

        // Before it begins attendance waits; bad hours are a 400 that changes nothing.
        object Lines(decimal hoursA) => new
        {
            lines = new[] { new { memberId = a, came = true, hours = (decimal?)hoursA },
                new { memberId = b, came = true, hours = (decimal?)3m } },
        };
        Assert.Equal(HttpStatusCode.BadRequest,
            (await townAdmin.PutAsJsonAsync($"/api/v1/call-outs/{id}/attendance", Lines(4m))).StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 7, 14, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await townAdmin.PutAsJsonAsync($"/api/v1/call-outs/{id}/attendance", Lines(25m))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberA.PutAsJsonAsync($"/api/v1/call-outs/{id}/attendance", Lines(4m))).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.ServiceEntries.CountAsync(e => e.OrgId == first
            || e.OrgId == second)));

        // Recorded (twice: the same entries); each attendance is a confirmed volunteering entry of its branch.
        for (var i = 0; i < 2; i++)
        {
            var recorded = await townAdmin.PutAsJsonAsync($"/api/v1/call-outs/{id}/attendance", Lines(4.5m));
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
            var view = await recorded.ReadAsync();
            Assert.Equal(2, view.GetProperty("came").GetInt32());
            Assert.Equal(7.5m, view.GetProperty("hours").GetDecimal());
        }
        var entries = await App.WithDbAsync(db => db.ServiceEntries.Include(e => e.Members)
            .Where(e => e.OrgId == first || e.OrgId == second).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(Web.Domain.ServiceState.Confirmed, e.State));
        Assert.All(entries, e => Assert.Equal(Web.Domain.ServiceKind.Volunteering, e.Kind));
        Assert.Equal(4.5m, entries.Single(e => e.Members.Single().MemberId == a).Hours);
        var tied = await App.WithDbAsync(db => db.CallOutSignUps.Where(s => s.CallOutId == id)
            .Select(s => s.ServiceEntryId).ToListAsync());
        Assert.Equal(entries.Select(e => (int?)e.Id).Order(), tied.Order());

        // The service counts: the town's volunteers and hours are its branches'.
        var counts = await (await admin.GetAsync($"/api/v1/orgs/{town}/service/counts?period=2026-07")).ReadAsync();
        Assert.Equal(2, counts.GetProperty("volunteers").GetInt32());
        Assert.Equal(7.5m, counts.GetProperty("volunteerHours").GetDecimal());
        var mine = await (await memberA.GetAsync("/api/v1/service/entries")).ReadAsync();
        Assert.Equal(4.5m, mine.EnumerateArray().Single().GetProperty("hours").GetDecimal());
    }
}

public sealed class CivicTestsOnSqlite(SqliteApp app) : CivicTests<SqliteApp>(app);
public sealed class CivicTestsOnPostgres(PostgresApp app) : CivicTests<PostgresApp>(app);
