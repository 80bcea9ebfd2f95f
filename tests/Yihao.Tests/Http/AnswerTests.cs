using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>Answers that mean what they say: who is asked first, what a route takes, repeats, updates and
/// timestamps.</summary>
public abstract class AnswerTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Nov25 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    static StringContent Text() => new("hello", Encoding.UTF8, "text/plain");

    [Fact]
    public async Task Without_a_token_every_route_answers_401_before_looking_at_the_body()
    {
        var stranger = App.CreateClient();
        string[] urls = ["/api/v1/activity-days/1/photos", "/api/v1/orgs/1/members/import", "/api/v1/members"];
        foreach (var url in urls)
        {
            var r = await stranger.PostAsync(url, Text());
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        // Sign-in itself needs no token, so its wrong body is the answer.
        var signIn = await stranger.PostAsync("/api/v1/auth/token", Text());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, signIn.StatusCode);
    }

    [Fact]
    public async Task A_415_names_what_the_route_takes()
    {
        var admin = await App.ClientAsync();
        var upload = await admin.PostAsync("/api/v1/activity-days/1/photos", Text());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        var title = (await upload.ReadAsync()).GetProperty("title").GetString()!;
        Assert.Contains("multipart/form-data", title);
        Assert.Contains("“file”", title);
        Assert.DoesNotContain("JSON", title);

        var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs/1/members/import") { Content = Text() };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await admin.SendAsync(english)).ReadAsync();
        Assert.Equal("Send the file as multipart/form-data in the field 'file'.", en.GetProperty("title").GetString());

        var json = await admin.PostAsync("/api/v1/members", Text());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("application/json", (await json.ReadAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_repeated_star_policy_is_the_existing_one_and_a_different_one_is_a_conflict()
    {
        App.Clock.Set(Nov25);
        var admin = await App.ClientAsync();
        var body = new { effectiveFrom = "2027-03", document = """{"red":{"studyNote":false},"publishDays":7}""" };
        var first = await admin.PostAsJsonAsync("/api/v1/policy/versions", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await admin.PostAsJsonAsync("/api/v1/policy/versions", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            (await first.ReadAsync()).GetProperty("id").GetInt32(),
            (await again.ReadAsync()).GetProperty("id").GetInt32()
        );
        var different = await admin.PostAsJsonAsync(
            "/api/v1/policy/versions",
            new { effectiveFrom = "2027-03", document = """{"publishDays":3}""" }
        );
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Contains("更晚的月份", (await different.ReadAsync()).GetProperty("title").GetString());
        var versions = await (await admin.GetAsync("/api/v1/policy/versions")).ReadAsync();
        var march = Assert.Single(versions.EnumerateArray(), v =>
            v.GetProperty("effectiveFrom").GetString() == "2027-03"
        );
        Assert.Equal(7, march.GetProperty("policy").GetProperty("publishDays").GetInt32());
    }

    [Fact]
    public async Task A_member_update_keeps_what_it_leaves_out_and_what_it_was_shown_masked()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var id = await Tree.MemberAsync(admin, branch);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var seen = await (await secretary.GetAsync($"/api/v1/members/{id}")).ReadAsync();
        Assert.NotEqual("13812345678", seen.GetProperty("phone").GetString()); // shown masked

        // What is stored, from the database: every reader of the API is shown the phone masked.
        Task<JsonElement> Stored() =>
            App.WithDbAsync(async db =>
            {
                var m = await db.Members.AsNoTracking().SingleAsync(m => m.Id == id);
                return JsonSerializer.SerializeToElement(
                    new
                    {
                        name = m.Name,
                        phone = m.Phone,
                        joinedOn = m.JoinedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    }
                );
            });

        // Only the name: everything else as it was.
        var renamed = await secretary.PutAsJsonAsync($"/api/v1/members/{id}", new { name = "王建华" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var after = await Stored();
        Assert.Equal(
            ("王建华", "13812345678", "2001-07-01"),
            (
                after.GetProperty("name").GetString(),
                after.GetProperty("phone").GetString(),
                after.GetProperty("joinedOn").GetString()
            )
        );

        // The masked phone and ID number sent back as they were shown: kept.
        var masked = new
        {
            phone = seen.GetProperty("phone").GetString(),
            idNumber = seen.GetProperty("idNumber").GetString(),
        };
        Assert.Equal(HttpStatusCode.OK, (await secretary.PutAsJsonAsync($"/api/v1/members/{id}", masked)).StatusCode);
        Assert.Equal("13812345678", (await Stored()).GetProperty("phone").GetString());

        // An explicit empty phone clears it; a new one replaces it.
        var phone = await admin.PutAsJsonAsync($"/api/v1/members/{id}", new { phone = "13900001111" });
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        Assert.Equal("13900001111", (await Stored()).GetProperty("phone").GetString());
        var noPhone = await admin.PutAsJsonAsync($"/api/v1/members/{id}", new { phone = "" });
        Assert.Equal(HttpStatusCode.OK, noPhone.StatusCode);
        Assert.Equal("", (await Stored()).GetProperty("phone").GetString());
    }

    async Task<(HttpClient Admin, int Day)> PlanAsync()
    {
        App.Clock.Set(Nov25);
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var created = await admin.PostAsJsonAsync(
            $"/api/v1/orgs/{branch}/activity-days",
            new
            {
                month = "2026-12",
                place = "村委会会议室",
                liaisonLeader = "张书记",
                agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
                studyMaterial = "党章第一章。",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await created.ReadAsync()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_plan_update_keeps_what_it_leaves_out_refuses_a_null_item_and_cannot_move_months()
    {
        var (admin, day) = await PlanAsync();
        var url = $"/api/v1/activity-days/{day}";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(url, new { place = "党群服务中心" })).StatusCode);
        var plan = await (await admin.GetAsync(url)).ReadAsync();
        Assert.Equal("党群服务中心", plan.GetProperty("place").GetString());
        Assert.Equal("张书记", plan.GetProperty("liaisonLeader").GetString());
        Assert.Equal("党章第一章。", plan.GetProperty("studyMaterial").GetString());
        Assert.Equal("学习党章", plan.GetProperty("agenda")[0].GetProperty("title").GetString());
        Assert.Equal("2026-12-01T01:00:00Z", plan.GetProperty("startsAt").GetString()); // 9:00 in China

        var nullItem = await admin.PostAsync(url + "?x=1", null); // a wrong method is not a 500 either
        Assert.NotEqual(HttpStatusCode.InternalServerError, nullItem.StatusCode);
        static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
        var broken = await admin.PutAsync(url, Json("""{"agenda":[null]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.True((await broken.ReadAsync()).GetProperty("errors").TryGetProperty("agenda[0]", out _));
        var title = await admin.PutAsync(url, Json("""{"agenda":[{"title":5}]}"""));
        Assert.True((await title.ReadAsync()).GetProperty("errors").TryGetProperty("agenda[0].title", out _));

        var moved = await admin.PutAsJsonAsync(url, new { month = "2027-01", place = "别处" });
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains(
            "其他月份",
            (await moved.ReadAsync()).GetProperty("errors").GetProperty("month")[0].GetString()
        );
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(url, new { month = "2026-12" })).StatusCode);
        var unchanged = await (await admin.GetAsync(url)).ReadAsync();
        Assert.Equal(
            ("党群服务中心", "2026-12", 1),
            (
                unchanged.GetProperty("place").GetString(),
                unchanged.GetProperty("month").GetString(),
                unchanged.GetProperty("agenda").GetArrayLength()
            )
        );

        // Clearing is explicit: "" for a text, [] for the agenda.
        var clear = await admin.PutAsJsonAsync(url, new { liaisonLeader = "", agenda = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        var cleared = await (await admin.GetAsync(url)).ReadAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("liaisonLeader").ValueKind);
        Assert.Equal(0, cleared.GetProperty("agenda").GetArrayLength());
    }

    static IEnumerable<string> Timestamps(JsonElement e) =>
        e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Timestamps(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Timestamps),
            JsonValueKind.String when e.GetString() is { Length: >= 19 } s && s[4] == '-' && s[10] == 'T' => [s],
            _ => [],
        };

    [Fact]
    public async Task Every_timestamp_in_the_api_is_utc_with_z_and_the_document_says_so()
    {
        var (admin, day) = await PlanAsync();
        var submitted = await admin.PostAsync($"/api/v1/activity-days/{day}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await admin.PostAsJsonAsync("/api/v1/policy/versions", new { effectiveFrom = "2027-02", document = "{}" });
        var seen = new List<string>();
        foreach (
            var url in new[]
            {
                $"/api/v1/activity-days/{day}",
                "/api/v1/policy/versions",
                "/api/v1/audit",
                "/api/v1/activity-days/review-queue",
            }
        )
        {
            var r = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            seen.AddRange(Timestamps(await r.ReadAsync()));
        }
        Assert.True(seen.Count >= 10, string.Join(", ", seen));
        Assert.All(seen, t => Assert.EndsWith("Z", t));
        Assert.All(seen, t =>
            Assert.Equal(
                DateTimeKind.Utc,
                DateTime
                    .Parse(
                        t,
                        System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AdjustToUniversal
                    )
                    .Kind
            )
        );

        var document = await App.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("UTC, ISO 8601 with Z", document);
    }
}

public sealed class AnswerTestsOnSqlite(SqliteApp app) : AnswerTests<SqliteApp>(app);

public sealed class AnswerTestsOnPostgres(PostgresApp app) : AnswerTests<PostgresApp>(app);
