using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;
using Yihao.Web.Features.Supervision;

namespace Yihao.Tests.Http;

/// <summary>Supervision (督查) through the API: covert visits kept covert, a problem list's whole loop with its overdue
/// warning, samples drawn again from what was stored, phone checks that find what the record got wrong.</summary>
public abstract class SupervisionTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static readonly byte[] Png =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    sealed record Town(int Id, int Branch, HttpClient Admin, HttpClient Inspector, HttpClient Secretary,
        HttpClient TownAdmin)
    {
        public Dictionary<HttpClient, HttpClient> Pages { get; } = [];
    }

    async Task<Town> TownAsync()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var pages = new Dictionary<HttpClient, HttpClient>();
        async Task<HttpClient> Account(string role, int org)
        {
            var username = Tree.Unique("s");
            var r = await admin.PostAsJsonAsync("/api/v1/users",
                new { username, password = "Passw0rd-x", role, orgId = org });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            var api = await App.ClientAsync(username, "Passw0rd-x");
            pages[api] = await SignInAsync(username);
            return api;
        }
        var t = new Town(town, branch, admin, await Account("inspector", town),
            await Account("branchSecretary", branch), await Account("townAdmin", town));
        foreach (var (api, cookie) in pages) t.Pages[api] = cookie;
        return t;
    }

    /// <summary>A browser's session: a cookie from the sign-in page.</summary>
    async Task<HttpClient> SignInAsync(string username)
    {
        var cookie =
            App.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await cookie.GetStringAsync("/Account/Login");
        var token =
            System.Text.RegularExpressions.Regex.Match(page,
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await cookie.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = "Passw0rd-x",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return cookie;
    }

    static async Task<int> PlanAsync(HttpClient c, int branch, string kind, string on = "2026-11-26", int? day = null,
        HttpStatusCode expect = HttpStatusCode.Created)
    {
        var r = await c.PostAsJsonAsync("/api/v1/supervision/inspections",
            new { kind, orgId = branch, plannedOn = on, activityDayId = day });
        Assert.Equal(expect, r.StatusCode);
        return (await r.ReadAsync()).GetProperty("id").GetInt32();
    }

    static async Task<JsonElement> RecordAsync(HttpClient c, int id, params string[] findings)
    {
        var r = await c.PostAsJsonAsync($"/api/v1/supervision/inspections/{id}/record", new
        {
            checklist = new[] { new { item = "签到表与到场人员", ok = false, note = "到场 12 人，签到 20 人" } },
            findings,
            outcome = "存在问题，下发问题清单",
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.ReadAsync();
    }

    static HashSet<int> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray()
        .Select(i => i.GetProperty("id").GetInt32()).ToHashSet();

    [Fact]
    public async Task A_covert_visit_is_invisible_to_the_branch_and_the_town_through_every_route_until_it_is_recorded()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        var covert = await PlanAsync(t.Inspector, t.Branch, "covertVisit");
        // a doubled request
        Assert.Equal(covert, await PlanAsync(t.Inspector, t.Branch, "covertVisit", expect: HttpStatusCode.OK));
        var open = await PlanAsync(t.Inspector, t.Branch, "openVisit");
        Assert.Equal(1, App.WithDb(db => db.Inspections.Count(i => i.Id == covert)));

        foreach (var reader in new[] { t.Secretary, t.TownAdmin })
        {
            var all = await (await reader.GetAsync("/api/v1/supervision/inspections")).ReadAsync();
            Assert.Equal([open], Ids(all));
            Assert.Equal(1, all.GetProperty("total").GetInt32());
            var covertOnly = await (await reader.GetAsync("/api/v1/supervision/inspections?kind=covertVisit"))
                .ReadAsync();
            Assert.Equal(0, covertOnly.GetProperty("total").GetInt32());
            var planned =
                await (await reader.GetAsync($"/api/v1/supervision/inspections?state=planned&orgId={t.Branch}"))
                .ReadAsync();
            Assert.Equal(1, planned.GetProperty("total").GetInt32());
            Assert.Equal(HttpStatusCode.NotFound,
                (await reader.GetAsync($"/api/v1/supervision/inspections/{covert}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await reader.GetAsync($"/api/v1/supervision/inspections/{covert}/calls")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await reader.PostAsJsonAsync($"/api/v1/supervision/inspections/{covert}/problem-list",
                new { items = new[] { new { description = "x" } } })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/supervision/samples")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/supervision/inspections",
                new { kind = "openVisit", orgId = t.Branch, plannedOn = "2026-11-27" })).StatusCode);
            foreach (var page in new[] { "/Supervision", $"/Supervision?orgId={t.Branch}" })
            {
                var shown = await t.Pages[reader].GetAsync(page);
                Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
                var html = await shown.Content.ReadAsStringAsync();
                Assert.Contains($"/Supervision/Inspections/{open}", html);
                Assert.DoesNotContain($"/Supervision/Inspections/{covert}", html);
                Assert.DoesNotContain("暗访", html);
            }
            Assert.Equal(HttpStatusCode.NotFound,
                (await t.Pages[reader].GetAsync($"/Supervision/Inspections/{covert}")).StatusCode);
        }
        // An inspector of another town does not see it either; this town's inspector and the district admin do.
        var other = await TownAsync();
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Inspector.GetAsync($"/api/v1/supervision/inspections/{covert}")).StatusCode);
        Assert.Equal(0,
            (await (await other.Inspector.GetAsync("/api/v1/supervision/inspections")).ReadAsync()).GetProperty("total")
            .GetInt32());
        Assert.Contains(covert,
            Ids(await (await t.Admin.GetAsync($"/api/v1/supervision/inspections?orgId={t.Branch}")).ReadAsync()));
        Assert.Contains($"/Supervision/Inspections/{covert}",
            await (await t.Pages[t.Inspector].GetAsync("/Supervision")).Content.ReadAsStringAsync());

        // Recorded, it is disclosed.
        await RecordAsync(t.Inspector, covert, "签到人数与到场人数不符");
        Assert.Equal(HttpStatusCode.Conflict,
            (await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{covert}/record",
            new { outcome = "again" })).StatusCode);
        var seen = await (await t.Secretary.GetAsync($"/api/v1/supervision/inspections/{covert}")).ReadAsync();
        Assert.Equal("recorded", seen.GetProperty("state").GetString());
        Assert.Equal(2,
            (await (await t.TownAdmin.GetAsync("/api/v1/supervision/inspections")).ReadAsync()).GetProperty("total")
            .GetInt32());
    }

    [Fact]
    public async Task A_problem_list_is_issued_answered_reopened_answered_again_accepted_and_closed_and_its_overdue_warning_comes_and_goes()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        var id = await PlanAsync(t.Inspector, t.Branch, "randomInspection", "2026-11-25");
        var findings = (await RecordAsync(t.Inspector, id, "会议记录缺少讨论内容", "未佩戴党徽")).GetProperty("findings")
            .EnumerateArray().Select(f => f.GetProperty("id").GetInt32()).ToList();

        // A deadline in the past is refused, and nothing is issued.
        var bad = await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{id}/problem-list",
            new
            {
                items =
                new[] { new { findingId = (int?)findings[0], description = (string?)null, severity = "major",
                dueOn = (string?)"2026-11-01" } }
            });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("不能早于今天", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, App.WithDb(db => db.ProblemLists.Count(l => l.InspectionId == id)));

        object Body() => new
        {
            items = new[]
            {
                new { findingId = (int?)findings[0], description = (string?)null, severity = "serious",
                    dueOn = (string?)null },
                new { findingId = (int?)findings[1], description = (string?)"全体党员佩戴党徽", severity = "minor",
                    dueOn = (string?)"2026-11-30" },
            },
        };
        var issued = await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{id}/problem-list", Body());
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var list = await issued.ReadAsync();
        var listId = list.GetProperty("id").GetInt32();
        var again = await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{id}/problem-list", Body());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(listId, (await again.ReadAsync()).GetProperty("id").GetInt32());
        var items = list.GetProperty("itemList").EnumerateArray().ToList();
        Assert.Equal("2026-12-10", items[0].GetProperty("dueOn").GetString()); // today plus the policy's 15 days
        Assert.Equal("会议记录缺少讨论内容", items[0].GetProperty("description").GetString());
        var (first, second) = (items[0].GetProperty("id").GetInt32(), items[1].GetProperty("id").GetInt32());

        async Task<HttpResponseMessage> Answer(int item, string text, byte[]? file = null, string name = "p.png")
        {
            var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
            if (file is not null) form.Add(new ByteArrayContent(file), "files", name);
            return await t.Secretary.PostAsync($"/api/v1/supervision/problem-items/{item}/answer", form);
        }
        // Evidence that is not a photo or a PDF is refused, and nothing changes.
        var text = await Answer(second, "已整改", "not an image at all"u8.ToArray(), "x.png");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(1, App.WithDb(db => db.ProblemEvents.Count(e => e.ItemId == second)));
        Assert.Equal(ProblemItemState.Open, App.WithDb(db => db.ProblemItems.Single(i => i.Id == second).State));
        // Only the branch's secretary answers; an inspector cannot.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await t.Inspector.PostAsync($"/api/v1/supervision/problem-items/{first}/answer",
            new MultipartFormDataContent { { new StringContent("x"), "text" } })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Answer(first, "已补充讨论记录", Png)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Answer(first, "再次提交")).StatusCode);
        var reopen =
            await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/problem-items/{first}/reopen",
            new { comment = "缺少签字" });
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Answer(first, "已补签字")).StatusCode);
        var accepted =
            await (await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/problem-items/{first}/accept",
            new { comment = "" })).ReadAsync();
        Assert.Equal("open", accepted.GetProperty("state").GetString()); // the second item is not yet accepted
        var history = accepted.GetProperty("itemList")[0].GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["issued", "answered", "reopened", "answered", "accepted"],
            history.Select(e => e.GetProperty("action").GetString()));
        var evidence = history[1].GetProperty("files")[0].GetProperty("id").GetInt32();
        var served = await t.TownAdmin.GetAsync($"/api/v1/supervision/evidence/{evidence}");
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        var other = await TownAsync();
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Secretary.GetAsync($"/api/v1/supervision/evidence/{evidence}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.TownAdmin.GetAsync($"/api/v1/supervision/problem-lists/{listId}")).StatusCode);
        // an answer to a closed item
        Assert.Equal(HttpStatusCode.Conflict, (await Answer(first, "已关闭还能答吗")).StatusCode);

        // The second item passes its deadline: the branch's red warning, told to the town's admins.
        App.Clock.Set(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK,
            (await t.Admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode);
        JsonElement? Overdue(JsonElement page) => page.GetProperty("items").EnumerateArray()
            .Where(w => w.GetProperty("subjectKind").GetString() == "branch" && w.GetProperty("subjectId")
                .GetInt32() == t.Branch
                && w.GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("问题清单")))
            .Select(w => (JsonElement?)w).FirstOrDefault();
        var warning = Overdue(await (await t.TownAdmin.GetAsync($"/api/v1/warnings?orgId={t.Branch}")).ReadAsync());
        Assert.NotNull(warning);
        Assert.Equal("red", warning.Value.GetProperty("level").GetString());
        Assert.Equal("open", warning.Value.GetProperty("status").GetString());
        var notices = await (await t.TownAdmin.GetAsync("/api/v1/warnings/notices")).ReadAsync();
        Assert.Contains(notices.EnumerateArray(),
            n => n.GetProperty("id").GetInt32() == warning.Value.GetProperty("id").GetInt32());
        var overdueLists = await (await t.TownAdmin.GetAsync("/api/v1/supervision/problem-lists?overdue=true"))
            .ReadAsync();
        Assert.Equal([listId], Ids(overdueLists));
        Assert.Equal(1, overdueLists.GetProperty("items")[0].GetProperty("overdue").GetInt32());

        // Answered and accepted: the list closes and the warning resolves at once.
        Assert.Equal(HttpStatusCode.OK, (await Answer(second, "已要求全体党员佩戴党徽", Png)).StatusCode);
        var closed =
            await (await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/problem-items/{second}/accept", new { }))
            .ReadAsync();
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        var after = await (await t.TownAdmin.GetAsync($"/api/v1/warnings/{warning.Value.GetProperty("id").GetInt32()}"))
            .ReadAsync();
        Assert.Equal("resolved", after.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/problem-items/{second}/reopen",
            new { comment = "x" })).StatusCode);
        Assert.True((await (await t.Admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task A_sample_is_drawn_again_identically_from_what_was_stored_and_a_changed_input_is_detected()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        for (var k = 0; k < 5; k++) await Tree.OrgAsync(t.Admin, t.Id, "branch");
        var drawn =
            await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "branches", orgId = t.Id, month = "2026-12", size = 3 });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var sample = await drawn.ReadAsync();
        var id = sample.GetProperty("id").GetInt32();
        Assert.Equal(6, sample.GetProperty("candidates").GetArrayLength());
        Assert.Equal(3, sample.GetProperty("picked").GetArrayLength());
        Assert.True(sample.GetProperty("matches").GetBoolean());
        // Asking again gives the same sample, not a new draw.
        var again =
            await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "branches", orgId = t.Id, month = "2026-12", size = 3 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.ReadAsync()).GetProperty("id").GetInt32());
        var read = await (await t.Inspector.GetAsync($"/api/v1/supervision/samples/{id}")).ReadAsync();
        Assert.True(read.GetProperty("matches").GetBoolean());
        Assert.Equal(sample.GetProperty("picked").EnumerateArray().Select(p => p.GetInt32()),
            read.GetProperty("redrawn").EnumerateArray().Select(p => p.GetInt32()));
        // The draw from the stored seed and weights is the domain's: the same ids again.
        var row = await App.WithDbAsync(db => db.SampleDraws.AsNoTracking().SingleAsync(s => s.Id == id));
        var candidates = read.GetProperty("candidates").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetInt32(), c.GetProperty("weight").GetInt64())).ToList();
        Assert.Equal(Sampling.Draw((ulong)row.Seed, candidates, 3),
            read.GetProperty("picked").EnumerateArray().Select(p => p.GetInt32()));

        // Someone changes the stored weights: only a candidate not picked keeps one. The draw no longer matches.
        var notPicked = candidates.Select(c => c.Item1)
            .Except(read.GetProperty("picked").EnumerateArray().Select(p => p.GetInt32())).First();
        var forged =
            JsonSerializer.Serialize(candidates.Select(c => new[] { c.Item1, c.Item1 == notPicked ? 1L : 0L }));
        await App.WithDbAsync(db => db.SampleDraws.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Candidates, forged)));
        var checkedAgain = await (await t.Inspector.GetAsync($"/api/v1/supervision/samples/{id}")).ReadAsync();
        Assert.False(checkedAgain.GetProperty("matches").GetBoolean());
        Assert.Equal([notPicked], checkedAgain.GetProperty("redrawn").EnumerateArray().Select(p => p.GetInt32()));
        // Branches and towns never see samples; another town's inspector gets 404.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await t.Secretary.GetAsync($"/api/v1/supervision/samples/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await (await TownAsync()).Inspector.GetAsync($"/api/v1/supervision/samples/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_day_whose_members_were_mostly_marked_by_hand_weighs_its_branch_by_the_policy_weight()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        var scanned = await Tree.OrgAsync(t.Admin, t.Id, "branch");
        var byHand = new List<int>();
        var byScan = new List<int>();
        for (var k = 0; k < RiskInputs.HandMarkedAtLeast; k++)
        {
            byHand.Add(await Tree.MemberAsync(t.Admin, t.Branch));
            byScan.Add(await Tree.MemberAsync(t.Admin, scanned));
        }
        var at = new DateTime(2026, 11, 1, 3, 0, 0, DateTimeKind.Utc);
        foreach (var (org, members, method) in new[]
            { (t.Branch, byHand, CheckInMethod.Manual), (scanned, byScan, CheckInMethod.QrScan) })
            await Tree.ClosedDayAsync(App, org, at,
                [.. members.Select(m => (m, AttendanceStatus.Present, method))]);
        var drawn = await (await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "branches", orgId = t.Id, month = "2026-12", size = 1 })).ReadAsync();
        var branches = drawn.GetProperty("inputs").GetProperty("branches");
        Assert.Equal(1, branches.GetProperty($"{t.Branch}").GetProperty("handMarkedDays").GetInt32());
        Assert.Equal(0, branches.GetProperty($"{scanned}").GetProperty("handMarkedDays").GetInt32());
        var weights = drawn.GetProperty("candidates").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("weight").GetInt64());
        Assert.Equal(new SupervisionRule.RiskWeights().HandMarked, weights[t.Branch] - weights[scanned]);
    }

    [Fact]
    public async Task A_phone_check_reveals_only_the_sampled_phones_and_a_disagreement_becomes_a_finding_on_the_attendance_row()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        for (var k = 0; k < 4; k++) await Tree.MemberAsync(t.Admin, t.Branch);
        var created = await t.Secretary.PostAsJsonAsync($"/api/v1/orgs/{t.Branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "会议室",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } }
            });
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        await t.Secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        Assert.Equal(HttpStatusCode.OK,
            (await t.TownAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true }))
            .StatusCode);
        // A day not yet closed is not sampled.
        var early =
            await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "members", activityDayId = day, size = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal(0, App.WithDb(db => db.SampleDraws.Count(s => s.ActivityDayId == day)));
        App.Clock.Set(new DateTimeOffset(2026, 12, 1, 11, 40, 0, TimeSpan.FromHours(8)));
        // all absent
        Assert.Equal(HttpStatusCode.OK,
            (await t.Secretary.PostAsync($"/api/v1/activity-days/{day}/close", null)).StatusCode);
        var inspection = await PlanAsync(t.Inspector, t.Branch, "phoneCheck", "2026-12-02", day);
        Assert.Equal(0,
            (await (await t.Inspector.GetAsync($"/api/v1/supervision/inspections/{inspection}/calls")).ReadAsync())
            .GetArrayLength());
        var tooEarly =
            await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/calls",
            new { memberId = 1, reached = true, says = "attended" });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode); // nobody sampled yet
        var sample =
            await (await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "members", activityDayId = day, size = 2 })).ReadAsync();
        var picked = sample.GetProperty("picked").EnumerateArray().Select(p => p.GetInt32()).ToList();
        Assert.Equal(2, picked.Count);

        var reveals = App.WithDb(db => db.AuditEntries.Count(a => a.Action == "reveal"));
        var sheet = await (await t.Inspector.GetAsync($"/api/v1/supervision/inspections/{inspection}/calls"))
            .ReadAsync();
        Assert.Equal(picked, sheet.EnumerateArray().Select(r => r.GetProperty("memberId").GetInt32()));
        Assert.All(sheet.EnumerateArray(), r => Assert.Equal("13812345678", r.GetProperty("phone").GetString()));
        Assert.Equal(reveals + 2, App.WithDb(db => db.AuditEntries.Count(a => a.Action == "reveal")));
        // The branch's secretary never gets the sheet.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await t.Secretary.GetAsync($"/api/v1/supervision/inspections/{inspection}/calls")).StatusCode);

        var notSampled =
            App.WithDb(db => db.Attendances.Where(a => a.ActivityDayId == day && !picked.Contains(a.MemberId))
            .Select(a => a.MemberId).First());
        var refused =
            await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/calls",
            new { memberId = notSampled, reached = true, says = "attended" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("未被抽中", await refused.Content.ReadAsStringAsync());

        var call =
            await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/calls",
            new { memberId = picked[0], reached = true, says = "attended" });
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        var c = await call.ReadAsync();
        Assert.False(c.GetProperty("agrees").GetBoolean());
        Assert.Equal("unexcused", c.GetProperty("recorded").GetString());
        var twice =
            await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/calls",
            new { memberId = picked[0], reached = true, says = "attended" });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(c.GetProperty("id").GetInt32(), (await twice.ReadAsync()).GetProperty("id").GetInt32());
        var fits =
            await (await t.Inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection}/calls",
            new { memberId = picked[1], reached = true, says = "didNotAttend" })).ReadAsync();
        Assert.True(fits.GetProperty("agrees").GetBoolean());
        Assert.Equal(JsonValueKind.Null, fits.GetProperty("findingId").ValueKind);

        var view = await (await t.Inspector.GetAsync($"/api/v1/supervision/inspections/{inspection}")).ReadAsync();
        var finding = Assert.Single(view.GetProperty("findings").EnumerateArray());
        var row = App.WithDb(db => db.Attendances.Single(a => a.ActivityDayId == day && a.MemberId == picked[0]).Id);
        Assert.Equal(row, finding.GetProperty("attendanceId").GetInt32());
        Assert.Equal(c.GetProperty("findingId").GetInt32(), finding.GetProperty("id").GetInt32());

        // The disagreement is the day's anomaly, with the member it concerns.
        var anomaly = Assert.Single((await (await t.Inspector.GetAsync(
            $"/api/v1/supervision/anomalies?activityDayId={day}")).ReadAsync()).EnumerateArray());
        Assert.Equal(("phoneContradicted", 1, 2),
            (anomaly.GetProperty("kind").GetString(), anomaly.GetProperty("count").GetInt32(),
            anomaly.GetProperty("of").GetInt32()));
        var name = App.WithDb(db => db.Members.Single(m => m.Id == picked[0]).Name);
        Assert.Equal([name], anomaly.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task One_device_for_many_a_copied_note_and_a_reused_photo_are_a_days_anomalies_and_weigh_its_branch()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var t = await TownAsync();
        var other = await Tree.OrgAsync(t.Admin, t.Id, "branch");
        var ours = new List<int>();
        for (var k = 0; k < 4; k++) ours.Add(await Tree.MemberAsync(t.Admin, t.Branch));
        var theirs = await Tree.MemberAsync(t.Admin, other);
        const string note = "通过学习，我深刻认识到基层党组织是党全部工作和战斗力的基础，要把党员的先锋模范作用发挥在乡村振兴第一线。";
        var hash = new string('a', StoredFile.HashLength);
        var at = new DateTime(2026, 11, 1, 3, 0, 0, DateTimeKind.Utc);
        var (day, copiedFrom) = await App.WithDbAsync(async db =>
        {
            var district = await db.Orgs.Where(o => o.Id == t.Branch).Select(o => o.DistrictId).SingleAsync();
            db.StoredFiles.Add(new StoredFile
            {
                DistrictId = district,
                Hash = hash,
                ContentType = "image/png",
                Size = 19,
                FirstUploadedAt = at,
            });
            ActivityDay Day(int org, DateOnly month) => Tree.ClosedDay(district, org, month, at);
            var (a, b) = (Day(t.Branch, new DateOnly(2026, 11, 1)), Day(other, new DateOnly(2026, 10, 1)));
            db.ActivityDays.AddRange(a, b);
            await db.SaveChangesAsync();
            db.Attendances.AddRange(ours.Select((m, k) => new Attendance
            {
                DistrictId = district,
                ActivityDayId = a.Id,
                MemberId = m,
                Status = AttendanceStatus.Present,
                Method = CheckInMethod.QrScan,
                At = at,
                Device = k < 3 ? "one-phone-for-three" : "a-phone-of-its-own",
            }));
            db.StudyNotes.AddRange(
                new StudyNote
                {
                    DistrictId = district,
                    ActivityDayId = a.Id,
                    MemberId = ours[0],
                    Text = note,
                    SubmittedAt = at,
                },
                new StudyNote
                {
                    DistrictId = district,
                    ActivityDayId = b.Id,
                    MemberId = theirs,
                    Text = " " + note.Replace("，", ", "), // the same words, other punctuation
                    SubmittedAt = at,
                });
            db.DayPhotos.AddRange(
                new DayPhoto { DistrictId = district, ActivityDayId = a.Id, Hash = hash, UploadedAt = at },
                new DayPhoto { DistrictId = district, ActivityDayId = b.Id, Hash = hash, UploadedAt = at });
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var found = (await (await t.Inspector.GetAsync($"/api/v1/supervision/anomalies?activityDayId={day}"))
            .ReadAsync()).EnumerateArray().ToDictionary(a => a.GetProperty("kind").GetString()!);
        Assert.Equal(["copiedText", "reusedPhoto", "sharedDevice"], found.Keys.Order());
        Assert.Equal(3, found["sharedDevice"].GetProperty("count").GetInt32());
        Assert.Equal(3, found["sharedDevice"].GetProperty("members").GetArrayLength());
        Assert.Equal("one-phon…", found["sharedDevice"].GetProperty("device").GetString());
        foreach (var kind in new[] { "copiedText", "reusedPhoto" })
            Assert.Equal(copiedFrom, Assert.Single(found[kind].GetProperty("otherDays").EnumerateArray())
                .GetProperty("activityDayId").GetInt32());
        // The branch and the town never read anomalies; another town's inspector gets 404.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await t.Secretary.GetAsync($"/api/v1/supervision/anomalies?activityDayId={day}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await TownAsync()).Inspector.GetAsync(
            $"/api/v1/supervision/anomalies?activityDayId={day}")).StatusCode);
        // The day's page shows them to the inspector with their evidence, and not to its secretary.
        var page = await t.Pages[t.Inspector].GetStringAsync($"/ActivityDays/{day}");
        Assert.Contains("多名党员由同一设备签到", page);
        Assert.Contains("同一照片用于两次活动", page);
        Assert.DoesNotContain("day-anomalies", await t.Pages[t.Secretary].GetStringAsync($"/ActivityDays/{day}"));

        var drawn = await (await t.Inspector.PostAsJsonAsync("/api/v1/supervision/samples",
            new { purpose = "branches", orgId = t.Id, month = "2026-12", size = 1 })).ReadAsync();
        var inputs = drawn.GetProperty("inputs").GetProperty("branches").GetProperty($"{t.Branch}");
        Assert.Equal((1, 1, 1, 0), (inputs.GetProperty("sharedDeviceDays").GetInt32(),
            inputs.GetProperty("copiedTextDays").GetInt32(), inputs.GetProperty("reusedPhotoDays").GetInt32(),
            inputs.GetProperty("contradictedDays").GetInt32()));
        var w = new SupervisionRule.RiskWeights();
        var weight = drawn.GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("id").GetInt32() == t.Branch).GetProperty("weight").GetInt64();
        // base, November's day held (the other five months not), six musts not recorded, and the three anomalies
        Assert.Equal(w.Base + 5 * w.DayNotHeld + w.SixMustsMissing + w.SharedDevice + w.CopiedText + w.ReusedPhoto,
            weight);
    }
}

public sealed class SupervisionTestsOnSqlite(SqliteApp app) : SupervisionTests<SqliteApp>(app);
public sealed class SupervisionTestsOnPostgres(PostgresApp app) : SupervisionTests<PostgresApp>(app);
