using System.Net;
using System.Net.Http.Json;
using System.Text;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

public abstract class MemberTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task A_member_is_created_read_and_listed()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var id = People.IdNumber("19850312", male: false);
        var created = await admin.PostAsJsonAsync("/api/v1/members", new
        {
            orgId = branch,
            name = "李秀兰",
            idNumber = id,
            phone = "139 1234 5678",
            kind = "probationary",
            joinedOn = "2026-06-01",
            monthlyDues = 2.5m,
            participation = "mobile",
            mobileWhere = "深圳市宝安区",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var m = await created.ReadAsync();
        Assert.Equal("female", m.GetProperty("gender").GetString());
        // Even the district admin sees the number, the phone and the birth date masked until a reveal.
        Assert.Equal(1985, m.GetProperty("birthYear").GetInt32());
        Assert.Equal("*******5678", m.GetProperty("phone").GetString());
        var stored = App.WithDb(db => db.Members.Single(x => x.IdNumber == id));
        Assert.Equal(("13912345678", new DateOnly(1985, 3, 12)), (stored.Phone, stored.BirthDate));
        Assert.Equal("mobile", m.GetProperty("participation").GetString());
        Assert.EndsWith($"/api/v1/members/{m.GetProperty("id").GetInt32()}", created.Headers.Location!.ToString());

        var list = await (await admin.GetAsync($"/api/v1/members?orgId={branch}&page=1&pageSize=10")).ReadAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("李秀兰", list.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_in_chinese_and_changes_nothing()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var r = await admin.PostAsJsonAsync("/api/v1/members",
            new
            {
                orgId = branch,
                name = new string('王', 51),
                idNumber = "61050219800501001X",
                kind = "x",
                joinedOn = "someday"
            });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var problem = await r.ReadAsync();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "idNumber", "kind", "joinedOn" }) Assert.True(
            errors.TryGetProperty(field, out _), field);
        Assert.Contains("校验码", errors.GetProperty("idNumber")[0].GetString());
        Assert.Equal(0,
            (await (await admin.GetAsync($"/api/v1/members?orgId={branch}")).ReadAsync()).GetProperty("total")
            .GetInt32());

        var wrongType =
            await admin.PostAsync("/api/v1/members",
            new StringContent("{\"orgId\":\"abc\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", (await wrongType.ReadAsync()).GetProperty("title").GetString());

        var english =
            new HttpRequestMessage(HttpMethod.Post,
            "/api/v1/members")
            { Content = JsonContent.Create(new { orgId = branch, name = "" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await admin.SendAsync(english)).ReadAsync();
        Assert.Equal("A name is required.", en.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task A_doubled_create_makes_one_member()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var body = Tree.MemberBody(branch);
        var results =
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsJsonAsync("/api/v1/members", body)));
        Assert.Single(results, x => x.StatusCode == HttpStatusCode.Created);
        Assert.All(results.Where(x => x.StatusCode != HttpStatusCode.Created),
            x => Assert.Equal(HttpStatusCode.Conflict, x.StatusCode));
        Assert.Equal(1,
            (await (await admin.GetAsync($"/api/v1/members?orgId={branch}")).ReadAsync()).GetProperty("total")
            .GetInt32());
    }

    [Fact]
    public async Task A_transfer_keeps_the_history_and_a_retry_changes_nothing()
    {
        var admin = await App.ClientAsync();
        var (town, from) = await Tree.TownWithBranchAsync(admin);
        var to = await Tree.OrgAsync(admin, town, "branch");
        var id = await Tree.MemberAsync(admin, from);

        var body = new { toOrgId = to, effectiveOn = "2026-11-01", note = "工作调动" };
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers", body)).StatusCode);
        var history = await (await admin.GetAsync($"/api/v1/members/{id}/transfers")).ReadAsync();
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(from, history[1].GetProperty("fromOrgId").GetInt32());
        Assert.Equal(to, history[1].GetProperty("toOrgId").GetInt32());
        Assert.Equal("2026-11-01", history[1].GetProperty("effectiveOn").GetString());

        var future =
            await admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers",
            new { toOrgId = from, effectiveOn = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var backdated =
            await admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers",
            new { toOrgId = from, effectiveOn = "2026-10-01" });
        Assert.Equal(HttpStatusCode.BadRequest, backdated.StatusCode);
        Assert.Equal(to,
            (await (await admin.GetAsync($"/api/v1/members/{id}")).ReadAsync()).GetProperty("orgId").GetInt32());
    }

    [Fact]
    public async Task A_secretary_edits_around_masked_values_without_losing_them()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var idNumber = People.IdNumber();
        var id = await Tree.MemberAsync(admin, branch, idNumber);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var seen = await (await secretary.GetAsync($"/api/v1/members/{id}")).ReadAsync();

        var edit = await secretary.PutAsJsonAsync($"/api/v1/members/{id}", new
        {
            orgId = branch,
            name = "王建国",
            idNumber = seen.GetProperty("idNumber").GetString(),
            phone = seen.GetProperty("phone").GetString(),
            kind = "full",
            joinedOn = "2001-07-01",
            monthlyDues = 0.5m,
            participation = "elderlyInfirm",
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var full = App.WithDb(db => db.Members.Single(m => m.Id == id));
        Assert.Equal(idNumber, full.IdNumber);
        Assert.Equal("13812345678", full.Phone);
        Assert.Equal(Yihao.Web.Domain.Participation.ElderlyInfirm, full.Participation);
    }
}

public sealed class MemberTestsOnSqlite(SqliteApp app) : MemberTests<SqliteApp>(app);
public sealed class MemberTestsOnPostgres(PostgresApp app) : MemberTests<PostgresApp>(app);
