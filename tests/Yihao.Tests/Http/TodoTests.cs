using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>待办 and 催报 (issue 24, item 4): what is due for a secretary and a town, the reminder that reaches the
/// secretary in the app and by SMS once a day, and a returned plan that tells the secretary.</summary>
public abstract class TodoTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    sealed record Setup(int Branch, int SecretaryMember, HttpClient Secretary, HttpClient Town);

    async Task<Setup> BranchAsync()
    {
        App.Clock.Set(Nov20);
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        await Tree.MemberAsync(admin, branch);
        return new Setup(branch, member,
            await Tree.AccountAsync(App, admin, Roles.BranchSecretary, branch, member),
            await Tree.AccountAsync(App, admin, Roles.TownAdmin, town));
    }

    static JsonElement Item(JsonElement items, string kind) =>
        items.EnumerateArray().Single(i => i.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task A_secretary_sees_the_next_plan_with_its_deadline_and_the_town_reminds_once_a_day()
    {
        var b = await BranchAsync();
        var due = await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync();
        var plan = Item(due, "planNew");
        Assert.Equal("2026-12-01", plan.GetProperty("month").GetString());
        Assert.False(plan.GetProperty("late").GetBoolean());
        Assert.StartsWith("2026-11-25T15:59", plan.GetProperty("deadline").GetString()); // 11-25 23:59 in China

        // The town sees the branch among those not yet submitted, and reminds it.
        var town = await (await b.Town.GetAsync("/api/v1/todo")).ReadAsync();
        Assert.Equal(1, town.GetProperty("notSubmitted").GetInt32());
        Assert.Equal("none", town.GetProperty("branches")[0].GetProperty("state").GetString());
        var urged = await b.Town.PostAsync($"/api/v1/orgs/{b.Branch}/urge?month=2026-12", null);
        Assert.Equal(HttpStatusCode.OK, urged.StatusCode);
        var reach = await urged.ReadAsync();
        Assert.Equal((1, 1), (reach.GetProperty("notified").GetInt32(), reach.GetProperty("messages").GetInt32()));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Town.PostAsync($"/api/v1/orgs/{b.Branch}/urge?month=2026-12", null)).StatusCode);
        var (notices, texts) = await App.WithDbAsync(async db => (
            await db.Notifications.CountAsync(n => n.MemberId == b.SecretaryMember && n.Title.StartsWith("催报")),
            await db.Outbox.CountAsync(o => o.Key.StartsWith($"urge:{b.Branch}:"))));
        Assert.Equal((1, 1), (notices, texts)); // pressed twice, sent once
        var after = await (await b.Town.GetAsync("/api/v1/todo")).ReadAsync();
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("branches")[0].GetProperty("urgedAt").ValueKind);
        Assert.Equal("urged",
            Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "urged").GetProperty("kind")
            .GetString());

        // The next day it may remind again; a secretary may not remind; a submitted plan needs no reminder.
        App.Clock.Set(Nov20.AddDays(1));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await b.Secretary.PostAsync($"/api/v1/orgs/{b.Branch}/urge?month=2026-12", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.Town.PostAsync($"/api/v1/orgs/{b.Branch}/urge?month=2026-12", null)).StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Key.StartsWith($"urge:{b.Branch}:"))));
        var created = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Branch}/activity-days", new
        {
            month = "2026-12",
            place = "村委会会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal("planDraft",
            Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "planDraft").GetProperty("kind")
            .GetString());
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await b.Town.PostAsync($"/api/v1/orgs/{b.Branch}/urge?month=2026-12", null)).StatusCode);
        var queued = await (await b.Town.GetAsync("/api/v1/todo")).ReadAsync();
        Assert.Equal((1, 0),
            (queued.GetProperty("submitted").GetInt32(), queued.GetProperty("notSubmitted").GetInt32()));
        Assert.Equal(day, queued.GetProperty("queue")[0].GetProperty("id").GetInt32());

        // Returned: the secretary is told why, in the app and by SMS; the list says to mend it.
        Assert.Equal(HttpStatusCode.OK,
            (await b.Town.PostAsJsonAsync($"/api/v1/activity-days/{day}/review",
            new { approve = false, comment = "请补充服务群众内容" })).StatusCode);
        var told =
            await App.WithDbAsync(db =>
            db.Notifications.Where(n => n.MemberId == b.SecretaryMember && n.Body.Contains("请补充服务群众内容")).CountAsync());
        Assert.Equal(1, told);
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Key.StartsWith($"returned:{day}:"))));
        var mend = Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "planReturned");
        Assert.Equal("请补充服务群众内容", mend.GetProperty("comment").GetString());

        // After the deadline the plan is late, and the list says so.
        App.Clock.Set(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        Assert.True(Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "planReturned")
            .GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task A_day_that_passed_without_an_approved_plan_is_said_and_an_approved_one_waits_to_be_closed()
    {
        var b = await BranchAsync();
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var due = await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync();
        Assert.True(Item(due, "dayMissed").GetProperty("late").GetBoolean()); // November had no plan at all

        var created = await b.Secretary.PostAsJsonAsync($"/api/v1/orgs/{b.Branch}/activity-days", new
        {
            month = "2026-12",
            place = "村委会会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await b.Secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        await b.Town.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 9, 10, 0, TimeSpan.FromHours(8)));
        Assert.Equal(day,
            Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "dayToday").GetProperty("dayId")
            .GetInt32());
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(day,
            Item(await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync(), "dayToClose").GetProperty("dayId")
            .GetInt32());
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);
        var closed = await (await b.Secretary.GetAsync("/api/v1/todo")).ReadAsync();
        Assert.Equal(2, Item(closed, "makeUps").GetProperty("count").GetInt32());
        Assert.Equal("2026-12-01", Item(closed, "starsPropose").GetProperty("month").GetString());
    }
}

public sealed class TodoTestsOnSqlite(SqliteApp app) : TodoTests<SqliteApp>(app);

public sealed class TodoTestsOnPostgres(PostgresApp app) : TodoTests<PostgresApp>(app);
