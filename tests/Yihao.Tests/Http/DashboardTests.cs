using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Features.Dashboard;

namespace Yihao.Tests.Http;

/// <summary>The dashboard's rollups through every kind of write, checked against the records after each; the
/// dashboard's figures, its agreement with the attendance figures, its scope and its bad input.</summary>
public abstract class DashboardTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static DateTimeOffset Dec1(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    static async Task<JsonElement> DashboardAsync(HttpClient c, int org, string query = "month=2026-12")
    {
        var r = await c.GetAsync($"/api/v1/orgs/{org}/dashboard?{query}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.ReadAsync();
    }

    /// <summary>A plan of the branch's day in December 2026.</summary>
    static Task<HttpResponseMessage> PlanAsync(HttpClient c, int branch) =>
        c.PostAsJsonAsync(
            $"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
            }
        );

    static async Task AgreesWithAttendanceAsync(HttpClient c, int org)
    {
        var old = await (await c.GetAsync($"/api/v1/orgs/{org}/attendance?month=2026-12")).ReadAsync();
        var a = (await DashboardAsync(c, org)).GetProperty("figures").GetProperty("attendance");
        foreach (var f in new[] { "expected", "present", "excused", "unexcused", "online", "atDoor" })
            Assert.Equal(old.GetProperty(f).GetInt32(), a.GetProperty(f).GetInt32());
        Assert.Equal(old.GetProperty("rate").GetDouble(), a.GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task Every_kind_of_write_keeps_the_rollups_equal_to_the_records_and_the_dashboard_counts_them()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var members = new int[4];
        for (var i = 0; i < 4; i++)
            members[i] = await Tree.MemberAsync(admin, branch);
        var (alice, bob, carol, dave) = (members[0], members[1], members[2], members[3]);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var aliceClient = await Tree.AccountAsync(App, admin, "member", branch, alice);
        var carolClient = await Tree.AccountAsync(App, admin, "member", branch, carol);

        // Plan, submit (before the 25th: on time), review (before December: on time).
        var created = await PlanAsync(secretary, branch);
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await Drift.NoneAsync(admin, "a plan");
        var planned = (await DashboardAsync(admin, town)).GetProperty("figures");
        Assert.Equal(4, planned.GetProperty("attendance").GetProperty("expected").GetInt32()); // expected while open
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null)).StatusCode
        );
        await Drift.NoneAsync(admin, "a submit");
        Assert.Equal(
            HttpStatusCode.OK,
            (await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true })).StatusCode
        );
        await Drift.NoneAsync(admin, "a review");

        // A fifth member joins while the day is open: expected follows the roster.
        var eve = await Tree.MemberAsync(admin, branch);
        await Drift.NoneAsync(admin, "a new member");
        Assert.Equal(
            5,
            (await DashboardAsync(admin, town))
                .GetProperty("figures")
                .GetProperty("attendance")
                .GetProperty("expected")
                .GetInt32()
        );

        // Leave for Carol; the check-in lane for Alice (twice), the secretary's hand for Bob.
        var leave = await (
            await carolClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/leave", new { reason = "外出务工" })
        ).ReadAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/leave/{leave.GetProperty("id").GetInt32()}/decision",
                    new { approve = true }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "leave");
        App.Clock.Set(Dec1(8, 50));
        var code = (await (await secretary.GetAsync($"/api/v1/activity-days/{day}/code")).ReadAsync())
            .GetProperty("token")
            .GetString();
        for (var i = 0; i < 2; i++)
            Assert.Equal(
                HttpStatusCode.OK,
                (await aliceClient.PostAsJsonAsync($"/api/v1/activity-days/{day}/check-in", new { code })).StatusCode
            );
        await Drift.NoneAsync(admin, "a scan and its repeat");
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/activity-days/{day}/attendance",
                    new { memberId = bob, reason = "无智能手机" }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "a check-in by hand");
        var during = (await DashboardAsync(admin, town)).GetProperty("figures");
        Assert.Equal(
            (5, 2),
            (
                during.GetProperty("attendance").GetProperty("expected").GetInt32(),
                during.GetProperty("attendance").GetProperty("present").GetInt32()
            )
        );
        await AgreesWithAttendanceAsync(admin, town);

        // Closing fixes the rows, owes make-ups and runs the warnings.
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode
        );
        await Drift.NoneAsync(admin, "a closing");
        await AgreesWithAttendanceAsync(admin, town);
        await AgreesWithAttendanceAsync(admin, await Tree.RootIdAsync(admin));
        var closed = (await DashboardAsync(admin, town)).GetProperty("figures");
        var att = closed.GetProperty("attendance");
        Assert.Equal(
            (5, 2, 1, 2, 0.4),
            (
                att.GetProperty("expected").GetInt32(),
                att.GetProperty("present").GetInt32(),
                att.GetProperty("excused").GetInt32(),
                att.GetProperty("unexcused").GetInt32(),
                att.GetProperty("rate").GetDouble()
            )
        );
        var days = closed.GetProperty("days");
        Assert.Equal(
            (1, 1, 1, 0, 0),
            (
                days.GetProperty("branches").GetInt32(),
                days.GetProperty("held").GetInt32(),
                days.GetProperty("heldOnTime").GetInt32(),
                days.GetProperty("notHeld").GetInt32(),
                days.GetProperty("pending").GetInt32()
            )
        );
        var plans = closed.GetProperty("plans");
        Assert.Equal(
            (1, 1, 1, 1),
            (
                plans.GetProperty("submitted").GetInt32(),
                plans.GetProperty("submittedOnTime").GetInt32(),
                plans.GetProperty("reviewed").GetInt32(),
                plans.GetProperty("reviewedOnTime").GetInt32()
            )
        );
        Assert.Equal(3, closed.GetProperty("makeUps").GetProperty("owed").GetInt32());
        var raised = closed.GetProperty("warnings");
        Assert.True(raised.GetProperty("yellow").GetInt32() + raised.GetProperty("red").GetInt32() > 0);
        Assert.Equal(
            raised.GetProperty("yellow").GetInt32() + raised.GetProperty("red").GetInt32(),
            raised.GetProperty("open").GetInt32()
        );

        // Make-ups: Carol in time, Dave late, Eve never (overdue once the due date has passed).
        App.Clock.Set(Dec1(10).AddDays(5));
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await secretary.PutAsJsonAsync(
                    $"/api/v1/activity-days/{day}/make-ups/{carol}",
                    new { doneOn = "2026-12-06", what = "补学党章" }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "a make-up");
        App.Clock.Set(Dec1(10).AddDays(20));
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await secretary.PutAsJsonAsync(
                    $"/api/v1/activity-days/{day}/make-ups/{dave}",
                    new { doneOn = "2026-12-20", what = "补学党章" }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "a late make-up");
        var made = (await DashboardAsync(admin, town)).GetProperty("figures").GetProperty("makeUps");
        Assert.Equal(
            (3, 1, 1, 1, 1),
            (
                made.GetProperty("owed").GetInt32(),
                made.GetProperty("doneInTime").GetInt32(),
                made.GetProperty("doneLate").GetInt32(),
                made.GetProperty("open").GetInt32(),
                made.GetProperty("overdue").GetInt32()
            )
        );

        // Stars: proposed, overridden, confirmed.
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month=2026-12", null)).StatusCode
        );
        await Drift.NoneAsync(admin, "proposed stars");
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/orgs/{branch}/stars/override",
                    new
                    {
                        month = "2026-12",
                        memberId = bob,
                        star = "red",
                        reason = "带头服务群众",
                    }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "an override");
        var stars = (await DashboardAsync(admin, town)).GetProperty("figures").GetProperty("stars");
        Assert.Equal(
            5,
            stars.GetProperty("red").GetInt32()
                + stars.GetProperty("yellow").GetInt32()
                + stars.GetProperty("blue").GetInt32()
        );
        Assert.True(stars.GetProperty("red").GetInt32() >= 1);

        // A warning followed up, then the rules' run.
        var warnings = await (await townAdmin.GetAsync($"/api/v1/warnings?orgId={branch}&status=open")).ReadAsync();
        var first = warnings.GetProperty("items")[0].GetProperty("id").GetInt32();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await townAdmin.PostAsJsonAsync(
                    $"/api/v1/warnings/{first}/follow-ups",
                    new
                    {
                        on = "2026-12-05",
                        who = "李书记",
                        what = "谈心",
                    }
                )
            ).StatusCode
        );
        await Drift.NoneAsync(admin, "a follow-up");
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode
        );
        await Drift.NoneAsync(admin, "the warnings' run");
        Assert.True(
            (await DashboardAsync(admin, town))
                .GetProperty("figures")
                .GetProperty("warnings")
                .GetProperty("followedUp")
                .GetInt32() >= 1
        );

        // A member moves away: the closed day keeps its rows, and nothing drifts.
        var (_, elsewhere) = await Tree.TownWithBranchAsync(admin);
        var moved = await admin.PostAsJsonAsync(
            $"/api/v1/members/{eve}/transfers",
            new { toOrgId = elsewhere, effectiveOn = "2026-12-21" }
        );
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        await Drift.NoneAsync(admin, "a transfer");

        // A member sees the branch's public figures only.
        var mine = (await DashboardAsync(aliceClient, branch)).GetProperty("figures");
        Assert.True(mine.TryGetProperty("attendance", out _));
        Assert.False(mine.TryGetProperty("warnings", out _));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await aliceClient.GetAsync($"/api/v1/orgs/{town}/dashboard?month=2026-12")).StatusCode
        );
    }

    [Fact]
    public async Task A_year_adds_up_each_branch_month_as_its_month_does_closed_temporary_and_open_ones_too()
    {
        // Branches made on 10 March: A, C (closed on 15 June, backdated after a July day), P (temporary, April to
        // June). A held a day in January before it was made; it expects its members at an open day in December.
        App.Clock.Set(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var town = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var a = await Tree.OrgAsync(admin, town, "branch");
        var c = await Tree.OrgAsync(admin, town, "branch");
        var p = await Tree.OrgAsync(admin, town, "temporaryBranch", startsOn: "2026-04-01", endsOn: "2026-06-30");
        async Task<int[]> MembersAsync(int branch, int count)
        {
            var ids = new int[count];
            for (var i = 0; i < count; i++)
                ids[i] = await Tree.MemberAsync(admin, branch);
            return ids;
        }
        var (am, cm, pm) = (await MembersAsync(a, 3), await MembersAsync(c, 2), await MembersAsync(p, 2));
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Created, (await PlanAsync(admin, a)).StatusCode);
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        const AttendanceStatus In = AttendanceStatus.Present, Away = AttendanceStatus.Unexcused;
        static DateTime On(int month, int day = 5) => new(2026, month, day, 2, 0, 0, DateTimeKind.Utc);
        Task<int> DayAsync(int branch, DateTime at, params (int, AttendanceStatus)[] rows) =>
            Tree.ClosedDayAsync(App, branch, at, [.. rows.Select(r => (r.Item1, r.Item2, CheckInMethod.Manual))]);
        var january = await DayAsync(a, On(1), (am[0], In), (am[1], In), (am[2], Away));
        await DayAsync(a, On(3, 1), (am[0], In), (am[1], In), (am[2], In)); // on the 1st
        var april = await DayAsync(c, On(4), (cm[0], In), (cm[1], AttendanceStatus.Excused));
        await DayAsync(p, On(5), (pm[0], In), (pm[1], AttendanceStatus.Online));
        await DayAsync(c, On(7), (cm[0], In), (cm[1], In));
        var november = await DayAsync(a, On(11), (am[0], In), (am[1], Away), (am[2], Away));
        // Make-ups: January's open and overdue, April's done in time, November's open and not yet due.
        await App.WithDbAsync(async db =>
        {
            var district = await db.Orgs.Where(o => o.Id == a).Select(o => o.DistrictId).SingleAsync();
            MakeUp Owed(int day, int member, int month, int dueDay, int? doneDay = null) =>
                new()
                {
                    DistrictId = district,
                    ActivityDayId = day,
                    MemberId = member,
                    DueOn = new DateOnly(2026, month, dueDay),
                    DoneOn = doneDay is { } d ? new DateOnly(2026, month, d) : null,
                };
            db.MakeUps.AddRange(
                Owed(january, am[2], 1, 20),
                Owed(april, cm[1], 4, 20, 10),
                Owed(november, am[1], 12, 20),
                Owed(november, am[2], 12, 20)
            );
            return await db.SaveChangesAsync();
        });
        foreach (var m in cm)
            Assert.True(
                (
                    await admin.PostAsJsonAsync(
                        $"/api/v1/members/{m}/transfers",
                        new { toOrgId = a, effectiveOn = "2026-06-15" }
                    )
                ).IsSuccessStatusCode
            );
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{c}/close", new { closedOn = "2026-06-15" })).StatusCode
        );
        await Drift.NoneAsync(admin, "a year of days");

        var year = await DashboardAsync(admin, town, "year=2026");
        var f = year.GetProperty("figures");
        int[] Of(JsonElement e, params string[] names) => [.. names.Select(n => e.GetProperty(n).GetInt32())];
        // Expected: 3 + 3 + 2 + 2 + 2 + 3 closed, and the open day's five members (C's two moved to A).
        Assert.Equal(
            new[] { 20, 10, 1, 3, 1, 0 },
            Of(f.GetProperty("attendance"), "expected", "present", "excused", "unexcused", "online", "atDoor")
        );
        Assert.Equal(0.55, f.GetProperty("attendance").GetProperty("rate").GetDouble());
        // Branch-months: A's January (by its day) and March to December, C's March to June and July (by its day),
        // P's April to June.
        Assert.Equal(
            new[] { 19, 6, 1, 12, 1 },
            Of(f.GetProperty("days"), "branches", "held", "heldOnTime", "notHeld", "pending")
        );
        Assert.Equal(
            new[] { 4, 1, 0, 3, 1 },
            Of(f.GetProperty("makeUps"), "owed", "doneInTime", "doneLate", "open", "overdue")
        );
        Assert.Equal(
            new[] { 1, 0, 2, 3, 3, 3, 2, 1, 1, 1, 1, 1 },
            year.GetProperty("trend")
                .EnumerateArray()
                .Select(m => m.GetProperty("figures").GetProperty("days").GetProperty("branches").GetInt32())
        );
        // Each month of the year is that month's own dashboard, and the town is the district's child alike.
        foreach (var m in year.GetProperty("trend").EnumerateArray())
        {
            var month = m.GetProperty("month").GetString();
            Assert.Equal(
                (await DashboardAsync(admin, town, $"month={month}")).GetProperty("figures").GetRawText(),
                m.GetProperty("figures").GetRawText()
            );
        }
        var root = await DashboardAsync(admin, await Tree.RootIdAsync(admin), "year=2026");
        Assert.Equal(
            f.GetRawText(),
            root.GetProperty("children")
                .EnumerateArray()
                .Single(n => n.GetProperty("orgId").GetInt32() == town)
                .GetProperty("figures")
                .GetRawText()
        );

        // The heat map's and the rankings' rates: month by month where a branch had a day, and over the year.
        var branches = await App.WithDbAsync(async db =>
            (
                await DashboardFigures.ForAsync(
                    db,
                    await db.Orgs.SingleAsync(o => o.Id == town),
                    new DateOnly(2026, 1, 1),
                    new DateOnly(2026, 12, 1),
                    "2026",
                    new DateOnly(2026, 12, 10),
                    false
                )
            ).Branches.ToDictionary(b => b.OrgId)
        );
        double?[] Months(params (int Month, double Rate)[] rates)
        {
            var of = rates.ToDictionary(r => r.Month, r => r.Rate);
            return [.. Enumerable.Range(1, 12).Select(m => of.TryGetValue(m, out var r) ? r : (double?)null)];
        }
        Assert.Equal(Months((1, 0.6667), (3, 1), (11, 0.3333), (12, 0)), branches[a].Rates);
        Assert.Equal((0.4286, 3, 1), (branches[a].Rate, branches[a].Held, branches[a].HeldOnTime));
        Assert.Equal(Months((4, 0.5), (7, 1)), branches[c].Rates);
        Assert.Equal((0.75, 2, 0), (branches[c].Rate, branches[c].Held, branches[c].HeldOnTime));
        Assert.Equal(Months((5, 1)), branches[p].Rates);
        Assert.Equal((1.0, 1, 0), (branches[p].Rate, branches[p].Held, branches[p].HeldOnTime));
    }

    [Fact]
    public async Task Dues_owed_are_the_members_arrears_counted_one_by_one_and_a_payment_lowers_them()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var old = await Tree.MemberAsync(admin, branch); // joined in 2001
        var other = await Tree.MemberAsync(admin, branch);
        var joinedJune = await (
            await admin.PostAsJsonAsync(
                "/api/v1/members",
                new
                {
                    orgId = branch,
                    name = "李新",
                    idNumber = People.IdNumber(),
                    kind = "full",
                    joinedOn = "2026-06-15",
                    monthlyDues = 2m,
                }
            )
        ).ReadAsync();
        Assert.NotEqual(0, joinedJune.GetProperty("id").GetInt32());
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/members/{old}/dues/payments",
                    new { from = "2026-01", to = "2026-06", amount = 3m }
                )
            ).StatusCode
        );

        async Task<(int Months, int Members)> OwedAsync(HttpClient c, int org, string query)
        {
            var l = (await DashboardAsync(c, org, query)).GetProperty("ledgers");
            return (l.GetProperty("duesMonthsOwed").GetInt32(), l.GetProperty("duesMembersOwing").GetInt32());
        }
        // The dues page's arrears of the same months, member by member.
        async Task<(int Months, int Members)> OneByOneAsync(int org, string from, string to)
        {
            var a = await (await admin.GetAsync($"/api/v1/orgs/{org}/dues/arrears?from={from}&to={to}")).ReadAsync();
            var months = a.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("owing").GetInt32());
            return (months, a.GetProperty("owing").GetInt32());
        }

        // A year: 12 + 6 (January to June paid) + 7 (joined in June) months; December: all three.
        Assert.Equal((25, 3), await OwedAsync(admin, town, "year=2026"));
        Assert.Equal(await OneByOneAsync(town, "2026-01", "2026-12"), await OwedAsync(admin, town, "year=2026"));
        Assert.Equal((3, 3), await OwedAsync(secretary, branch, "month=2026-12"));
        Assert.Equal(
            await OneByOneAsync(branch, "2026-12", "2026-12"),
            await OwedAsync(admin, branch, "month=2026-12")
        );
        // Before June the new member owes nothing: May counts the two members only.
        Assert.Equal((1, 1), await OwedAsync(admin, town, "month=2026-05"));

        // A payment of July to December lowers the year by six months and December by one member.
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/members/{other}/dues/payments",
                    new { from = "2026-07", to = "2026-12", amount = 3m }
                )
            ).StatusCode
        );
        Assert.Equal((19, 3), await OwedAsync(admin, town, "year=2026"));
        Assert.Equal(await OneByOneAsync(town, "2026-01", "2026-12"), await OwedAsync(admin, town, "year=2026"));
        Assert.Equal((2, 2), await OwedAsync(admin, town, "month=2026-12"));
        Assert.Equal(await OneByOneAsync(town, "2026-12", "2026-12"), await OwedAsync(admin, town, "month=2026-12"));

        // Twelve months across two years (as the town's to-do list asks): the first member has paid them all, the
        // second none, the new member owes June only.
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await secretary.PostAsJsonAsync(
                    $"/api/v1/members/{old}/dues/payments",
                    new { from = "2025-07", to = "2025-12", amount = 3m }
                )
            ).StatusCode
        );
        var across = await App.WithDbAsync(async db =>
            await LedgerFigures.DuesOwedAsync(
                db,
                await db.Orgs.FirstAsync(o => o.Id == town),
                new DateOnly(2025, 7, 1),
                new DateOnly(2026, 6, 1)
            )
        );
        Assert.Equal((13, 2), across);
        Assert.Equal(await OneByOneAsync(town, "2025-07", "2026-06"), across);
        await Drift.NoneAsync(admin, "payments across two years");
    }

    [Fact]
    public async Task The_check_finds_a_tampered_rollup_and_a_rebuild_mends_it()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        Assert.Equal(HttpStatusCode.Created, (await PlanAsync(secretary, branch)).StatusCode);
        await Drift.NoneAsync(admin, "a plan");
        await App.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE month_rollups SET present = present + 7 WHERE org_id = {branch}")
        );
        var drift = (await (await admin.GetAsync("/api/v1/rollups/check")).ReadAsync()).GetProperty("drift");
        var one = Assert.Single(drift.EnumerateArray());
        Assert.Equal(
            (branch, "2026-12", "present", 7, 0),
            (
                one.GetProperty("orgId").GetInt32(),
                one.GetProperty("month").GetString(),
                one.GetProperty("field").GetString(),
                one.GetProperty("stored").GetInt32(),
                one.GetProperty("computed").GetInt32()
            )
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/rollups/check")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsync("/api/v1/rollups/rebuild", null)).StatusCode);
        var rebuilt = await (await admin.PostAsync("/api/v1/rollups/rebuild", null)).ReadAsync();
        Assert.Equal(0, rebuilt.GetProperty("drift").GetArrayLength());
        await Drift.NoneAsync(admin, "a rebuild");
    }

    [Fact]
    public async Task Bad_input_is_answered_clearly_and_out_of_scope_is_not_found()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, _) = await Tree.TownWithBranchAsync(admin);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        foreach (var q in new[] { "month=2026-13", "month=abc", "year=20x6", "year=1999", "month=2026-12&year=2026" })
        {
            var r = await admin.GetAsync($"/api/v1/orgs/{town}/dashboard?{q}");
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await townAdmin.GetAsync($"/api/v1/orgs/{otherTown}/dashboard?month=2026-12")).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/orgs/999999/dashboard")).StatusCode);

        // A year without records: twelve empty months, said so.
        var empty = await DashboardAsync(townAdmin, branch, "year=2020");
        Assert.False(empty.GetProperty("hasRecords").GetBoolean());
        Assert.Equal(
            ("2020-01", "2020-12", 12),
            (
                empty.GetProperty("from").GetString(),
                empty.GetProperty("to").GetString(),
                empty.GetProperty("trend").GetArrayLength()
            )
        );
        // The current year rolls: the twelve months up to this one.
        var rolling = await DashboardAsync(townAdmin, town, "year=2026");
        Assert.Equal(
            ("2025-12", "2026-11"),
            (rolling.GetProperty("from").GetString(), rolling.GetProperty("to").GetString())
        );
        // Its one branch counts from the month it was made in, November: to be held still, none missed.
        var d = rolling.GetProperty("figures").GetProperty("days");
        Assert.Equal(
            (1, 0, 1),
            (
                d.GetProperty("branches").GetInt32(),
                d.GetProperty("notHeld").GetInt32(),
                d.GetProperty("pending").GetInt32()
            )
        );
    }
}

public sealed class DashboardTestsOnSqlite(SqliteApp app) : DashboardTests<SqliteApp>(app);

public sealed class DashboardTestsOnPostgres(PostgresApp app) : DashboardTests<PostgresApp>(app);
