using System.Net;
using System.Net.Http.Json;
using System.Text;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>Races, retries, stale copies and leaks: what goes wrong when several people use the system at
/// once.</summary>
public abstract class IntegrityTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task Parallel_creates_of_one_sibling_name_make_one_organization()
    {
        var admin = await App.ClientAsync();
        var town = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var results =
            await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ =>
                admin.PostAsJsonAsync("/api/v1/orgs", new { parentId = town, name = "并发支部", kind = "branch" })));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, (await (await admin.GetAsync($"/api/v1/orgs/{town}/children")).ReadAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Parallel_identical_transfers_write_one_history_row()
    {
        var admin = await App.ClientAsync();
        var (town, from) = await Tree.TownWithBranchAsync(admin);
        var to = await Tree.OrgAsync(admin, town, "branch");
        var id = await Tree.MemberAsync(admin, from);
        var results =
            await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(_ =>
                admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers",
                new { toOrgId = to, effectiveOn = "2026-11-02" })));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, (await (await admin.GetAsync($"/api/v1/members/{id}/transfers")).ReadAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_edit_from_a_stale_copy_is_refused_instead_of_overwriting()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var id = await Tree.MemberAsync(admin, branch);
        var copy = await (await admin.GetAsync($"/api/v1/members/{id}")).ReadAsync();
        var version = copy.GetProperty("version").GetInt32();
        object Edit(string name) =>
            new
            {
                orgId = branch,
                name,
                idNumber = copy.GetProperty("idNumber").GetString(),
                kind = "full",
                joinedOn = "2001-07-01",
                version
            };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/members/{id}", Edit("先改的"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PutAsJsonAsync($"/api/v1/members/{id}", Edit("后改的"))).StatusCode);
        Assert.Equal("先改的",
            (await (await admin.GetAsync($"/api/v1/members/{id}")).ReadAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_roster_without_a_column_leaves_that_field_alone()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var idNumber = People.IdNumber();
        var id = await Tree.MemberAsync(admin, branch, idNumber);
        var csv =
            new MultipartFormDataContent { { new ByteArrayContent(
            Encoding.UTF8.GetBytes($"姓名,身份证号,党员类别,入党日期\n王建国,{idNumber},正式,2001-07-01\n")), "file", "r.csv" } };
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", csv)).StatusCode);
        var m = await (await admin.GetAsync($"/api/v1/members/{id}")).ReadAsync();
        Assert.Equal("13812345678", App.WithDb(db => db.Members.Single(x => x.Id == id).Phone));
        Assert.Equal(0.5m, m.GetProperty("monthlyDues").GetDecimal());
    }

    [Fact]
    public async Task Masked_views_hide_the_birth_date_and_a_fellow_members_record_is_not_found()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var me = await Tree.MemberAsync(admin, branch);
        var other = await Tree.MemberAsync(admin, branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var member = await Tree.AccountAsync(App, admin, "member", branch, me);

        var seen = await (await townAdmin.GetAsync($"/api/v1/members/{other}")).ReadAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("birthDate").ValueKind);
        Assert.Equal(1980, seen.GetProperty("birthYear").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/members/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/members/{other}/transfers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/members/{me}/transfers")).StatusCode);
    }

    [Fact]
    public async Task A_members_account_follows_the_member_to_the_new_branch()
    {
        var admin = await App.ClientAsync();
        var (town, from) = await Tree.TownWithBranchAsync(admin);
        var to = await Tree.OrgAsync(admin, town, "branch");
        var id = await Tree.MemberAsync(admin, from);
        var member = await Tree.AccountAsync(App, admin, "member", from, id);
        await admin.PostAsJsonAsync($"/api/v1/members/{id}/transfers", new { toOrgId = to });
        Assert.Equal(to, (await (await member.GetAsync("/api/v1/orgs/root")).ReadAsync()).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/orgs/{from}")).StatusCode);
    }

    [Fact]
    public async Task Only_member_and_secretary_accounts_name_a_member_and_only_one_each()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var id = await Tree.MemberAsync(admin, branch);
        var spy =
            await admin.PostAsJsonAsync("/api/v1/users",
            new
            {
                username = Tree.Unique("spy"),
                password = "Passw0rd-x",
                role = "liaisonLeader",
                orgId = branch,
                memberId = id
            });
        Assert.Equal(HttpStatusCode.BadRequest, spy.StatusCode);
        await Tree.AccountAsync(App, admin, "member", branch, id);
        var second =
            await admin.PostAsJsonAsync("/api/v1/users",
            new
            {
                username = Tree.Unique("m"),
                password = "Passw0rd-x",
                role = "member",
                orgId = branch,
                memberId = id
            });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var created =
            await (await admin.PostAsJsonAsync("/api/v1/users",
            new { username = Tree.Unique("t"), password = "Passw0rd-x", role = "townAdmin", orgId = town }))
                .ReadAsync();
        Assert.False(string.IsNullOrEmpty(created.GetProperty("orgName").GetString()));
    }

    [Fact]
    public async Task Odd_input_gets_a_clear_answer_not_a_server_error()
    {
        var admin = await App.ClientAsync();
        var town = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var impossible =
            await admin.PostAsJsonAsync("/api/v1/orgs",
            new
            {
                parentId = town,
                name = "临时",
                kind = "temporaryBranch",
                startsOn = "2026-02-30",
                endsOn = "2026-03-01"
            });
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        Assert.Contains("日期",
            (await impossible.ReadAsync()).GetProperty("errors").GetProperty("startsOn")[0].GetString());
        Assert.Equal(HttpStatusCode.OK,
            (await admin.GetAsync("/api/v1/members?page=2147483647&pageSize=200")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit?page=2147483647")).StatusCode);
        var unknown = await admin.GetAsync("/api/v1/members/abc");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("未找到。", (await unknown.ReadAsync()).GetProperty("title").GetString());
        var noToken = await App.CreateClient().GetAsync("/api/v1/orgs/root");
        Assert.Contains("登录", (await noToken.ReadAsync()).GetProperty("title").GetString());

        var pages =
            App.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var crafted = await pages.GetAsync("/lang/en?returnUrl=/%5Cevil.com");
        Assert.Equal("/", crafted.Headers.Location!.ToString());
    }
}

public sealed class IntegrityTestsOnSqlite(SqliteApp app) : IntegrityTests<SqliteApp>(app);
public sealed class IntegrityTestsOnPostgres(PostgresApp app) : IntegrityTests<PostgresApp>(app);
