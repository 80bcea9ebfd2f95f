using System.Net;
using System.Net.Http.Json;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>A town admin sees and changes only their own town: everything in another town answers 404, as if it did not
/// exist.</summary>
public abstract class ScopeTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task A_town_admin_cannot_read_list_or_change_another_towns_members()
    {
        var admin = await App.ClientAsync();
        var (townA, branchA) = await Tree.TownWithBranchAsync(admin);
        var (townB, branchB) = await Tree.TownWithBranchAsync(admin);
        var memberB = await Tree.MemberAsync(admin, branchB);
        var memberA = await Tree.MemberAsync(admin, branchA);
        var a = await Tree.AccountAsync(App, admin, "townAdmin", townA);

        var csv =
            new MultipartFormDataContent { { new ByteArrayContent("姓名,身份证号,党员类别,入党日期\n"u8.ToArray()), "file",
            "r.csv" } };
        var attempts = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("get org", () => a.GetAsync($"/api/v1/orgs/{townB}")),
            ("children", () => a.GetAsync($"/api/v1/orgs/{townB}/children")),
            ("list members", () => a.GetAsync($"/api/v1/members?orgId={branchB}")),
            ("get member", () => a.GetAsync($"/api/v1/members/{memberB}")),
            ("member transfers", () => a.GetAsync($"/api/v1/members/{memberB}/transfers")),
            ("update member", () => a.PutAsJsonAsync($"/api/v1/members/{memberB}", Tree.MemberBody(branchB))),
            ("create member there", () => a.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branchB))),
            ("transfer theirs away",
                () => a.PostAsJsonAsync($"/api/v1/members/{memberB}/transfers", new { toOrgId = branchA })),
            ("transfer ours there",
                () => a.PostAsJsonAsync($"/api/v1/members/{memberA}/transfers", new { toOrgId = branchB })),
            ("import there", () => a.PostAsync($"/api/v1/orgs/{branchB}/members/import", csv)),
            ("create org there",
                () => a.PostAsJsonAsync("/api/v1/orgs", new { parentId = townB, name = "x", kind = "branch" })),
            ("rename", () => a.PutAsJsonAsync($"/api/v1/orgs/{branchB}", new { name = "x" })),
            ("move theirs", () => a.PostAsJsonAsync($"/api/v1/orgs/{branchB}/move", new { parentId = townA })),
            ("move ours there", () => a.PostAsJsonAsync($"/api/v1/orgs/{branchA}/move", new { parentId = townB })),
            ("close", () => a.PostAsJsonAsync($"/api/v1/orgs/{branchB}/close", new { })),
            ("account there",
                () => a.PostAsJsonAsync("/api/v1/users",
                new { username = Tree.Unique("x"), password = "Passw0rd-x", role = "branchSecretary",
                    orgId = branchB })),
        };
        foreach (var (what, call) in attempts)
            Assert.True((await call()).StatusCode == HttpStatusCode.NotFound, what);

        // …and nothing changed.
        var member = await (await admin.GetAsync($"/api/v1/members/{memberB}")).ReadAsync();
        Assert.Equal(branchB, member.GetProperty("orgId").GetInt32());
        Assert.Equal(branchA,
            (await (await admin.GetAsync($"/api/v1/members/{memberA}")).ReadAsync()).GetProperty("orgId").GetInt32());
        Assert.Equal(1,
            (await (await admin.GetAsync($"/api/v1/orgs/{townB}")).ReadAsync()).GetProperty("branchCount").GetInt32());

        // Their own town works.
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/v1/members/{memberA}")).StatusCode);
        Assert.Equal(townA, (await (await a.GetAsync("/api/v1/orgs/root")).ReadAsync()).GetProperty("id").GetInt32());
        var list = await (await a.GetAsync($"/api/v1/members?orgId={townA}")).ReadAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Id_numbers_and_phones_are_masked_for_everyone_but_the_member()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var id = People.IdNumber();
        var me = await Tree.MemberAsync(admin, branch, id);
        var other = await Tree.MemberAsync(admin, branch);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var member = await Tree.AccountAsync(App, admin, "member", branch, me);

        Assert.Equal(id,
            (await (await member.GetAsync($"/api/v1/members/{me}")).ReadAsync()).GetProperty("idNumber").GetString());
        foreach (var viewer in new[] { admin, townAdmin, secretary })
        {
            var seen = await (await viewer.GetAsync($"/api/v1/members/{me}")).ReadAsync();
            Assert.Equal(id[..2] + "****************", seen.GetProperty("idNumber").GetString());
            Assert.Equal("*******5678", seen.GetProperty("phone").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/members/{other}")).StatusCode);
    }

    [Fact]
    public async Task A_member_cannot_change_anything_and_sees_only_their_branch()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var (_, elsewhere) = await Tree.TownWithBranchAsync(admin);
        var me = await Tree.MemberAsync(admin, branch);
        var stranger = await Tree.MemberAsync(admin, elsewhere);
        var member = await Tree.AccountAsync(App, admin, "member", branch, me);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await member.PutAsJsonAsync($"/api/v1/members/{me}", Tree.MemberBody(branch))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/members/{stranger}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/orgs/root")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/members")).StatusCode);
    }
}

public sealed class ScopeTestsOnSqlite(SqliteApp app) : ScopeTests<SqliteApp>(app);
public sealed class ScopeTestsOnPostgres(PostgresApp app) : ScopeTests<PostgresApp>(app);
