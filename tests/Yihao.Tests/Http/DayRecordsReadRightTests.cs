using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MiniExcelLibs;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The day's records read right: 待完成 before the day, 合规 only with the six musts and a photo, no time for
/// an absent member, 姓名 for people, leave decisions told to the member, and warnings that name the member's branch and
/// page.</summary>
public abstract class DayRecordsReadRightTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov25 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    static DateTimeOffset Dec1(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    sealed record Branch(int Id, string Name, HttpClient Admin, HttpClient Secretary, int[] Members,
        HttpClient[] People);

    async Task<Branch> BranchAsync(int members)
    {
        App.Clock.Set(Nov25);
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var ids = new int[members];
        var people = new HttpClient[members];
        for (var i = 0; i < members; i++)
        {
            var made = await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch, name: Names[i]));
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            ids[i] = (await made.ReadAsync()).GetProperty("id").GetInt32();
            people[i] = await Tree.AccountAsync(App, admin, "member", branch, ids[i]);
        }
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var name = (await (await admin.GetAsync($"/api/v1/orgs/{branch}")).ReadAsync()).GetProperty("name")
            .GetString()!;
        var b = new Branch(branch, name, admin, secretary, ids, people);
        var created = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days", new
        {
            month = "2026-12",
            place = "村委会会议室",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        DayId = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{DayId}/submit", null)).StatusCode);
        var review = await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{DayId}/review", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        return b;
    }

    int DayId { get; set; }

    static readonly string[] Names = ["赵红梅", "钱满仓", "孙桂芳"];

    static object AllSix => new
    {
        badgesWorn = true,
        theoryStudyHeld = true,
        duesCollected = true,
        liaisonLeaderPresent = true,
        starsPosted = true,
        oathRenewed = true,
        minutes = "会议记录",
    };

    static async Task<(string State, string[] Missing)> ComplianceAsync(HttpClient c, int day)
    {
        var musts = await (await c.GetAsync($"/api/v1/activity-days/{day}/six-musts")).ReadAsync();
        return (musts.GetProperty("compliance").GetString()!,
            [.. musts.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!)]);
    }

    [Fact]
    public async Task A_day_is_pending_until_it_has_happened_and_compliant_only_with_all_six_musts_and_a_photo()
    {
        var b = await BranchAsync(1);
        var (state, missing) = await ComplianceAsync(b.Secretary, DayId);
        Assert.Equal("pending", state);
        Assert.Equal(["badgesWorn", "theoryStudyHeld", "duesCollected", "liaisonLeaderPresent", "starsPosted",
            "oathRenewed", "photo"], missing);

        // During the meeting the six are ticked: still pending, and only the photo is missing.
        App.Clock.Set(Dec1(10));
        var saved = await (await b.Secretary.PutAsJsonAsync($"/api/v1/activity-days/{DayId}/six-musts", AllSix))
            .ReadAsync();
        Assert.True(saved.GetProperty("compliant").GetBoolean()); // the six musts themselves
        Assert.Equal("pending", saved.GetProperty("compliance").GetString());
        Assert.Equal(["photo"], saved.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        // The day is over: without a photo it is not compliant; with one it is.
        App.Clock.Set(Dec1(11, 30));
        var over = await ComplianceAsync(b.Secretary, DayId);
        Assert.Equal("notCompliant", over.State);
        Assert.Equal(["photo"], over.Missing);
        var file =
            new ByteArrayContent(
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(64)]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var upload = await b.Secretary.PostAsync($"/api/v1/activity-days/{DayId}/photos",
            new MultipartFormDataContent { { file, "file", "会场.png" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var done = await ComplianceAsync(b.Secretary, DayId);
        Assert.Equal("compliant", done.State);
        Assert.Empty(done.Missing);
    }

    [Fact]
    public async Task A_leave_decision_is_told_to_the_member_and_the_archive_shows_no_time_for_an_absence()
    {
        var b = await BranchAsync(3);
        var leave = await (await b.People[1].PostAsJsonAsync($"/api/v1/activity-days/{DayId}/leave",
            new { reason = "外出务工" })).ReadAsync();
        var leaveId = leave.GetProperty("id").GetInt32();
        var decided = await b.Secretary.PostAsJsonAsync($"/api/v1/leave/{leaveId}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var told = (await (await b.People[1].GetAsync("/api/v1/me")).ReadAsync()).GetProperty("notifications")
            .EnumerateArray().Where(n => n.GetProperty("title").GetString() == "请假已批准").ToList();
        Assert.Single(told);
        Assert.Contains(b.Name, told[0].GetProperty("body").GetString());
        Assert.Equal(DayId, told[0].GetProperty("activityDayId").GetInt32());
        // The others were told nothing about it.
        Assert.DoesNotContain((await (await b.People[0].GetAsync("/api/v1/me")).ReadAsync())
            .GetProperty("notifications")
            .EnumerateArray(), n => n.GetProperty("title").GetString()!.StartsWith("请假", StringComparison.Ordinal));

        // One comes, one is on leave, one stays away; the day is closed.
        App.Clock.Set(Dec1(9, 5));
        var byHand = await b.Secretary.PostAsJsonAsync($"/api/v1/activity-days/{DayId}/attendance",
            new { memberId = b.Members[0], reason = "无智能手机" });
        Assert.Equal(HttpStatusCode.OK, byHand.StatusCode);
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{DayId}/close", null)).StatusCode);

        var xlsx = await b.Secretary.GetAsync($"/api/v1/activity-days/{DayId}/archive.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true, sheetName: "考勤").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(r.ContainsKey("姓名")));
        var time = rows.ToDictionary(r => (string)r["出勤情况"]!, r => r["时间"]?.ToString() ?? "");
        Assert.Equal("2026-12-01 09:05", time["实到"]);
        Assert.Equal("", time["请假"]);
        Assert.Equal("", time["缺席"]);
    }

    [Fact]
    public async Task A_members_warning_names_their_branch_and_the_list_pages_sorts_and_finds_by_name()
    {
        var b = await BranchAsync(3);
        App.Clock.Set(Dec1(11, 40));
        Assert.Equal(HttpStatusCode.OK,
            (await b.Secretary.PostAsync($"/api/v1/activity-days/{DayId}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await b.Admin.PostAsync("/api/v1/warnings/evaluate?month=2026-12", null)).StatusCode);

        var all = await (await b.Admin.GetAsync($"/api/v1/warnings?orgId={b.Id}&subjectKind=member&sort=name"))
            .ReadAsync();
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.All(items, w => Assert.Equal(b.Name, w.GetProperty("orgName").GetString()));
        var names = items.Select(w => w.GetProperty("subjectName").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        // A page of one, then the next; a name finds its own.
        var first = await (await b.Admin.GetAsync($"/api/v1/warnings?orgId={b.Id}&subjectKind=member&sort=name&take=1"))
            .ReadAsync();
        var second = await (await b.Admin.GetAsync(
            $"/api/v1/warnings?orgId={b.Id}&subjectKind=member&sort=name&take=1&skip=1")).ReadAsync();
        Assert.Equal(names[0], first.GetProperty("items")[0].GetProperty("subjectName").GetString());
        Assert.Equal(names[1], second.GetProperty("items")[0].GetProperty("subjectName").GetString());
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        var found = await (await b.Admin.GetAsync(
            $"/api/v1/warnings?orgId={b.Id}&q={Uri.EscapeDataString(names[2])}")).ReadAsync();
        Assert.Equal([names[2]], found.GetProperty("items").EnumerateArray()
            .Select(w => w.GetProperty("subjectName").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await b.Admin.GetAsync("/api/v1/warnings?sort=colour")).StatusCode);
    }
}

public sealed class DayRecordsReadRightTestsOnSqlite(SqliteApp app) : DayRecordsReadRightTests<SqliteApp>(app);
public sealed class DayRecordsReadRightTestsOnPostgres(PostgresApp app) : DayRecordsReadRightTests<PostgresApp>(app);
