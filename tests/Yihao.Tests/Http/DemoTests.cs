using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Features.Demo;
using Yihao.Web.Features.Stars;
using Yihao.Web.Features.Supervision;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Http;

/// <summary>`--demo` fills an empty database with a district at the source's scale, the same every time.</summary>
public abstract class DemoTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task The_demo_district_has_the_sources_scale_and_is_the_same_every_time()
    {
        var admin = await App.ClientAsync();
        var root = await (await admin.GetAsync("/api/v1/orgs/root")).ReadAsync();
        Assert.Equal(1028, root.GetProperty("branchCount").GetInt32());
        Assert.InRange(root.GetProperty("memberCount").GetInt32(), 30_000, 32_000);
        var towns = await (await admin.GetAsync($"/api/v1/orgs/{root.GetProperty("id").GetInt32()}/children"))
            .ReadAsync();
        Assert.Equal(20, towns.GetArrayLength());

        var (members, temporary, accounts, first) = await App.WithDbAsync(async db => (
            await db.Members.AsNoTracking().ToListAsync(),
            await db.Orgs.CountAsync(o => o.Kind == OrgKind.TemporaryBranch && o.StartsOn != null && o.EndsOn != null),
            await db.Users.GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count),
            await db.Members.AsNoTracking().OrderBy(m => m.Id).FirstAsync()));
        Assert.Equal(5, temporary);
        Assert.Equal(20, accounts[Roles.TownAdmin]);
        Assert.Equal(1028, accounts[Roles.BranchSecretary]);
        var today = new DateOnly(2026, 11, 25);
        Assert.All(members, m => Assert.Null(NationalId.Problem(m.IdNumber, today)));
        Assert.All(members.Where(m => m.Phone.Length > 0), m => Assert.True(Phone.IsValid(m.Phone)));
        Assert.Equal(members.Count, members.Select(m => m.IdNumber).Distinct().Count());
        Assert.InRange(members.Count(m => m.Participation == Participation.Mobile) * 100.0 / members.Count, 4, 6);
        Assert.InRange(members.Count(m => m.Participation == Participation.ElderlyInfirm) * 100.0 / members.Count, 3,
            6);
        Assert.All(members.Where(m => m.Participation == Participation.Mobile),
            m => Assert.False(string.IsNullOrEmpty(m.MobileWhere)));
        // Seeded: the same first member on every machine and either database.
        Assert.Equal(("谢芳", "610502195707210164"), (first.Name, first.IdNumber));

        // Demo accounts have their own password (not the admin's) and see their own part of the tree.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized,
            (await App.CreateClient()
            .PostAsJsonAsync("/api/v1/auth/token", new { username = "town01", password = YihaoApp.AdminPassword }))
                .StatusCode);
        var town = await App.ClientAsync("town01", YihaoApp.DemoPassword);
        Assert.Equal("town",
            (await (await town.GetAsync("/api/v1/orgs/root")).ReadAsync()).GetProperty("kind").GetString());
        var secretary = await App.ClientAsync("b0001", YihaoApp.DemoPassword);
        var branch = await (await secretary.GetAsync("/api/v1/orgs/root")).ReadAsync();
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.GetAsync($"/api/v1/members?orgId={branch.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());

        // Twelve months of history, attendance rising past 90% as in the source; next month's plans wait for review.
        var rootId = root.GetProperty("id").GetInt32();
        var earliest = await (await admin.GetAsync($"/api/v1/orgs/{rootId}/attendance?month=2025-12")).ReadAsync();
        var last = await (await admin.GetAsync($"/api/v1/orgs/{rootId}/attendance?month=2026-11")).ReadAsync();
        Assert.InRange(earliest.GetProperty("rate").GetDouble(), 0.8, 0.9);
        Assert.InRange(last.GetProperty("rate").GetDouble(), 0.9, 0.97);
        Assert.InRange(last.GetProperty("expected").GetInt32(), 29_000, 32_000);
        Assert.True(last.GetProperty("online").GetInt32() > 500 && last.GetProperty("atDoor").GetInt32() > 300);
        var (closedDays, overdue) = await App.WithDbAsync(async db => (
            await db.ActivityDays.CountAsync(d => d.State == ActivityState.Closed),
            await db.MakeUps.CountAsync(m => m.DoneOn == null && m.DueOn < new DateOnly(2026, 11, 25))));
        Assert.InRange(closedDays, 1023 * 12, 1028 * 12);
        Assert.True(overdue > 100, $"{overdue} overdue make-ups");
        // b0001's day is open now, whatever the date of seeding: m0001 checks in with the screen's code.
        var live = await App.WithDbAsync(db => db.ActivityDays.AsNoTracking()
            .Where(d => d.OrgId == branch.GetProperty("id").GetInt32() && d.State == ActivityState.Approved
                && d.Month == new DateOnly(2026, 11, 1))
            .SingleAsync());
        var code = await (await secretary.GetAsync($"/api/v1/activity-days/{live.Id}/code")).ReadAsync();
        Assert.True(code.GetProperty("open").GetBoolean());
        var member = await App.ClientAsync("m0001", YihaoApp.DemoPassword);
        var scan =
            await member.PostAsJsonAsync($"/api/v1/activity-days/{live.Id}/check-in",
            new { code = code.GetProperty("token").GetString() });
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        var queue = await (await town.GetAsync("/api/v1/activity-days/review-queue")).ReadAsync();
        Assert.True(queue.GetArrayLength() > 0);

        // The closed months' boards are posted and final, mostly red and yellow; the warning rules find the district's
        // laggards.
        var board =
            await (await secretary.GetAsync($"/api/v1/orgs/{branch.GetProperty("id").GetInt32()}/stars?month=2026-10"))
            .ReadAsync();
        Assert.Equal("final", board.GetProperty("state").GetString());
        var colours = board.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("star").GetString())
            .ToList();
        Assert.NotEmpty(colours);
        Assert.Contains(colours, c => c is "red" or "yellow");
        // Red now needs a confirmed service or fulfilment in the ledgers: the district has many, a branch may have none.
        var october = new DateOnly(2026, 10, 1);
        var reds = await App.WithDbAsync(db => db.MemberStars.CountAsync(m =>
            (m.Override ?? m.Proposed) == StarColor.Red
            && db.StarBoards.Any(b => b.Id == m.BoardId && b.Month == october)));
        Assert.True(reds > 300, $"{reds} red stars in the district's October");
        var evaluated = await (await admin.PostAsync("/api/v1/warnings/evaluate?month=2026-11", null)).ReadAsync();
        Assert.True(evaluated.GetProperty("open").GetInt32() > 100, $"{evaluated} open warnings");
        var red = await (await admin.GetAsync("/api/v1/warnings?level=red&status=open")).ReadAsync();
        Assert.True(red.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task The_demo_districts_year_of_supervision_has_every_kind_state_and_warning()
    {
        var admin = await App.ClientAsync();
        var today = new DateOnly(2026, 11, 25);
        var (kinds, coveredPlanned, draws, calls, items, lists, overdue, anomalies, notes) = await App.WithDbAsync(
            async db =>
        {
            var district = await db.Orgs.Where(o => o.ParentId == null).Select(o => o.Id).SingleAsync();
            var found = await Anomalies.FindAsync(db, district, db.ActivityDays, new SupervisionRule(), false,
                _ => false);
            return (
                await db.Inspections.Where(i => i.State == InspectionState.Recorded).GroupBy(i => i.Kind)
                    .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N),
                await db.Inspections.CountAsync(i => i.Kind == InspectionKind.CovertVisit
                    && i.State == InspectionState.Planned),
                await db.SampleDraws.AsNoTracking().ToListAsync(),
                await db.PhoneCalls.AsNoTracking().ToListAsync(),
                await db.ProblemItems.GroupBy(i => i.State).Select(g => new { g.Key, N = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.N),
                await db.ProblemLists.GroupBy(l => l.State).Select(g => new { g.Key, N = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.N),
                await db.ProblemItems.Where(i => i.State != ProblemItemState.Accepted && i.DueOn < today)
                    .Select(i => i.OrgId).Distinct().ToListAsync(),
                found.Values.SelectMany(v => v).GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count()),
                (await Anomalies.FindAsync(db, district,
                    db.ActivityDays.Where(d => d.Month == new DateOnly(2026, 10, 1)), new SupervisionRule(), true,
                    _ => true)).Values.SelectMany(v => v)
                    .Where(a => a.Kind == "copiedText" && a.Members.Count > 0).ToList());
        });
        // Every kind recorded over the year, this month's covert visits still planned (and so unseen by the branch).
        Assert.All(Enum.GetValues<InspectionKind>(), k => Assert.True(kinds.GetValueOrDefault(k) > 0, $"{k}"));
        Assert.True(kinds.Values.Sum() > 150, $"{kinds.Values.Sum()} inspections recorded");
        Assert.True(coveredPlanned > 0);
        // Every stored draw, of branches by risk or of a day's members, draws again the very same sample.
        Assert.True(draws.Count(d => d.Purpose == SamplePurpose.Branches) >= 12);
        Assert.True(draws.Count(d => d.Purpose == SamplePurpose.Members) >= 12);
        foreach (var d in draws)
        {
            var again = await (await admin.GetAsync($"/api/v1/supervision/samples/{d.Id}")).ReadAsync();
            Assert.True(again.GetProperty("matches").GetBoolean(), $"draw {d.Id} does not re-draw");
        }
        var risky = draws.First(d => d.Purpose == SamplePurpose.Branches && d.Month == new DateOnly(2026, 11, 1));
        Assert.True(Samples.CandidatesOf(risky).Select(c => c.Weight).Distinct().Count() > 1,
            "the risk weights differ between branches");
        // Phone checks with a few disagreements, each a finding naming the attendance row it contradicts.
        var disagreeing = calls.Where(c => c.Reached && !c.Agrees).ToList();
        Assert.InRange(disagreeing.Count, 1, calls.Count / 4);
        var findings = await App.WithDbAsync(db => db.Findings.AsNoTracking().ToDictionaryAsync(f => f.Id));
        Assert.All(disagreeing, c => Assert.Equal(c.AttendanceId, findings[c.FindingId!.Value].AttendanceId));
        // Problem lists in every state; the overdue items' branches red-warned by the existing rule.
        Assert.All(Enum.GetValues<ProblemItemState>(), s => Assert.True(items.GetValueOrDefault(s) > 0, $"{s}"));
        Assert.True(lists.GetValueOrDefault(ProblemListState.Open) > 0);
        Assert.True(lists.GetValueOrDefault(ProblemListState.Closed) > 0);
        Assert.NotEmpty(overdue);
        await admin.PostAsync("/api/v1/warnings/evaluate?month=2026-11", null);
        var warned = await App.WithDbAsync(db => db.Warnings.Where(w => w.Rule == "problemListOverdue"
            && w.Status != WarningStatus.Resolved && w.Level == WarningLevel.Red).Select(w => w.OrgId).ToListAsync());
        Assert.Empty(overdue.Except(warned));
        // The days made to look made up show as anomalies.
        foreach (var kind in new[] { "handMarked", "sharedDevice", "phoneContradicted", "copiedText" })
            Assert.True(anomalies.GetValueOrDefault(kind) > 0, kind);
        // Last month four branches of one town handed in one long study note: each day names the other three.
        Assert.Equal(4, notes.Count);
        Assert.All(notes, a => Assert.Equal("2026-10", a.Month));
        Assert.All(notes, a => Assert.NotEmpty(a.Members));
        Assert.All(notes, a => Assert.Superset(
            notes.Select(n => n.ActivityDayId).Where(d => d != a.ActivityDayId).ToHashSet(),
            a.OtherDays.Select(o => o.ActivityDayId).ToHashSet()));
    }

    [Fact]
    public async Task The_demo_districts_year_of_service_reaches_the_sources_figures()
    {
        // The demo's year: the twelve months up to its today (2026-11-25), in the ledgers' own counts.
        var admin = await App.ClientAsync();
        var root = (await (await admin.GetAsync("/api/v1/orgs/root")).ReadAsync()).GetProperty("id").GetInt32();
        var (from, to) = (new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 26));
        var (resolved, unresolved, things, visits, petitions, fulfilled, overdue) = await App.WithDbAsync(async db =>
        {
            var year = db.ServiceEntries.Where(e => e.State == ServiceState.Confirmed && e.DoneOn >= from
                && e.DoneOn < to);
            return (await year.CountAsync(e => e.Kind == ServiceKind.Dispute
                    && e.DisputeOutcome == DisputeOutcome.Resolved),
                await year.CountAsync(e => e.Kind == ServiceKind.Dispute
                    && e.DisputeOutcome != DisputeOutcome.Resolved),
                await year.CountAsync(e => e.Kind == ServiceKind.ThingDone),
                await year.CountAsync(e => e.Kind == ServiceKind.PairingVisit),
                await year.CountAsync(e => e.Kind == ServiceKind.Petition && e.Answer != null),
                await db.Commitments.CountAsync(c => c.ConfirmedOn >= from && c.ConfirmedOn < to),
                await db.Commitments.CountAsync(c => c.State == CommitmentState.Open && c.DueOn < to.AddDays(-1)));
        });
        Assert.True(resolved >= 830, $"{resolved} disputes resolved");
        Assert.True(things >= 16_000, $"{things} things done");
        Assert.True(fulfilled >= 30_000, $"{fulfilled} commitments fulfilled");
        Assert.True(unresolved > 0 && visits > 0 && petitions > 0 && overdue > 0);
        // The counts the district reads agree for the demo's own calendar year so far.
        var counts = await (await admin.GetAsync($"/api/v1/orgs/{root}/service/counts?period=2026")).ReadAsync();
        Assert.InRange(counts.GetProperty("thingsDone").GetInt32(), 1, things);
    }

    [Fact]
    public async Task The_demo_hailstorm_brings_200_volunteers_whose_hours_reach_the_ledger_counts()
    {
        var (hail, signUps, entries, town, admin, open) = await App.WithDbAsync(async db =>
        {
            var c = await db.CallOuts.AsNoTracking().SingleAsync(c => c.What == DemoCallOuts.Hailstorm);
            var s = await db.CallOutSignUps.AsNoTracking().Where(s => s.CallOutId == c.Id).ToListAsync();
            var ids = s.Select(x => x.ServiceEntryId).ToList();
            var e = await db.ServiceEntries.AsNoTracking().Include(e => e.Members)
                .Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
            var o = await db.Orgs.AsNoTracking().SingleAsync(o => o.Id == c.OrgId);
            var u = await db.Users.AsNoTracking().Where(u => u.OrgId == o.Id && u.Role == Roles.TownAdmin)
                .Select(u => u.UserName!).FirstAsync();
            var stillOpen = await db.CallOuts.CountAsync(x => x.State == CallOutState.Open);
            return (c, s, e, o, u, stillOpen);
        });
        Assert.Equal(OrgKind.Town, town.Kind);
        Assert.Equal(6, DistrictTime.Local(hail.StartsAt).Month);
        var came = signUps.Where(s => s.Came).ToList();
        Assert.True(came.Count >= 200, $"{came.Count} hailstorm volunteers");
        Assert.True(signUps.Count > came.Count, "some signed up and did not come");
        // Each who came is the ledger's confirmed volunteering entry, with the hours the organizer recorded.
        Assert.All(came, s =>
        {
            var e = entries[s.ServiceEntryId!.Value];
            Assert.Equal((ServiceKind.Volunteering, ServiceState.Confirmed, s.Hours), (e.Kind, e.State, e.Hours));
            Assert.Equal($"callout:{hail.Id}:{s.MemberId}", e.RequestKey);
            Assert.Equal(s.MemberId, Assert.Single(e.Members).MemberId);
        });
        Assert.All(signUps.Where(s => !s.Came), s => Assert.Null(s.ServiceEntryId));
        var hours = came.Sum(s => s.Hours!.Value);

        // The organizer's page and the town's counts for June read them.
        var client = await App.ClientAsync(admin, YihaoApp.DemoPassword);
        var view = await (await client.GetAsync($"/api/v1/call-outs/{hail.Id}")).ReadAsync();
        Assert.Equal(came.Count, view.GetProperty("came").GetInt32());
        Assert.Equal(hours, view.GetProperty("hours").GetDecimal());
        var june = $"{DistrictTime.Local(hail.StartsAt):yyyy-MM}";
        var counts = await (await client.GetAsync($"/api/v1/orgs/{town.Id}/service/counts?period={june}"))
            .ReadAsync();
        Assert.True(counts.GetProperty("volunteers").GetInt32() >= came.Count);
        Assert.True(counts.GetProperty("volunteerHours").GetDecimal() >= hours);

        // One call-out is still open, in m0001's town: the member sees it.
        Assert.Equal(1, open);
        var member = await App.ClientAsync("m0001", YihaoApp.DemoPassword);
        var seen = await (await member.GetAsync("/api/v1/call-outs?open=true")).ReadAsync();
        Assert.Equal(1, seen.GetArrayLength());
    }

    [Fact]
    public async Task The_demo_has_deliberation_topics_in_every_state_and_offers_open_ones_on_next_months_plan()
    {
        var (topics, draft) = await App.WithDbAsync(async db => (
            await db.DeliberationTopics.AsNoTracking().Include(t => t.FollowUps).ToListAsync(),
            await db.ActivityDays.AsNoTracking().Where(d => d.State == ActivityState.Draft
                    && d.Month == new DateOnly(2026, 12, 1)
                    && db.DeliberationTopics.Any(t => t.OrgId == d.OrgId && t.State == TopicState.Open))
                .Select(d => new
                {
                    d.Id,
                    Secretary = db.Users.Where(u => u.OrgId == d.OrgId && u.Role == Roles.BranchSecretary)
                        .Select(u => u.UserName).First(),
                })
                .FirstAsync()));
        var today = new DateOnly(2026, 11, 25);
        var open = topics.Where(t => t.State == TopicState.Open).ToList();
        Assert.True(open.Count(t => t.FollowUps.Count == 0) > 50, "open, not yet followed up");
        Assert.True(open.Count(t => t.FollowUps.Count > 0) > 50, "open and followed up");
        Assert.True(open.Count(t => t.IsOverdue(today)) > 10, "open past their due date");
        var done = topics.Where(t => t.State == TopicState.Done).ToList();
        var dropped = topics.Where(t => t.State == TopicState.Dropped).ToList();
        Assert.True(done.Count > 100 && dropped.Count > 20, $"{done.Count} done, {dropped.Count} dropped");
        Assert.All(done.Concat(dropped), t =>
        {
            Assert.Equal(t.State, t.FollowUps.OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).Last().State);
            Assert.NotNull(t.ClosedAt);
        });
        Assert.All(dropped, t => Assert.False(string.IsNullOrEmpty(t.DropReason)));
        Assert.Contains(topics, t => t.Raised.StartsWith(DemoDeliberation.Missed, StringComparison.Ordinal));
        Assert.All(topics.SelectMany(t => t.FollowUps), f => Assert.True(f.DoneOn <= today));

        // The secretary drafting December's plan is offered the branch's open topics.
        var secretary = await App.ClientAsync(draft.Secretary!, YihaoApp.DemoPassword);
        var pending = await (await secretary.GetAsync($"/api/v1/deliberation/days/{draft.Id}/pending")).ReadAsync();
        Assert.True(pending.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Warnings_from_the_confirmed_boards_and_runs_are_those_six_months_of_records_give()
    {
        // The demo's closed months have final boards made from the same records, so reading the months before as runs
        // from the boards must fire exactly what rating every month again from its records fires (the way warnings were
        // first computed).
        var month = new DateOnly(2026, 11, 1);
        var today = new DateOnly(2026, 11, 25);
        var (expected, actual, boards) = await App.WithDbAsync(async db =>
        {
            var district = await db.Orgs.Where(o => o.ParentId == null).Select(o => o.Id).SingleAsync();
            var policy = Policies.Read(await Policies.InForceAsync(db, district, month));
            var first = month.AddMonths(1 - policy.HistoryMonths);
            var facts = await StarFacts.LoadAsync(db, district, null, first, month, today);
            var fired = new HashSet<(int, string, bool, string)>();
            foreach (var ((branch, m), current) in facts.Where(f => f.Key.Month == month))
            {
                var history = new Dictionary<int, List<(MemberMonth, StarColor)>>();
                for (var past = first; past <= month; past = past.AddMonths(1))
                {
                    if (!facts[(branch, past)].Recorded && past != month) continue;
                    foreach (var mm in facts[(branch, past)].Members)
                    {
                        if (!history.TryGetValue(mm.MemberId, out var list)) history[mm.MemberId] = list = [];
                        list.Add((mm, StarRules.Rate(policy, mm).Star));
                    }
                }
                foreach (var mm in current.Members)
                    foreach (var (rule, red, reasons) in StarRules.MemberWarnings(policy, history[mm.MemberId]))
                        fired.Add((mm.MemberId, rule, red, string.Join("|", reasons)));
            }
            var (_, now, _) = await Warnings.FireAsync(db, policy, district, null, month, today);
            var got = now.Where(f => f.Key.Kind == WarningSubject.Member)
                .Select(f => (f.Key.Subject, f.Key.Rule, f.Value.Red, string.Join("|", f.Value.Reasons))).ToHashSet();
            return (fired, got,
                await db.StarBoards.CountAsync(b => b.Month >= first && b.Month < month
                && b.State != BoardState.Proposed));
        });
        Assert.True(boards > 4000, $"{boards} confirmed boards: the runs were not read from boards");
        Assert.True(expected.Count > 500, $"{expected.Count} member warnings");
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
    }
}

public sealed class DemoTestsOnSqlite(SqliteDemoApp app) : DemoTests<SqliteDemoApp>(app)
{
    [Fact]
    public async Task SQLite_has_its_planner_statistics_once_the_demo_is_loaded()
    {
        // Without them it read the warnings' absences by walking every closed day of five months, a second on this
        // district.
        var analyzed =
            await App.WithDbAsync(db =>
            db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'attendances'")
                .SingleAsync());
        Assert.True(analyzed > 0);
    }
}
public sealed class DemoTestsOnPostgres(PostgresDemoApp app) : DemoTests<PostgresDemoApp>(app);
