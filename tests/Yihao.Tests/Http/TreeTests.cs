using System.Net;
using System.Net.Http.Json;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

public abstract class TreeTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task Nodes_count_their_open_branches_and_members_over_the_subtree()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var general = await Tree.OrgAsync(admin, town, "generalBranch");
        var inner = await Tree.OrgAsync(admin, general, "branch");
        await Tree.MemberAsync(admin, branch);
        await Tree.MemberAsync(admin, inner);
        await Tree.MemberAsync(admin, inner);

        var t = await (await admin.GetAsync($"/api/v1/orgs/{town}")).ReadAsync();
        Assert.Equal("town", t.GetProperty("kind").GetString());
        Assert.Equal(2, t.GetProperty("branchCount").GetInt32());
        Assert.Equal(3, t.GetProperty("memberCount").GetInt32());
        var children = await (await admin.GetAsync($"/api/v1/orgs/{town}/children")).ReadAsync();
        Assert.Equal(2, children.GetArrayLength());
        var g = children.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == general);
        Assert.Equal("generalBranch", g.GetProperty("kind").GetString());
        Assert.Equal(town, g.GetProperty("parentId").GetInt32());
        Assert.Equal(2, g.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Moving_a_subtree_moves_its_counts_and_a_cycle_is_refused()
    {
        var admin = await App.ClientAsync();
        var townA = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var townB = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var general = await Tree.OrgAsync(admin, townA, "generalBranch");
        var branch = await Tree.OrgAsync(admin, general, "branch");
        await Tree.MemberAsync(admin, branch);

        var cycle = await admin.PostAsJsonAsync($"/api/v1/orgs/{general}/move", new { parentId = general });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal("application/problem+json", cycle.Content.Headers.ContentType?.MediaType);
        var wrongKind = await admin.PostAsJsonAsync($"/api/v1/orgs/{townA}/move", new { parentId = general });
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);

        var moved = await admin.PostAsJsonAsync($"/api/v1/orgs/{general}/move", new { parentId = townB });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(0,
            (await (await admin.GetAsync($"/api/v1/orgs/{townA}")).ReadAsync()).GetProperty("memberCount").GetInt32());
        var b = await (await admin.GetAsync($"/api/v1/orgs/{townB}")).ReadAsync();
        Assert.Equal(1, b.GetProperty("memberCount").GetInt32());
        Assert.Equal(1, b.GetProperty("branchCount").GetInt32());

        // A town admin of B now sees the moved branch; one of A no longer does.
        var adminB = await Tree.AccountAsync(App, admin, "townAdmin", townB);
        var adminA = await Tree.AccountAsync(App, admin, "townAdmin", townA);
        Assert.Equal(HttpStatusCode.OK, (await adminB.GetAsync($"/api/v1/orgs/{branch}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/orgs/{branch}")).StatusCode);
    }

    [Fact]
    public async Task A_branch_with_members_cannot_close_until_they_are_transferred()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var other = await Tree.OrgAsync(admin, town, "branch");
        var member = await Tree.MemberAsync(admin, branch);

        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/members/{member}/transfers", new { toOrgId = other })).StatusCode);
        var closed = await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/close", new { });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("2026-11-25", (await closed.ReadAsync()).GetProperty("closedOn").GetString());
        Assert.Equal(1,
            (await (await admin.GetAsync($"/api/v1/orgs/{town}")).ReadAsync()).GetProperty("branchCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync("/api/v1/members", Tree.MemberBody(branch))).StatusCode);
    }

    [Fact]
    public async Task Temporary_branches_need_dates_that_run_forward_and_names_are_unique_among_siblings()
    {
        var admin = await App.ClientAsync();
        var town = await Tree.OrgAsync(admin, await Tree.RootIdAsync(admin), "town");
        var noDates =
            await admin.PostAsJsonAsync("/api/v1/orgs",
            new { parentId = town, name = "征迁临时党支部", kind = "temporaryBranch" });
        Assert.Equal(HttpStatusCode.BadRequest, noDates.StatusCode);
        Assert.True((await noDates.ReadAsync()).GetProperty("errors").TryGetProperty("endsOn", out _));
        var temp = await Tree.OrgAsync(admin, town, "temporaryBranch", "征迁临时党支部", "2026-03-01", "2026-05-10");
        Assert.Equal("temporaryBranch",
            (await (await admin.GetAsync($"/api/v1/orgs/{temp}")).ReadAsync()).GetProperty("kind").GetString());
        var twice =
            await admin.PostAsJsonAsync("/api/v1/orgs",
            new
            {
                parentId = town,
                name = "征迁临时党支部",
                kind = "temporaryBranch",
                startsOn = "2026-03-01",
                endsOn = "2026-05-10"
            });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, (await (await admin.GetAsync($"/api/v1/orgs/{town}/children")).ReadAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_branch_secretary_cannot_edit_the_tree()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await secretary.PutAsJsonAsync($"/api/v1/orgs/{branch}", new { name = "新名字" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/api/v1/orgs/{town}")).StatusCode);
    }
}

public sealed class TreeTestsOnSqlite(SqliteApp app) : TreeTests<SqliteApp>(app);
public sealed class TreeTestsOnPostgres(PostgresApp app) : TreeTests<PostgresApp>(app);
