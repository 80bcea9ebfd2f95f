using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;

namespace Yihao.Tests.Http;

/// <summary>Stars and warnings through the API: a day's records become proposed stars and warnings, then override,
/// confirm, publish, object, follow up, resolve.</summary>
public abstract class StarTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static DateTimeOffset Dec1(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    static Dictionary<int, JsonElement> ByMember(JsonElement board) =>
        board.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("memberId").GetInt32());

    [Fact]
    public async Task A_branch_under_a_general_branch_has_its_warnings_told_to_the_admins_of_its_town_and_of_the_next_when_it_moves()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var general = await Tree.OrgAsync(admin, town, "generalBranch");
        var branch = await Tree.OrgAsync(admin, general, "branch");
        await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var created =
            await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        Assert.Equal(HttpStatusCode.OK,
            (await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true }))
            .StatusCode);
        App.Clock.Set(Dec1(11, 40));
        // nobody came: red
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);

        bool Told(JsonElement notices) => notices.EnumerateArray()
            .Any(w => w.GetProperty("subjectKind").GetString() == "branch" && w.GetProperty("subjectId")
            .GetInt32() == branch);
        Assert.True(Told(await (await townAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync()));

        // The general branch moves to another town: that town's admins are told of its branch's live warning, and the
        // first town's no longer see it.
        var (other, _) = await Tree.TownWithBranchAsync(admin);
        var otherAdmin = await Tree.AccountAsync(App, admin, "townAdmin", other);
        Assert.False(Told(await (await otherAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync()));
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{general}/move", new { parentId = other })).StatusCode);
        Assert.True(Told(await (await otherAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync()));
        Assert.False(Told(await (await townAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync()));

        // Within the town (the branch out of its general branch) nobody is told again; back in the first town, its
        // admin, who has not opened it yet, sees it again from the notice they had.
        int Notices(int town) =>
            App.WithDb(db =>
            db.WarningNotices.Count(n => db.Users.Any(u => u.Id == n.UserId && u.OrgId == town)
                && db.Warnings.Any(w => w.Id == n.WarningId && w.OrgId == branch)));
        var (first, second) = (Notices(town), Notices(other));
        Assert.Equal((1, 1), (first, second));
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/move", new { parentId = other })).StatusCode);
        Assert.Equal((1, 1), (Notices(town), Notices(other)));
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/move", new { parentId = town })).StatusCode);
        Assert.True(Told(await (await townAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync()));
        Assert.Equal((1, 1), (Notices(town), Notices(other)));
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task A_members_star_turns_red_when_their_service_entry_is_confirmed_and_their_dues_are_recorded()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var alice = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var aliceClient = await Tree.AccountAsync(App, admin, "member", branch, alice);
        var created = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        App.Clock.Set(Dec1(8, 50));
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK,
            (await aliceClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/check-in", new { code })).StatusCode);
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aliceClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/study-notes",
            new { text = "学习了党章第一章，联系本职工作谈了体会，今后要在服务群众中发挥先锋模范作用。" })).StatusCode);
        async Task<string?> StarAsync() =>
            ByMember(await (await secretary.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).ReadAsync())[alice]
                .GetProperty("star").GetString();
        Assert.NotEqual("red", await StarAsync()); // came and wrote her note, but no service and no dues

        // Her own entry counts once the secretary confirms it, not before.
        var entry = await aliceClient.PostAsJsonAsync("/api/v1/service/entries",
            new { kind = "thingDone", what = "帮助五保户收玉米", doneOn = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        var id = (await entry.ReadAsync()).GetProperty("id").GetInt32();
        var waiting = await StarAsync();
        Assert.NotEqual("red", waiting);
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/service/entries/{id}/confirm", null)).StatusCode);
        Assert.NotEqual("red", await StarAsync()); // dues still unpaid
        Assert.False(await App.WithDbAsync(db => db.SixMusts.AnyAsync(s => s.ActivityDayId == day && s.DuesCollected)));

        // Paid at the meeting: the star turns red and the day's six musts count dues collected.
        Assert.Equal(HttpStatusCode.Created,
            (await secretary.PostAsJsonAsync($"/api/v1/members/{alice}/dues/payments",
            new { from = "2026-12", amount = 0.5m })).StatusCode);
        Assert.Equal("red", await StarAsync());
        Assert.True(await App.WithDbAsync(db => db.SixMusts.AnyAsync(s => s.ActivityDayId == day && s.DuesCollected)));
    }

    [Fact]
    public async Task A_closed_day_becomes_stars_and_warnings_that_are_overridden_confirmed_published_objected_to_and_followed_up()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (alice, bob, carol) =
            (await Tree.MemberAsync(admin, branch), await Tree.MemberAsync(admin, branch),
            await Tree.MemberAsync(admin, branch));
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var aliceClient = await Tree.AccountAsync(App, admin, "member", branch, alice);
        var carolClient = await Tree.AccountAsync(App, admin, "member", branch, carol);

        // This district rates without study notes from December on; a bad document is refused, field by field.
        var bad = await admin.PostAsJsonAsync("/api/v1/policy/versions", new { effectiveFrom = "2026-12", document = """{"red":{"studyNote":false},"publishDays":0,"colour":1}""" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await secretary.PostAsJsonAsync("/api/v1/policy/versions",
            new { effectiveFrom = "2026-12", document = "{}" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync("/api/v1/policy/versions", new { effectiveFrom = "2026-10", document = "{}" }))
            .StatusCode);
        var added = await admin.PostAsJsonAsync("/api/v1/policy/versions", new { effectiveFrom = "2026-12", document = """{"red":{"studyNote":false},"publishDays":7}""" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.False((await (await admin.GetAsync("/api/v1/policy?month=2026-12")).ReadAsync()).GetProperty("policy")
            .GetProperty("red").GetProperty("studyNote").GetBoolean());
        Assert.True((await (await admin.GetAsync("/api/v1/policy?month=2026-11")).ReadAsync()).GetProperty("policy")
            .GetProperty("red").GetProperty("studyNote").GetBoolean());

        // The day: Alice scans, Bob is marked by hand, Carol stays away without leave.
        var created =
            await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        Assert.Equal(HttpStatusCode.OK,
            (await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true }))
            .StatusCode);
        App.Clock.Set(Dec1(8, 50));
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK,
            (await aliceClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/check-in", new { code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync($"/api/v1/activity-days/{day}/attendance",
            new { memberId = bob, reason = "无智能手机" })).StatusCode);
        foreach (var (member, service) in new[] { (alice, "帮助五保户收玉米"), (bob, ""), (carol, "") })
        {
            Assert.Equal(HttpStatusCode.OK,
                (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/member-months",
                new { month = "2026-12", memberId = member, service })).StatusCode);
            Assert.Equal(HttpStatusCode.Created,
                (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
                new { from = "2026-12", amount = 0.5m })).StatusCode);
        }
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);

        // Closing ran the rules: Carol's absence (yellow) and the branch's 67% attendance (red), in the fixed shape.
        var warnings = await (await townAdmin.GetAsync($"/api/v1/warnings?orgId={branch}&status=open")).ReadAsync();
        Assert.Equal(2, warnings.GetProperty("total").GetInt32());
        var carolWarning = warnings.GetProperty("items").EnumerateArray()
            .Single(w => w.GetProperty("subjectKind").GetString() == "member");
        Assert.Equal((carol, "yellow", "open"),
            (carolWarning.GetProperty("subjectId").GetInt32(), carolWarning.GetProperty("level").GetString(),
            carolWarning.GetProperty("status").GetString()));
        Assert.Contains("2026-12-01", carolWarning.GetProperty("reasons")[0].GetString());
        var branchWarning = warnings.GetProperty("items").EnumerateArray()
            .Single(w => w.GetProperty("subjectKind").GetString() == "branch");
        Assert.Equal((branch, "red"),
            (branchWarning.GetProperty("subjectId").GetInt32(), branchWarning.GetProperty("level").GetString()));
        Assert.True(branchWarning.TryGetProperty("raisedAt", out _));
        Assert.Equal(1,
            (await (await townAdmin.GetAsync($"/api/v1/warnings?orgId={branch}&level=red")).ReadAsync())
            .GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await townAdmin.GetAsync("/api/v1/warnings?level=purple")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carolClient.GetAsync("/api/v1/warnings")).StatusCode);

        // The level above was told: the branch's warning to the town's admin, Carol's to the branch's secretary.
        var toTown = await (await townAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync();
        Assert.Contains(toTown.EnumerateArray(),
            w => w.GetProperty("subjectKind").GetString() == "branch" && w.GetProperty("subjectId")
            .GetInt32() == branch);
        Assert.DoesNotContain(toTown.EnumerateArray(), w => w.GetProperty("subjectKind").GetString() == "member");
        var toSecretary = await (await secretary.GetAsync("/api/v1/warnings/notices?markRead=true")).ReadAsync();
        Assert.Equal(carol, Assert.Single(toSecretary.EnumerateArray()).GetProperty("subjectId").GetInt32());
        Assert.Empty((await (await secretary.GetAsync("/api/v1/warnings/notices")).ReadAsync()).EnumerateArray());

        // Stars before anything is stored: proposed, with reasons.
        var preview = await (await secretary.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).ReadAsync();
        Assert.Equal(("proposed", branch, "2026-12"),
            (preview.GetProperty("state").GetString(), preview.GetProperty("branchId").GetInt32(),
            preview.GetProperty("month").GetString()));
        var stars = ByMember(preview);
        Assert.Equal(("red", "yellow", "yellow"),
            (stars[alice].GetProperty("star").GetString(), stars[bob].GetProperty("star").GetString(),
            stars[carol].GetProperty("star").GetString()));
        Assert.NotEmpty(stars[carol].GetProperty("reasons").EnumerateArray());
        // Carol's 我的 says the same, as what the records say so far.
        async Task<JsonElement> CarolsDecemberAsync() =>
            (await (await carolClient.GetAsync("/api/v1/me/stars")).ReadAsync()).EnumerateArray()
            .Single(s => s.GetProperty("month").GetString() == "2026-12");
        var carols = await CarolsDecemberAsync();
        Assert.Equal(("yellow", true), (carols.GetProperty("star").GetString(), carols.GetProperty("live").GetBoolean()));
        Assert.Equal(stars[carol].GetProperty("reasons").ToString(), carols.GetProperty("reasons").ToString());

        // When Carol's make-up falls overdue her star turns blue; proposing twice changes nothing the second time.
        App.Clock.Set(Dec1(9).AddDays(16));
        var proposed = await (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month=2026-12", null))
            .ReadAsync();
        Assert.Equal(3, proposed.GetProperty("changes").GetArrayLength());
        Assert.Equal("blue", ByMember(proposed.GetProperty("board"))[carol].GetProperty("star").GetString());
        Assert.Equal(0,
            (await (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month=2026-12", null)).ReadAsync())
            .GetProperty("changes").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await aliceClient.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month=2026-12", null)).StatusCode);

        // An override needs a reason, and is kept.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/override",
            new { month = "2026-12", memberId = bob, star = "red" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/override",
            new { month = "2026-12", memberId = bob, star = "green", reason = "x" })).StatusCode);
        var overridden =
            await (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/override",
            new { month = "2026-12", memberId = bob, star = "red", reason = "抗洪抢险表现突出" })).ReadAsync();
        Assert.Equal("red", ByMember(overridden)[bob].GetProperty("star").GetString());
        Assert.Equal("yellow", ByMember(overridden)[bob].GetProperty("proposed").GetString());

        // Confirm once; twice is a conflict, and the month can no longer be recomputed.
        Assert.Equal("confirmed",
            (await (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/confirm?month=2026-12", null)).ReadAsync())
            .GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/confirm?month=2026-12", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month=2026-12", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync("/api/v1/policy/versions", new { effectiveFrom = "2026-12", document = "{}" }))
            .StatusCode);

        // Published for objections: Carol objects once; after the window the board is final and objections are refused.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await carolClient.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/objections",
            new { month = "2026-12", reason = "补课已约" })).StatusCode);
        Assert.Equal("published",
            (await (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/publish?month=2026-12", null)).ReadAsync())
            .GetProperty("state").GetString());
        carols = await CarolsDecemberAsync();
        Assert.Equal(("blue", "published", false),
            (carols.GetProperty("star").GetString(), carols.GetProperty("state").GetString(),
            carols.GetProperty("live").GetBoolean()));
        Assert.NotEmpty(carols.GetProperty("reasons").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync("/api/v1/me/stars")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await carolClient.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/objections",
            new { month = "2026-12", reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await carolClient.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/objections",
            new { month = "2026-12", reason = "补课已约" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await carolClient.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/objections",
            new { month = "2026-12", reason = "再次" })).StatusCode);
        App.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal("final",
            (await (await carolClient.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).ReadAsync())
            .GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await aliceClient.PostAsJsonAsync($"/api/v1/orgs/{branch}/stars/objections",
            new { month = "2026-12", reason = "晚了" })).StatusCode);

        // A heart-to-heart talk follows Carol's warning up; the make-up, once recorded, clears its cause and the rules
        // resolve it.
        var id = carolWarning.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest,
            (await townAdmin.PostAsJsonAsync($"/api/v1/warnings/{id}/follow-ups",
            new { on = "2099-01-01", who = "李书记", what = "谈心" })).StatusCode);
        var followed =
            await (await townAdmin.PostAsJsonAsync($"/api/v1/warnings/{id}/follow-ups",
            new { on = "2026-12-05", who = "李书记", what = "了解缺席原因，约定补课" })).ReadAsync();
        Assert.Equal("followedUp", followed.GetProperty("status").GetString());
        Assert.Single(followed.GetProperty("followUps").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PutAsJsonAsync($"/api/v1/activity-days/{day}/make-ups/{carol}",
            new { doneOn = "2026-12-10", what = "补学党章" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode);
        var after = await (await townAdmin.GetAsync($"/api/v1/warnings/{id}")).ReadAsync();
        Assert.Equal("resolved", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, after.GetProperty("resolvedAt").ValueKind);
        // Another branch's secretary sees neither the warning nor the board.
        var (_, other) = await Tree.TownWithBranchAsync(admin);
        var stranger = await Tree.AccountAsync(App, admin, "branchSecretary", other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/warnings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-12")).StatusCode);
    }
}

/// <summary>What the member warnings remember of the months before: the stars as the branch confirmed them, and dues as
/// recorded now.</summary>
public abstract class WarningHistoryTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task The_months_before_are_the_confirmed_boards_with_their_overrides_and_a_late_payment_ends_an_unpaid_run()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var dan = await Tree.MemberAsync(admin, branch);
        var december = new DateOnly(2026, 12, 1);

        // Five confirmed months before December, no dues recorded: Dan's stars were yellow, then blue in October and
        // November.
        var (district, policy) = await App.WithDbAsync(async db =>
        {
            var districtId = await db.Orgs.Where(o => o.Id == branch).Select(o => o.DistrictId).SingleAsync();
            for (var month = new DateOnly(2026, 7, 1); month < december; month = month.AddMonths(1))
            {
                var version = await Policies.InForceAsync(db, districtId, month);
                var star = month >= new DateOnly(2026, 10, 1) ? StarColor.Blue : StarColor.Yellow;
                db.StarBoards.Add(new StarBoard
                {
                    DistrictId = districtId,
                    OrgId = branch,
                    Month = month,
                    State = BoardState.Published,
                    PolicyVersionId = version.Id,
                    ProposedAt = DateTime.UtcNow,
                    PublishedAt = DateTime.UtcNow,
                    PublishedUntil = DateTime.UtcNow,
                    Stars = [new MemberStar { DistrictId = districtId, MemberId = dan, Proposed = star }],
                });
            }
            await db.SaveChangesAsync();
            return (districtId, Policies.Read(await Policies.InForceAsync(db, districtId, december)));
        });
        async Task<HashSet<string>> RulesAsync(StarPolicy? under = null) => await App.WithDbAsync(async db =>
            (await Warnings.FireAsync(db, under ?? policy, district, [branch], december, new DateOnly(2026, 12, 20)))
                .Fired.Keys
                .Where(k => k.Kind == WarningSubject.Member && k.Subject == dan).Select(k => k.Rule).ToHashSet());

        // December unpaid makes a third blue star in a row and a sixth unpaid month; the run counts the star it rated.
        Assert.Equal(["blueRepeatedly", "duesUnpaid"], (await RulesAsync()).Order());
        Assert.Equal(new StarCount(0, 0, 1),
            await App.WithDbAsync(async db =>
            (await Warnings.FireAsync(db, policy, district, [branch], december, new DateOnly(2026, 12, 20))).Stars));

        // The secretary had changed November's star to yellow: the board as posted is what counts, so the blue run is
        // broken.
        await App.WithDbAsync(async db =>
        {
            var star =
                await db.MemberStars.SingleAsync(s => s.MemberId == dan
                && db.StarBoards.Any(b => b.Id == s.BoardId && b.Month == new DateOnly(2026, 11, 1)));
            (star.Override, star.OverrideReason, star.OverriddenBy) = (StarColor.Yellow, "住院期间", "test");
            return await db.SaveChangesAsync();
        });
        Assert.Equal(["duesUnpaid"], (await RulesAsync()).Order());
        // Where unpaid dues do not make a star blue, December is yellow, and still the sixth month unpaid: the months
        // before are read for every member behind with dues, not only for the blue ones.
        var lenient = StarPolicy.Parse(policy.ToJson()).Policy!;
        lenient.Blue.DuesUnpaid = false;
        Assert.Equal(["duesUnpaid"], (await RulesAsync(lenient)).Order());

        // September's dues, recorded late, end the unpaid run: October to December is three months, under the red line
        // of six.
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync($"/api/v1/members/{dan}/dues/payments",
            new { from = "2026-09", amount = 0.5m, method = "transfer" })).StatusCode);
        Assert.Empty(await RulesAsync());
    }
}

public abstract class StarDisplayTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task A_display_link_shows_the_board_without_sign_in_streams_its_changes_and_stops_when_revoked()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var memberClient = await Tree.AccountAsync(App, admin, "member", branch, member);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.PostAsync($"/api/v1/orgs/{branch}/display-links", null)).StatusCode);
        var made = await (await secretary.PostAsync($"/api/v1/orgs/{branch}/display-links", null)).ReadAsync();
        var url = new Uri(made.GetProperty("url").GetString()!);
        Assert.True(url.AbsolutePath.Length > 40, "the token is long and random");

        var screen =
            App.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await screen.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("王建国", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await screen.GetAsync("/d/not-a-token")).StatusCode);

        // The live feed says "changed" when the branch's records change.
        using var live = await screen.GetAsync(url.AbsolutePath + "/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", live.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        async Task<string> NextEventAsync()
        {
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
                if (line.StartsWith("event: ", StringComparison.Ordinal)) return line[7..];
            return "";
        }
        Assert.Equal("ready", await NextEventAsync());
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/member-months",
            new { month = "2026-12", memberId = member, service = "义务清扫" })).StatusCode);
        Assert.Equal("changed", await NextEventAsync());

        var id =
            (await (await secretary.GetAsync($"/api/v1/orgs/{branch}/display-links")).ReadAsync())[0].GetProperty("id")
            .GetInt32();
        Assert.Equal(HttpStatusCode.NoContent,
            (await secretary.DeleteAsync($"/api/v1/orgs/{branch}/display-links/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screen.GetAsync(url.AbsolutePath)).StatusCode);
    }
}

public abstract class WhatIfTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task What_if_rates_last_year_again_under_a_proposed_document_side_by_side()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (present, absent) = (await Tree.MemberAsync(admin, branch), await Tree.MemberAsync(admin, branch));
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var day =
            (await (await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            })).ReadAsync()).GetProperty("id")
                .GetInt32();
        await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 9, 5, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsJsonAsync($"/api/v1/activity-days/{day}/attendance",
            new { memberId = present, reason = "现场签到" })).StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);
        foreach (var member in new[] { present, absent })
            Assert.Equal(HttpStatusCode.Created,
                (await secretary.PostAsJsonAsync($"/api/v1/members/{member}/dues/payments",
                new { from = "2026-12", amount = 0.5m })).StatusCode);

        // In January the absent member's make-up is overdue: blue in force; the proposal does not make that blue.
        App.Clock.Set(new DateTimeOffset(2027, 1, 10, 2, 0, 0, TimeSpan.Zero));
        var body = new { document = """{"blue":{"unexcusedWithoutMakeUp":false}}""", orgId = branch };
        Assert.Equal(HttpStatusCode.Forbidden,
            (await townAdmin.PostAsJsonAsync("/api/v1/policy/what-if", body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync("/api/v1/policy/what-if", new { document = "{\"blue\":7}", orgId = branch }))
            .StatusCode);
        var result = await (await admin.PostAsJsonAsync("/api/v1/policy/what-if", body)).ReadAsync();
        // Only December has anything recorded for this branch: the months before it are left out, not shown as noughts.
        var december = Assert.Single(result.GetProperty("months").EnumerateArray());
        Assert.Equal("2026-12", december.GetProperty("month").GetString());
        Assert.Equal((1, 1),
            (december.GetProperty("now").GetProperty("yellow").GetInt32(),
            december.GetProperty("now").GetProperty("blue").GetInt32()));
        Assert.Equal((2, 0),
            (december.GetProperty("proposed").GetProperty("yellow").GetInt32(),
            december.GetProperty("proposed").GetProperty("blue").GetInt32()));
        Assert.Equal(1, december.GetProperty("changed").GetInt32());
        Assert.Equal(1, result.GetProperty("changed").GetInt32());
        Assert.True(december.GetProperty("now").GetProperty("branchRed").GetInt32() >= 1,
            "50% attendance is a red branch warning under both");
    }
}

public sealed class WhatIfTestsOnSqlite(SqliteApp app) : WhatIfTests<SqliteApp>(app);
public sealed class WhatIfTestsOnPostgres(PostgresApp app) : WhatIfTests<PostgresApp>(app);
public sealed class StarDisplayTestsOnSqlite(SqliteApp app) : StarDisplayTests<SqliteApp>(app);
public sealed class StarDisplayTestsOnPostgres(PostgresApp app) : StarDisplayTests<PostgresApp>(app);
public sealed class StarTestsOnSqlite(SqliteApp app) : StarTests<SqliteApp>(app);
public sealed class WarningHistoryTestsOnSqlite(SqliteApp app) : WarningHistoryTests<SqliteApp>(app);
public sealed class WarningHistoryTestsOnPostgres(PostgresApp app) : WarningHistoryTests<PostgresApp>(app);
public sealed class StarTestsOnPostgres(PostgresApp app) : StarTests<PostgresApp>(app);
