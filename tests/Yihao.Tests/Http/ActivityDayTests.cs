using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Http;

/// <summary>The activity day end to end through the API: plan, review, notice, leave, check-in, closing, make-up,
/// attendance figures.</summary>
public abstract class ActivityDayTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov25 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    /// <summary>2026-12-01 at a China Standard Time wall-clock hour and minute.</summary>
    static DateTimeOffset Dec1(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    sealed record Branch(int Town, int Id, HttpClient Admin, HttpClient TownAdmin, HttpClient Secretary, int[] Members,
        HttpClient[] MemberClients);

    async Task<Branch> BranchAsync(int members = 4)
    {
        App.Clock.Set(Nov25);
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var ids = new int[members];
        for (var i = 0; i < members; i++) ids[i] = await Tree.MemberAsync(admin, branch);
        var clients = new HttpClient[members];
        for (var i = 0; i < members; i++) clients[i] = await Tree.AccountAsync(App, admin, "member", branch, ids[i]);
        return new Branch(town, branch, admin, await Tree.AccountAsync(App, admin, "townAdmin", town),
            await Tree.AccountAsync(App, admin, "branchSecretary", branch), ids, clients);
    }

    static object Plan(string month = "2026-12") => new
    {
        month,
        place = "村委会会议室",
        liaisonLeader = "张书记",
        agenda =
            new[] { new { category = "theoryStudy", title = "学习党章" },
            new { category = "deliberation", title = "低保户评议" } },
        studyMaterial = "本月学习材料：党章第一章。",
    };

    static async Task<int> ApprovedDayAsync(Branch b, string month = "2026-12")
    {
        var created = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan(month));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true }))
            .StatusCode);
        return id;
    }

    /// <summary>A branch's approved day on the morning of the 1st, ten minutes before the meeting, and the code its
    /// screen shows.</summary>
    async Task<(Branch, int Day, string Code)> CheckInOpenAsync(int members = 4)
    {
        var b = await BranchAsync(members);
        var id = await ApprovedDayAsync(b);
        App.Clock.Set(Dec1(8, 50));
        return (b, id, await CodeAsync(b, id));
    }

    /// <summary>The rotating code the meeting screen shows now.</summary>
    static async Task<string> CodeAsync(Branch b, int day) =>
        (await (await b.Secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync()).GetProperty("token")
            .GetString()!;

    [Fact]
    public async Task A_revoked_token_is_refused_by_the_check_in_lane_on_its_next_scan()
    {
        var (b, id, code) = await CheckInOpenAsync(2);
        var url = $"/api/v1/activity-days/{id}/check-in";
        Assert.Equal(HttpStatusCode.OK, (await b.MemberClients[1].PostAsJsonAsync(url, new { code })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await b.MemberClients[0].PostAsync("/api/v1/auth/sign-out-everywhere", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized,
            (await b.MemberClients[0].PostAsJsonAsync(url, new { code })).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db =>
            db.Attendances.CountAsync(a => a.ActivityDayId == id && a.MemberId == b.Members[0])));
    }

    [Fact]
    public async Task A_plan_is_drafted_returned_revised_and_approved_and_the_notice_reaches_members()
    {
        var b = await BranchAsync(2);
        var created = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan());
        var day = await created.ReadAsync();
        var id = day.GetProperty("id").GetInt32();
        Assert.Equal("draft", day.GetProperty("state").GetString());
        Assert.Equal(Dec1(9), day.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(Dec1(11), day.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan())).StatusCode);

        var submitted = await (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null)).ReadAsync();
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.False(submitted.GetProperty("late").GetBoolean());
        var queue = await (await b.TownAdmin.GetAsync("/api/v1/activity-days/review-queue")).ReadAsync();
        Assert.Contains(queue.EnumerateArray(), d => d.GetProperty("id").GetInt32() == id);

        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = false }))
            .StatusCode);
        var returned =
            await (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review",
            new { approve = false, comment = "请增加服务群众内容" })).ReadAsync();
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true }))
            .StatusCode);

        App.Clock.Set(Nov25.AddDays(2));
        var revised = await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}", new
        {
            place = "村委会会议室",
            startsAt = "2026-12-01 08:30",
            endsAt = "2026-12-01 11:30",
            agenda =
                new[] { new { category = "theoryStudy", title = "学习党章" },
                new { category = "servingPeople", title = "走访困难户" } },
        });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var late = await (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null)).ReadAsync();
        Assert.True(late.GetProperty("late").GetBoolean());
        var approved =
            await (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true }))
            .ReadAsync();
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK,
            (await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true }))
            .StatusCode);

        var me = await (await b.MemberClients[0].GetAsync("/api/v1/me")).ReadAsync();
        Assert.Equal(id, me.GetProperty("next").GetProperty("day").GetProperty("id").GetInt32());
        var notices = me.GetProperty("notifications").EnumerateArray().ToList();
        var notice = Assert.Single(notices);
        Assert.Contains("村委会会议室", notice.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("readAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent,
            (await b.MemberClients[0].PostAsync($"/api/v1/me/notifications/{notice.GetProperty("id").GetInt32()}/read",
            null)).StatusCode);
        Assert.NotEqual(JsonValueKind.Null,
            (await (await b.MemberClients[0].GetAsync("/api/v1/me")).ReadAsync())
            .GetProperty("notifications")[0].GetProperty("readAt").ValueKind);
        var outbox =
            App.WithDb(db => db.Outbox.Where(o => o.Key.EndsWith($":{b.Members[0]}") && o.Key.Contains($":{id}:"))
            .Select(o => o.Key).ToList());
        Assert.Equal(2, outbox.Count);
    }

    [Fact]
    public async Task The_gateway_drains_due_messages_and_reminders_wait_for_their_time()
    {
        var b = await BranchAsync(2);
        var id = await ApprovedDayAsync(b);
        var due = await (await b.Admin.GetAsync("/api/v1/outbox?limit=1000")).ReadAsync();
        var notices = due.EnumerateArray().Where(m => m.GetProperty("body").GetString()!.Contains("【一号活动】")).ToList();
        Assert.True(notices.Count >= 2);
        Assert.DoesNotContain(due.EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains("提醒"));
        foreach (var m in notices) Assert.Equal(HttpStatusCode.NoContent,
            (await b.Admin.PostAsync($"/api/v1/outbox/{m.GetProperty("id").GetInt64()}/sent", null)).StatusCode);
        var sent = notices[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent,
            (await b.Admin.PostAsync($"/api/v1/outbox/{sent}/sent", null)).StatusCode);
        Assert.DoesNotContain((await (await b.Admin.GetAsync("/api/v1/outbox?limit=1000")).ReadAsync())
            .EnumerateArray(), m => m.GetProperty("id").GetInt64() == sent);

        App.Clock.Set(Dec1(9).AddHours(-23));
        var reminders = (await (await b.Admin.GetAsync("/api/v1/outbox?limit=1000")).ReadAsync()).EnumerateArray()
            .Where(m => m.GetProperty("body").GetString()!.Contains("提醒")).ToList();
        Assert.True(reminders.Count >= 2);
        var retry = reminders[0].GetProperty("id").GetInt64();
        await b.Admin.PostAsJsonAsync($"/api/v1/outbox/{retry}/failed", new { error = "gateway timeout" });
        var again = (await (await b.Admin.GetAsync("/api/v1/outbox?limit=1000")).ReadAsync()).EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == retry);
        Assert.Equal(1, again.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await b.TownAdmin.GetAsync("/api/v1/outbox")).StatusCode);
        Assert.Equal("approved",
            (await (await b.Admin.GetAsync($"/api/v1/activity-days/{id}")).ReadAsync()).GetProperty("state")
            .GetString());
    }

    [Fact]
    public async Task Members_see_only_announced_days_and_odd_dates_are_refused()
    {
        var b = await BranchAsync(1);
        var draft = await (await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan())).ReadAsync();
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound,
            (await b.MemberClients[0].GetAsync($"/api/v1/activity-days/{id}")).StatusCode);
        Assert.Empty((await (await b.MemberClients[0].GetAsync($"/api/v1/orgs/{b.Id}/activity-days")).ReadAsync())
            .EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound,
            (await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/leave", new { reason = "外出" }))
            .StatusCode);
        await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null);
        await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review",
            new { approve = false, comment = "内部意见" });
        await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null);
        await b.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{id}/review", new { approve = true });
        var seen = await (await b.MemberClients[0].GetAsync($"/api/v1/activity-days/{id}")).ReadAsync();
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("reviewComment").ValueKind);

        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.GetAsync($"/api/v1/orgs/{b.Id}/activity-days?year=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan("0001-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/members/{b.Members[0]}/aids",
            new { amount = 0.001m, reason = "x", approvedBy = "y" })).StatusCode);
    }

    [Fact]
    public async Task Bad_plans_are_refused_with_reasons()
    {
        var b = await BranchAsync(0);
        var r = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days",
            new { month = "2026-13", place = "" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var bad = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", new
        {
            month = "2026-12",
            place = "",
            startsAt = "2026-12-01 10:00",
            endsAt = "2026-12-01 09:00",
            agenda = new[] { new { category = "gossip", title = "" } },
        });
        var errors = (await bad.ReadAsync()).GetProperty("errors");
        foreach (var f in new[] { "place", "endsAt", "agenda[0].category", "agenda[0].title" }) Assert.True(
            errors.TryGetProperty(f, out _), f);
        var noTheory =
            await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "deliberation", title = "议事" } }
            });
        var id = (await noTheory.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Town}/activity-days", Plan("2027-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Admin.PostAsJsonAsync($"/api/v1/orgs/{b.Town}/activity-days", Plan("2027-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.Admin.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Admin.PostAsJsonAsync($"/api/v1/orgs/{b.Id}/activity-days", Plan("2027-01"))).StatusCode);
    }

    /// <summary>The latest month of a member's own history: the make-up's due date, whether it is done, and whether it
    /// is overdue.</summary>
    static async Task<(string?, JsonValueKind, bool)> MyMakeUpAsync(HttpClient member)
    {
        var row = (await (await member.GetAsync("/api/v1/me")).ReadAsync()).GetProperty("history")[0];
        return (row.GetProperty("makeUpDue").GetString(), row.GetProperty("makeUpDone").ValueKind,
            row.GetProperty("makeUpOverdue").GetBoolean());
    }

    [Fact]
    public async Task Check_in_by_code_once_by_hand_with_a_reason_then_closing_fixes_everyone_and_make_ups_follow()
    {
        var b = await BranchAsync(4);
        var id = await ApprovedDayAsync(b);
        var (alice, bob, carol, dave) = (b.Members[0], b.Members[1], b.Members[2], b.Members[3]);

        // Leave before the meeting; the secretary approves it.
        var leave =
            await (await b.MemberClients[2].PostAsJsonAsync($"/api/v1/activity-days/{id}/leave",
            new { reason = "外出务工" })).ReadAsync();
        Assert.Equal("pending", leave.GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/leave/{leave.GetProperty("id").GetInt32()}/decision",
            new { approve = true })).StatusCode);

        // Too early: check-in is closed.
        var early = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/code")).ReadAsync();
        Assert.False(early.GetProperty("open").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in",
            new { code = early.GetProperty("token").GetString() })).StatusCode);

        App.Clock.Set(Dec1(8, 45));
        var code = await CodeAsync(b, id);
        for (var i = 0; i < 3; i++)
        {
            // The second and third scans are answered with the row the first one wrote.
            var r = await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var row = await r.ReadAsync();
            Assert.Equal((alice, "present", "qrScan"),
                (row.GetProperty("memberId").GetInt32(), row.GetProperty("status").GetString(),
                row.GetProperty("method").GetString()));
        }
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.MemberClients[1].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in",
            new { code = "123.abcdef" })).StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.MemberClients[1].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/attendance", new { memberId = bob }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/attendance",
            new { memberId = bob, reason = "老人无智能手机" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/attendance",
            new { personalCode = "Pforged" })).StatusCode);

        // After the start, leave is too late and the day can close.
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.MemberClients[3].PostAsJsonAsync($"/api/v1/activity-days/{id}/leave", new { reason = "忘了" }))
            .StatusCode);
        var closed = await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null)).StatusCode);

        var sheet = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/attendance")).ReadAsync();
        Assert.Equal((4, 2, 1, 1),
            (sheet.GetProperty("expected").GetInt32(), sheet.GetProperty("present").GetInt32(),
            sheet.GetProperty("excused").GetInt32(), sheet.GetProperty("unexcused").GetInt32()));
        var status = sheet.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("memberId").GetInt32(), i => i.GetProperty("status").GetString());
        Assert.Equal(("present", "present", "excused", "unexcused"),
            (status[alice], status[bob], status[carol], status[dave]));

        var makeUps = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/make-ups")).ReadAsync();
        Assert.Equal([carol, dave], makeUps.EnumerateArray().Select(m => m.GetProperty("memberId").GetInt32()).Order());
        Assert.Equal("2026-12-16", makeUps[0].GetProperty("dueOn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/make-ups/{alice}", new { what = "学习党章" }))
            .StatusCode);
        App.Clock.Set(Dec1(10).AddDays(5));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/make-ups/{carol}",
            new { doneOn = "2026-12-06", what = "补学党章第一章" })).StatusCode);
        Assert.Equal(("2026-12-16", JsonValueKind.Null, false), await MyMakeUpAsync(b.MemberClients[3]));
        // Half past midnight on the 17th in China is still the 16th in UTC: the day that counts is the district's.
        App.Clock.Set(new DateTimeOffset(2026, 12, 17, 0, 30, 0, TimeSpan.FromHours(8)));
        Assert.Equal(("2026-12-16", JsonValueKind.Null, true), await MyMakeUpAsync(b.MemberClients[3]));
        App.Clock.Set(Dec1(10).AddDays(20));
        var later = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/make-ups")).ReadAsync();
        var overdue = later.EnumerateArray()
            .ToDictionary(m => m.GetProperty("memberId").GetInt32(), m => m.GetProperty("overdue").GetBoolean());
        Assert.False(overdue[carol]);
        Assert.True(overdue[dave]);
        // Each member reads the same on their own page: overdue once the date has passed undone.
        Assert.Equal(("2026-12-16", JsonValueKind.Null, true), await MyMakeUpAsync(b.MemberClients[3]));
        Assert.Equal(("2026-12-16", JsonValueKind.String, false), await MyMakeUpAsync(b.MemberClients[2]));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/make-ups/{dave}",
            new { doneOn = "2026-12-20", what = "补学党章第一章" })).StatusCode);
        // made up, but late
        Assert.Equal(("2026-12-16", JsonValueKind.String, true), await MyMakeUpAsync(b.MemberClients[3]));

        // The district's figures: rate = (present + online + at door) / expected, summed up the tree.
        var stats = await (await b.Admin.GetAsync($"/api/v1/orgs/{b.Town}/attendance?month=2026-12")).ReadAsync();
        Assert.Equal((4, 2, 1, 1, 0.5),
            (stats.GetProperty("expected").GetInt32(), stats.GetProperty("present").GetInt32(),
            stats.GetProperty("excused").GetInt32(),
            stats.GetProperty("unexcused").GetInt32(), stats.GetProperty("rate").GetDouble()));
        var child = Assert.Single(stats.GetProperty("children").EnumerateArray());
        Assert.Equal(b.Id, child.GetProperty("orgId").GetInt32());
        Assert.False(child.TryGetProperty("children", out _));
        var root =
            await (await b.Admin.GetAsync($"/api/v1/orgs/{await Tree.RootIdAsync(b.Admin)}/attendance?month=2026-12"))
            .ReadAsync();
        Assert.True(root.GetProperty("expected").GetInt32() >= 4);
    }

    [Fact]
    public async Task A_valid_scan_takes_the_fast_lane_and_everything_else_gets_the_full_answer()
    {
        var (b, id, code) = await CheckInOpenAsync(3);

        // The lane answers with the endpoint's own shape; the property's case does not matter, as with the endpoint's
        // binding.
        var ok = await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { Code = code });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(ok.Content.Headers.ContentLength); // the whole answer in one write, not in chunks
        var row = await ok.ReadAsync();
        Assert.Equal((id, b.Members[0], "present", "qrScan"),
            (row.GetProperty("activityDayId").GetInt32(), row.GetProperty("memberId").GetInt32(),
            row.GetProperty("status").GetString(), row.GetProperty("method").GetString()));
        Assert.Equal(Dec1(8, 50), row.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("reason").ValueKind);

        // A wrong code goes on to the endpoint, which reads the same body again and explains in Chinese.
        var wrong =
            await b.MemberClients[1].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code = "1.forged" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("二维码已过期", await wrong.Content.ReadAsStringAsync());
        // A valid code beside a field the endpoint does not know is not a scan the lane takes: the endpoint's strict
        // body answers 400 naming the field, and the member is not checked in.
        var extra = await b.MemberClients[1].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in",
            new { code, seat = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);
        Assert.Contains("seat", await extra.Content.ReadAsStringAsync());
        var notJson =
            await b.MemberClients[1].PostAsync($"/api/v1/activity-days/{id}/check-in",
            new StringContent("code=1", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        // A path that only looks like a scan's (no day in it) is not one: routing answers (nothing there, or not for a
        // POST), no failure.
        foreach (
            var path in new[] { "/api/v1/activity-days/liaison-check-in", "/api/v1/activity-days//check-in",
            "/API/V1/ACTIVITY-DAYS/LIAISON-CHECK-IN" })
            Assert.Contains((await App.CreateClient().PostAsJsonAsync(path, new { code })).StatusCode,
                new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });

        // A forged or expired token is not signed in at all.
        var token = b.MemberClients[2].DefaultRequestHeaders.Authorization!.Parameter!;
        var tokens = App.Services.GetRequiredService<ApiTokens>();
        var claims = tokens.Read(token, App.Clock.GetUtcNow())!;
        foreach (
            var bad in new[] { token[..^3] + "AAA",
            tokens.Issue(claims with { Expires = App.Clock.GetUtcNow().AddSeconds(-1) }),
                tokens.Issue(claims with { MemberId = b.Members[1] })[..^1] + "x" })
        {
            using var scan =
                new HttpRequestMessage(HttpMethod.Post,
                $"/api/v1/activity-days/{id}/check-in")
                { Content = JsonContent.Create(new { code }) };
            scan.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().SendAsync(scan)).StatusCode);
        }
        Assert.Equal([b.Members[0]],
            App.WithDb(db => db.Attendances.Where(a => a.ActivityDayId == id).Select(a => a.MemberId).ToList()));
        Assert.True((await (await b.Admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task Check_ins_written_together_are_logged_in_one_entry_that_lists_them_and_the_log_finds_each_row_by_its_id()
    {
        var (b, id, code) = await CheckInOpenAsync(6);
        Task<HttpResponseMessage> Scan(HttpClient member) =>
            member.PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code });
        // Two alone, each a batch of its own, then four at once; then a second scan, which adds nothing.
        foreach (var member in b.MemberClients[..2]) Assert.Equal(HttpStatusCode.OK, (await Scan(member)).StatusCode);
        var writer = App.Services.GetRequiredService<CheckInWriter>();
        var taken = writer.Taken;
        Assert.All(await Task.WhenAll(b.MemberClients[2..].Select(Scan)),
            r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var together = writer.Taken.Batches - taken.Batches;
        Assert.Equal(HttpStatusCode.OK, (await Scan(b.MemberClients[0])).StatusCode);

        var rows =
            App.WithDb(db => db.Attendances.Where(a => a.ActivityDayId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.MemberId }).ToList());
        Assert.Equal(b.Members.Order(), rows.Select(r => r.MemberId).Order());
        async Task<List<JsonElement>> Log(string query) =>
            [.. (await (await b.Admin.GetAsync($"/api/v1/audit?{query}")).ReadAsync()).GetProperty("items")
            .EnumerateArray()];
        static List<JsonElement> Listed(JsonElement entry) =>
            [.. JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement.EnumerateArray()];
        foreach (var row in rows)
        {
            var entry = Assert.Single(await Log($"entity=Attendance&entityId={row.Id}"));
            Assert.Equal(("create", "check-in"),
                (entry.GetProperty("action").GetString(), entry.GetProperty("userName").GetString()));
            var listed = Assert.Single(Listed(entry), r => r.GetProperty("Id").GetInt32() == row.Id);
            Assert.Equal((row.MemberId, id),
                (listed.GetProperty("MemberId").GetInt32(), listed.GetProperty("ActivityDayId").GetInt32()));
            // with no entity named too
            Assert.Contains(await Log($"entityId={row.Id}"),
                e => e.GetProperty("id").GetInt64() == entry.GetProperty("id").GetInt64());
        }
        // Every row once, an entry a batch (the first two alone, the four in one or more), and nothing for a row that
        // is not there.
        var entries = (await Log("entity=Attendance&pageSize=200"))
            .Where(e => e.GetProperty("userName").GetString() == "check-in" && Listed(e)
            .Any(r => r.GetProperty("ActivityDayId").GetInt32() == id)).ToList();
        Assert.Equal(rows.Select(r => r.Id),
            entries.SelectMany(Listed).Select(r => r.GetProperty("Id").GetInt32()).Order());
        Assert.Equal(2 + together, entries.Count);
        Assert.Empty(await Log($"entity=Attendance&entityId={rows[^1].Id + 1}"));
        Assert.True((await (await b.Admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task A_transfer_out_is_seen_by_the_next_scan_though_the_days_facts_are_held()
    {
        var b = await BranchAsync(4);
        var id = await ApprovedDayAsync(b);
        var (_, other) = await Tree.TownWithBranchAsync(b.Admin);
        // Member 2 left before the day; member 3 left and came back, and is expected on the 1st.
        async Task Move(int member, int to, string on) =>
            Assert.Equal(HttpStatusCode.OK,
                (await b.Admin.PostAsJsonAsync($"/api/v1/members/{member}/transfers",
                new { toOrgId = to, effectiveOn = on })).StatusCode);
        await Move(b.Members[2], other, "2026-11-20");
        await Move(b.Members[3], other, "2026-11-20");
        await Move(b.Members[3], b.Id, "2026-11-22");
        App.Clock.Set(Dec1(8, 50));
        var code = await CodeAsync(b, id);
        Task<HttpResponseMessage> Scan(int i) =>
            b.MemberClients[i].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code });

        Assert.Equal(HttpStatusCode.OK, (await Scan(0)).StatusCode); // the day's facts are now held
        Assert.Equal(HttpStatusCode.NotFound, (await Scan(2)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scan(3)).StatusCode);

        // Member 1 is moved out back-dated, after the facts were loaded: the very next scan knows.
        await Move(b.Members[1], other, "2026-11-30");
        Assert.Equal(HttpStatusCode.NotFound, (await Scan(1)).StatusCode);

        // The scan's reading of who is expected is the rest of the system's.
        var date = new DateOnly(2026, 12, 1);
        // Read for both branches at once, as the scans' facts are read for many: each member counts at their latest
        // branch only.
        var (fast, full, fullOther) =
            await App.WithDbAsync(async db => (await Expected.IdsAsync(db, [b.Id, other], date, default),
            await Expected.At(db, b.Id, date).Select(m => m.Id).ToListAsync(),
                await Expected.At(db, other, date).Select(m => m.Id).ToListAsync()));
        Assert.Equal([b.Members[0], b.Members[3]], fast[b.Id].Order());
        Assert.Equal(full.Order(), fast[b.Id].Order());
        Assert.Equal(fullOther.Order(), fast[other].Order());
        Assert.Subset(fast[other], new HashSet<int> { b.Members[1], b.Members[2] });
        Assert.Equal([b.Members[0], b.Members[3]],
            App.WithDb(db => db.Attendances.Where(a => a.ActivityDayId == id).Select(a => a.MemberId).Order()
            .ToList()));
    }

    [Fact]
    public async Task A_days_facts_are_read_as_its_check_in_window_nears_so_that_its_first_scan_waits_for_no_read()
    {
        var b = await BranchAsync(1);
        var id = await ApprovedDayAsync(b);
        var later = await BranchAsync(1);
        var laterId = await ApprovedDayAsync(later, "2027-01");
        var meetings = App.Services.GetRequiredService<MeetingFacts>();
        var opens =
            new DateTimeOffset(App.WithDb(db => db.ActivityDays.Single(d => d.Id == id).StartsAt), TimeSpan.Zero)
            .AddMinutes(
                -App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Yihao.Web.Domain.ActivityPolicy>>()
                .Value.CheckInOpensMinutesBefore);

        App.Clock.Set(opens.AddMinutes(-5));
        await meetings.WarmOnceAsync(default);
        Assert.False(meetings.IsHeld(id)); // its window opens in five minutes: not yet

        App.Clock.Set(opens.AddMinutes(-1));
        await meetings.WarmOnceAsync(default);
        Assert.True(meetings.IsHeld(id));
        Assert.False(meetings.IsHeld(laterId)); // next month's day
        var facts = meetings.ForAsync(id);
        Assert.True(facts.IsCompletedSuccessfully);
        Assert.Equal([b.Members[0]], (await facts)!.Expected);

        // Read again while held: the scans keep the facts they have until the new ones are in, then use those.
        await meetings.WarmOnceAsync(default);
        Assert.True(meetings.IsHeld(id));
        Assert.NotSame(facts, meetings.ForAsync(id));
    }

    [Fact]
    public async Task A_days_facts_stay_held_through_other_days_saves_and_are_read_again_after_its_own_or_a_members()
    {
        var b = await BranchAsync(1);
        var id = await ApprovedDayAsync(b);
        var other = await BranchAsync(1);
        var otherId = await ApprovedDayAsync(other);
        var meetings = App.Services.GetRequiredService<MeetingFacts>();
        var held = meetings.ForAsync(id);
        Assert.Equal([b.Members[0]], (await held)!.Expected);
        // Days wanted together are read together, each with its own branch's members; a day not found is simply not
        // there.
        var both = await App.WithDbAsync(db => MeetingFacts.ReadAsync(db, [id, otherId, 999_999], default));
        Assert.Equal([id, otherId], both.Keys.Order());
        Assert.Equal([b.Members[0]], both[id].Expected);
        Assert.Equal([other.Members[0]], both[otherId].Expected);

        // Another branch's day changes (next month's plan drafted, the day closed): on the 1st a thousand such saves
        // come through the morning, and each used to send every branch's next scan back to the database.
        var january = await other.Secretary.PostAsJsonAsync($"/api/v1/orgs/{other.Id}/activity-days", Plan("2027-01"));
        Assert.Equal(HttpStatusCode.Created, january.StatusCode);
        var januaryId = (await january.ReadAsync()).GetProperty("id").GetInt32();
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.OK,
            (await other.Secretary.PostAsync($"/api/v1/activity-days/{otherId}/close", null)).StatusCode);
        Assert.Same(held, meetings.ForAsync(id));
        // Days on two dates read together: each date's members by its own read.
        var dates = await App.WithDbAsync(db => MeetingFacts.ReadAsync(db, [id, januaryId], default));
        Assert.Equal([b.Members[0]], dates[id].Expected);
        Assert.Equal([other.Members[0]], dates[januaryId].Expected);
        Assert.Equal(new DateOnly(2027, 1, 1), Expected.DateOf(dates[januaryId].Day));
        var otherHeld = meetings.ForAsync(otherId);
        Assert.Equal(Yihao.Web.Domain.ActivityState.Closed, (await otherHeld)!.Day.State);

        // The day's own save is read again, and so is a member's anywhere (who is expected follows every member's
        // history).
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null)).StatusCode);
        var reread = meetings.ForAsync(id);
        Assert.NotSame(held, reread);
        Assert.Equal(Yihao.Web.Domain.ActivityState.Closed, (await reread)!.Day.State);
        Assert.Same(otherHeld, meetings.ForAsync(otherId));
        await Tree.MemberAsync(other.Admin, other.Id);
        Assert.NotSame(reread, meetings.ForAsync(id));
        Assert.NotSame(otherHeld, meetings.ForAsync(otherId));
    }

    [Fact]
    public async Task Scans_go_on_after_the_database_drops_the_writers_and_the_readers_connections()
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsNpgsql()), "Only a database server drops connections.");
        var b = await BranchAsync(2);
        var id = await ApprovedDayAsync(b);
        var other = await BranchAsync(1);
        var otherId = await ApprovedDayAsync(other);
        App.Clock.Set(Dec1(8, 50));
        async Task<HttpStatusCode> Scan(Branch branch, int day, int member)
        {
            var code = await CodeAsync(branch, day);
            return (await branch.MemberClients[member].PostAsJsonAsync($"/api/v1/activity-days/{day}/check-in",
                new { code })).StatusCode;
        }
        // the writer and the facts reader now hold their connections
        Assert.Equal(HttpStatusCode.OK, await Scan(b, id, 0));

        // The server restarts, or a network blip cuts every connection: the next scans find theirs dead and open fresh
        // ones.
        await App.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> " +
                "pg_backend_pid()"));
        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, await Scan(b, id, 1)); // the writer's
        // the reader's: the other day's facts are read now
        Assert.Equal(HttpStatusCode.OK, await Scan(other, otherId, 0));
        Assert.Equal(3,
            App.WithDb(db => db.Attendances.Count(a => a.ActivityDayId == id || a.ActivityDayId == otherId)));
    }

    [Fact]
    public async Task On_SQLite_the_writers_commits_reach_the_database_file_by_a_copy_of_its_own()
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsSqlite()), "PostgreSQL writes its own log back.");
        var b = await BranchAsync(2);
        var id = await ApprovedDayAsync(b);
        App.Clock.Set(Dec1(8, 55));
        var code = await CodeAsync(b, id);
        Task<HttpResponseMessage> Scan(int member) =>
            b.MemberClients[member].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code });
        Assert.Equal(HttpStatusCode.OK, (await Scan(0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scan(1)).StatusCode);
        // As many commits again as a copy waits for, one scan after another (repeats, which add no row): one of them
        // starts a copy.
        var copied = App.Services.GetRequiredService<CheckInWriter>().NextLogCopyAsync();
        for (var i = 0; i < Yihao.Web.Data.SqliteCheckpoints.Commits; i++) Assert.Equal(HttpStatusCode.OK,
            (await Scan(i % 2)).StatusCode);
        await copied.WaitAsync(TimeSpan.FromSeconds(30));

        // The database file alone, without its log, now holds both rows: the copy, not the writer's own checkpoint, put
        // them there.
        var file =
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(App.WithDb(db => db.Database.GetConnectionString()))
            .DataSource;
        var alone = Path.Combine(Path.GetDirectoryName(file)!, "alone.db");
        File.Copy(file, alone);
        await using var read = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={alone};Pooling=False");
        await read.OpenAsync();
        await using var count = read.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM attendances WHERE activity_day_id = {id}";
        Assert.Equal(2L, await count.ExecuteScalarAsync());
        // What waits in the log is as safe as the file: each commit syncs it (synchronous FULL, SQLite's own default).
        Assert.Equal(2L, App.WithDb(db =>
        {
            var connection = db.Database.GetDbConnection();
            connection.Open();
            using var synchronous = connection.CreateCommand();
            synchronous.CommandText = "PRAGMA synchronous";
            return synchronous.ExecuteScalar();
        }));
    }

    [Fact]
    public async Task A_burst_of_scans_commits_one_row_per_member_and_acknowledges_each()
    {
        var b = await BranchAsync(12);
        var id = await ApprovedDayAsync(b);
        App.Clock.Set(Dec1(8, 55));
        var code = await CodeAsync(b, id);
        var writer = App.Services.GetRequiredService<CheckInWriter>();
        var taken = writer.Taken;
        var scans = b.MemberClients.SelectMany(c => new[] { c, c })
            .Select(c => c.PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code }));
        var answers = await Task.WhenAll(scans);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // Every scan went through the group commit, in batches of one or more (the bench prints their average).
        Assert.Equal(24, writer.Taken.Scans - taken.Scans);
        Assert.InRange(writer.Taken.Batches - taken.Batches, 1, 24);
        var sheet = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/attendance")).ReadAsync();
        Assert.Equal(12, sheet.GetProperty("present").GetInt32());
        Assert.Equal(12, App.WithDb(db => db.Attendances.Count(a => a.ActivityDayId == id)));
        Assert.True((await (await b.Admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task Mobile_members_take_part_online_and_elderly_members_at_the_door()
    {
        var b = await BranchAsync(3);
        var (mobile, elderly) = (b.Members[0], b.Members[1]);
        var m = await (await b.Admin.GetAsync($"/api/v1/members/{mobile}")).ReadAsync();
        await b.Admin.PutAsJsonAsync($"/api/v1/members/{mobile}",
            new
            {
                orgId = b.Id,
                name = "王流动",
                idNumber = m.GetProperty("idNumber").GetString(),
                kind = "full",
                joinedOn = "2001-07-01",
                participation = "mobile",
                mobileWhere = "深圳市宝安区"
            });
        var e = await (await b.Admin.GetAsync($"/api/v1/members/{elderly}")).ReadAsync();
        await b.Admin.PutAsJsonAsync($"/api/v1/members/{elderly}",
            new
            {
                orgId = b.Id,
                name = "李年老",
                idNumber = e.GetProperty("idNumber").GetString(),
                kind = "full",
                joinedOn = "2001-07-01",
                participation = "elderlyInfirm"
            });
        var id = await ApprovedDayAsync(b);

        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/study-notes", new { text = "短" }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/study-notes",
            new { text = "学习党章第一章，体会是要始终保持同人民群众的血肉联系。" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/door-visits",
            new { memberId = b.Members[2], what = "送学党章" })).StatusCode);
        App.Clock.Set(Dec1(12));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null)).StatusCode);
        App.Clock.Set(Dec1(12).AddDays(3));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/door-visits",
            new { memberId = elderly, what = "送学党章第一章" })).StatusCode);

        var sheet = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/attendance")).ReadAsync();
        Assert.Equal((1, 1, 1),
            (sheet.GetProperty("online").GetInt32(), sheet.GetProperty("atDoor").GetInt32(),
            sheet.GetProperty("unexcused").GetInt32()));
        var makeUps = await (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/make-ups")).ReadAsync();
        Assert.Equal(b.Members[2], Assert.Single(makeUps.EnumerateArray()).GetProperty("memberId").GetInt32());
        var me = await (await b.MemberClients[1].GetAsync("/api/v1/me")).ReadAsync();
        Assert.Equal("atDoor", me.GetProperty("history")[0].GetProperty("status").GetString());
    }

    /// <summary>A branch of two members whose December day was closed at noon with nobody checked in: their warnings
    /// are raised.</summary>
    async Task<(Branch, int)> ClosedDecemberAsync()
    {
        var b = await BranchAsync(2);
        var december = await ApprovedDayAsync(b);
        App.Clock.Set(Dec1(12));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{december}/close", null)).StatusCode);
        return (b, december);
    }

    [Fact]
    public async Task A_member_who_moved_keeps_the_old_branchs_days_in_their_history()
    {
        var (b, december) = await ClosedDecemberAsync();
        App.Clock.Set(Dec1(12).AddDays(1));
        var other = await Tree.OrgAsync(b.Admin, b.Town, "branch");
        Assert.Equal(HttpStatusCode.OK,
            (await b.Admin.PostAsJsonAsync($"/api/v1/members/{b.Members[0]}/transfers",
            new { toOrgId = other, effectiveOn = "2026-12-02" })).StatusCode);
        var secretary = await Tree.AccountAsync(App, b.Admin, "branchSecretary", other);
        var january = await ApprovedDayAsync(b with { Id = other, Secretary = secretary }, "2027-01");
        App.Clock.Set(Dec1(12).AddMonths(1));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{january}/close", null)).StatusCode);
        // The member's warnings from the old branch fire again and move to the new one (raised twice, they failed the
        // closing).
        var warned =
            App.WithDb(db =>
            db.Warnings.Where(w => w.SubjectKind == WarningSubject.Member && w.SubjectId == b.Members[0]
                && w.Status != WarningStatus.Resolved)
            .Select(w => new { w.OrgId, w.Month }).ToList());
        Assert.NotEmpty(warned);
        Assert.All(warned, w => Assert.Equal((other, new DateOnly(2027, 1, 1)), (w.OrgId, w.Month)));
        // The new branch's secretary is told of them; the old one's notices of December no longer open them.
        async Task<List<int>> Notices(HttpClient who) =>
            [.. (await (await who.GetAsync("/api/v1/warnings/notices")).ReadAsync()).EnumerateArray()
            .Where(w => w.GetProperty("subjectKind").GetString() == "member" && w.GetProperty("subjectId")
                .GetInt32() == b.Members[0]).Select(w => w.GetProperty("orgId").GetInt32())];
        Assert.Equal(warned.Select(_ => other), await Notices(secretary));
        Assert.Empty(await Notices(b.Secretary));
        // December evaluated again (as the hourly run does the month before) fires them for the old branch: they stay.
        Assert.Equal(HttpStatusCode.OK,
            (await b.Admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode);
        Assert.Equivalent(warned,
            App.WithDb(db =>
            db.Warnings.Where(w => w.SubjectKind == WarningSubject.Member && w.SubjectId == b.Members[0]
                && w.Status != WarningStatus.Resolved)
            .Select(w => new { w.OrgId, w.Month }).ToList()));
        App.Clock.Set(Dec1(12).AddMonths(1).AddDays(1));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Admin.PostAsJsonAsync($"/api/v1/members/{b.Members[0]}/transfers",
            new { toOrgId = b.Id, effectiveOn = "2027-01-02" })).StatusCode);
        // Back in the first branch, the warnings the second branch's months fired follow the member there at the next
        // hourly run (December, then January), and its secretary is told: a member's warning is their branch's now,
        // whichever branch's month fired it.
        foreach (var month in new[] { "2026-12", "2027-01" })
            Assert.Equal(HttpStatusCode.OK,
                (await b.Admin.PostAsync($"/api/v1/warnings/evaluate?month={month}", null)).StatusCode);
        var back =
            App.WithDb(db =>
            db.Warnings.Where(w => w.SubjectKind == WarningSubject.Member && w.SubjectId == b.Members[0]
                && w.Status != WarningStatus.Resolved)
            .Select(w => w.OrgId).ToList());
        Assert.True(back.Count > warned.Count); // December's overdue make-up came since
        Assert.All(back, o => Assert.Equal(b.Id, o));
        Assert.Equal(back, await Notices(b.Secretary));
        Assert.Empty(await Notices(secretary));

        // Attendance is read through the days of the branches a member has been in: both branches' days, newest first,
        // each once though the member came into the first branch twice.
        var history = (await (await b.MemberClients[0].GetAsync("/api/v1/me")).ReadAsync()).GetProperty("history");
        Assert.Equal([(january, "2027-01", "unexcused"), (december, "2026-12", "unexcused")],
            history.EnumerateArray()
                .Select(r =>
                (r.GetProperty("activityDayId").GetInt32(), r.GetProperty("month").GetString(),
                    r.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task The_hourly_rules_leave_last_months_warnings_as_they_are()
    {
        var (b, _) = await ClosedDecemberAsync();
        (int Rows, int Open, int Notices) Counts() => App.WithDb(db =>
        {
            var ours = db.Warnings.Where(w => w.OrgId == b.Id);
            return (ours.Count(), ours.Count(w => w.Status != WarningStatus.Resolved),
                db.WarningNotices.Count(n => ours.Any(w => w.Id == n.WarningId)));
        });
        var closed = App.WithDb(db => db.Warnings.Where(w => w.OrgId == b.Id).Select(w => w.Id).ToList());
        Assert.NotEmpty(closed);

        // In January, before its day: the hourly run evaluates December, then January, hour after hour. January has
        // nothing to say of December's absences (a make-up clears them, not the next month), so they stay open
        // (December adds the overdue make-ups), and the second hour changes nothing; before, January resolved them and
        // December raised them anew, with new notices, every hour.
        App.Clock.Set(Dec1(12).AddMonths(1).AddDays(4));
        async Task HourAsync()
        {
            foreach (var month in new[] { "2026-12", "2027-01" })
                Assert.Equal(HttpStatusCode.OK,
                    (await b.Admin.PostAsync($"/api/v1/warnings/evaluate?month={month}", null)).StatusCode);
        }
        await HourAsync();
        var first = Counts();
        await HourAsync();
        Assert.Equal(first, Counts());
        Assert.Equal(first.Rows, first.Open);
        Assert.Equal(closed.Count,
            App.WithDb(db => db.Warnings.Count(w => closed.Contains(w.Id) && w.Status != WarningStatus.Resolved)));
    }

    [Fact]
    public async Task The_six_musts_photos_aid_and_the_archive_record_the_day()
    {
        var b = await BranchAsync(2);
        var id = await ApprovedDayAsync(b);
        object Musts(bool oath) =>
            new
            {
                badgesWorn = true,
                theoryStudyHeld = true,
                duesCollected = true,
                liaisonLeaderPresent = true,
                starsPosted = true,
                oathRenewed = oath,
                minutes = "会议由书记主持。"
            };
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/six-musts", Musts(true))).StatusCode);

        App.Clock.Set(Dec1(10));
        var partial = await (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/six-musts", Musts(false)))
            .ReadAsync();
        Assert.False(partial.GetProperty("compliant").GetBoolean());
        var full = await (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{id}/six-musts", Musts(true)))
            .ReadAsync();
        Assert.True(full.GetProperty("compliant").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await b.MemberClients[0].PutAsJsonAsync($"/api/v1/activity-days/{id}/six-musts", Musts(true))).StatusCode);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var photo =
            await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/photos",
            new MultipartFormDataContent { { new ByteArrayContent(png), "file", "p.png" },
                { new StringContent("重温入党誓词"), "caption" } });
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var notImage =
            await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/photos",
            new MultipartFormDataContent { { new ByteArrayContent("<script>"u8.ToArray()), "file", "p.png" } });
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        var photoId = (await photo.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal("image/png",
            (await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/photos/{photoId}"))
            .Content.Headers.ContentType?.MediaType);

        var code = await CodeAsync(b, id);
        await b.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code });
        App.Clock.Set(Dec1(12));
        await b.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null);
        var xlsx = await b.Secretary.GetAsync($"/api/v1/activity-days/{id}/archive.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("考勤", MiniExcelLibs.MiniExcel.GetSheetNames(book));
        var rows = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "考勤").Cast<IDictionary<string,
            object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => (string)r["出勤情况"] == "实到");
        Assert.Contains(rows, r => (string)r["出勤情况"] == "缺席");

        var aid =
            await b.Secretary.PostAsJsonAsync($"/api/v1/members/{b.Members[1]}/aids",
            new { givenOn = "2026-11-20", amount = 500m, reason = "冰雹灾害房屋受损", approvedBy = "镇党委" });
        Assert.Equal(HttpStatusCode.Created, aid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/members/{b.Members[1]}/aids", new { amount = -1m }))
            .StatusCode);
        Assert.Single((await (await b.Secretary.GetAsync($"/api/v1/members/{b.Members[1]}/aids")).ReadAsync())
            .EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound,
            (await b.MemberClients[0].GetAsync($"/api/v1/members/{b.Members[1]}/aids")).StatusCode);
    }

    [Fact]
    public async Task Another_towns_day_is_invisible_and_another_branchs_member_cannot_check_in()
    {
        var b = await BranchAsync(1);
        var other = await BranchAsync(1);
        var id = await ApprovedDayAsync(b);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.TownAdmin.GetAsync($"/api/v1/activity-days/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Secretary.GetAsync($"/api/v1/activity-days/{id}/code")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Secretary.PostAsync($"/api/v1/activity-days/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.TownAdmin.GetAsync($"/api/v1/orgs/{b.Id}/attendance?month=2026-12")).StatusCode);
        App.Clock.Set(Dec1(8, 50));
        var code = await CodeAsync(b, id);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/check-in", new { code }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.MemberClients[0].PostAsJsonAsync($"/api/v1/activity-days/{id}/leave", new { reason = "x" }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{id}/attendance",
            new { memberId = other.Members[0], reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_scan_stores_the_browsers_device_key_and_never_text_of_another_shape()
    {
        var (b, id, code) = await CheckInOpenAsync(3);
        const string key = "browser-key_0123456789";
        foreach (var (k, device) in new[] { (0, key), (1, "not a key!"), (2, (string?)null) })
        {
            using var scan = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/activity-days/{id}/check-in")
            {
                Content = JsonContent.Create(new { code }),
            };
            if (device is not null) scan.Headers.Add("Yihao-Device", device);
            Assert.Equal(HttpStatusCode.OK, (await b.MemberClients[k].SendAsync(scan)).StatusCode);
        }
        var stored = await App.WithDbAsync(db => db.Attendances.Where(a => a.ActivityDayId == id)
            .ToDictionaryAsync(a => a.MemberId, a => a.Device));
        Assert.Equal(key, stored[b.Members[0]]);
        Assert.Null(stored[b.Members[1]]);
        Assert.Null(stored[b.Members[2]]);
    }
}

public sealed class ActivityDayTestsOnSqlite(SqliteApp app) : ActivityDayTests<SqliteApp>(app);
public sealed class ActivityDayTestsOnPostgres(PostgresApp app) : ActivityDayTests<PostgresApp>(app);
