using System.Net;
using System.Net.Http.Json;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

public abstract class AccountTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task Accounts_are_bound_to_a_fitting_node_and_names_are_unique()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var username = Tree.Unique("s");
        var ok =
            await admin.PostAsJsonAsync("/api/v1/users",
            new { username, password = "Passw0rd-x", role = "branchSecretary", orgId = branch });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync("/api/v1/users",
            new { username, password = "Passw0rd-x", role = "branchSecretary", orgId = branch })).StatusCode);
        var wrongNode =
            await admin.PostAsJsonAsync("/api/v1/users",
            new { username = Tree.Unique("s"), password = "Passw0rd-x", role = "branchSecretary", orgId = town });
        Assert.Equal(HttpStatusCode.BadRequest, wrongNode.StatusCode);
        var weak =
            await admin.PostAsJsonAsync("/api/v1/users",
            new { username = Tree.Unique("s"), password = "short", role = "townAdmin", orgId = town });
        Assert.True((await weak.ReadAsync()).GetProperty("errors").TryGetProperty("password", out _));
        // the log names the system's own writers so
        foreach (var kept in new[] { "check-in", "Warning-Rules", "system" })
        {
            var taken =
                await admin.PostAsJsonAsync("/api/v1/users",
                new { username = kept, password = "Passw0rd-x", role = "branchSecretary", orgId = branch });
            Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
            Assert.Equal("该用户名为系统保留，请换一个。",
                (await taken.ReadAsync()).GetProperty("errors").GetProperty("username")[0].GetString());
        }

        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await townAdmin.PostAsJsonAsync("/api/v1/users",
            new { username = Tree.Unique("d"), password = "Passw0rd-x", role = "districtAdmin", orgId = town }))
                .StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await townAdmin.PostAsJsonAsync("/api/v1/users",
            new { username = Tree.Unique("s"), password = "Passw0rd-x", role = "branchSecretary", orgId = branch }))
                .StatusCode);
        var theirs = await (await townAdmin.GetAsync("/api/v1/users")).ReadAsync();
        Assert.DoesNotContain(theirs.EnumerateArray(), u => u.GetProperty("username").GetString() == "admin");
    }

    [Fact]
    public async Task Health_and_the_openapi_document_are_served()
    {
        var client = App.CreateClient();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", (await health.ReadAsync()).GetProperty("status").GetString());
        var doc = await client.GetStringAsync("/openapi/v1.json");
        foreach (
            var path in new[] { "/api/v1/auth/token", "/api/v1/orgs/root", "/api/v1/orgs/{id}/children",
            "/api/v1/members", "/api/v1/orgs/{branchId}/members/import", "/api/v1/users" })
            Assert.Contains($"\"{path}\"", doc);
    }

    [Fact]
    public async Task Pages_need_a_sign_in_and_forms_need_the_antiforgery_token()
    {
        var client =
            App.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync("/Organizations");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
        var post =
            await client.PostAsync("/Account/Login",
            new FormUrlEncodedContent(new Dictionary<string,
                string>
            { ["Username"] = "admin", ["Password"] = YihaoApp.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}

public sealed class AccountTestsOnSqlite(SqliteApp app) : AccountTests<SqliteApp>(app);
public sealed class AccountTestsOnPostgres(PostgresApp app) : AccountTests<PostgresApp>(app);
