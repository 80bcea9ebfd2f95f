using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Yihao.Tests.Support;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Http;

/// <summary>`--reset-password NAME`: the way back from a lost password for whoever runs the server.</summary>
public abstract class ResetPasswordTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    [Fact]
    public async Task A_reset_gives_a_new_password_ends_the_lock_out_and_asks_for_a_new_one_at_sign_in()
    {
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var username = Tree.Unique("lost");
        await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                username,
                password = "Passw0rd-old",
                role = "townAdmin",
                orgId = town,
            }
        );
        var anonymous = App.CreateClient();
        for (var i = 0; i < 6; i++)
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "forgotten" });

        var config = new ConfigurationBuilder()
            .AddInMemoryCollection([new("YIHAO_NEW_PASSWORD", "Brand-new-2026")])
            .Build();
        Assert.Equal(0, await ResetPassword.RunAsync(App.Services, username, config));

        App.Clock.Advance(TimeSpan.FromHours(1)); // past the sign-in throttle's delay for the name
        var old = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "Passw0rd-old" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        // The new password is taken (the lock-out is over), and the account must choose its own before it gets a token.
        App.Clock.Advance(TimeSpan.FromHours(1));
        var signedIn = await anonymous.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username, password = "Brand-new-2026" }
        );
        Assert.Equal(HttpStatusCode.Forbidden, signedIn.StatusCode);
        Assert.Contains("请", (await signedIn.ReadAsync()).GetProperty("title").GetString());
        Assert.True(App.WithDb(db => db.Users.Single(u => u.UserName == username).MustChangePassword));
        var id = App.WithDb(db => db.Users.Single(u => u.UserName == username).Id)
            .ToString(CultureInfo.InvariantCulture);
        Assert.True(
            App.WithDb(db => db.AuditEntries.Any(e => e.Entity == "User" && e.UserName == "system" && e.EntityId == id))
        );

        Assert.Equal(1, await ResetPassword.RunAsync(App.Services, "nobody-" + username, config));
    }
}

public sealed class ResetPasswordTestsOnSqlite(SqliteApp app) : ResetPasswordTests<SqliteApp>(app);

public sealed class ResetPasswordTestsOnPostgres(PostgresApp app) : ResetPasswordTests<PostgresApp>(app);
