using Microsoft.AspNetCore.Identity;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// The way back from a lost password, for whoever runs the server: `-- --reset-password admin` gives the account a new
/// password (YIHAO_NEW_PASSWORD, or one made up and printed once) and ends its sessions, and has it chosen
/// anew at the next sign-in. Logged as the system's change; the server does not start.
/// </summary>
static class ResetPassword
{
    public const string Switch = "--reset-password";

    public static string? UserName(string[] args)
    {
        var at = Array.IndexOf(args, Switch);
        return at < 0 ? null
            : at + 1 < args.Length ? args[at + 1]
            : "";
    }

    public static async Task<int> RunAsync(IServiceProvider services, string userName, IConfiguration config)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        await DatabaseSetup.MigrateAsync(db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"没有这个账号 / no such account: '{userName}'");
            return 1;
        }
        var given = config["YIHAO_NEW_PASSWORD"];
        var password = given is { Length: > 0 } ? given : DatabaseStartup.GeneratePassword();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                await Console.Error.WriteLineAsync(
                    "YIHAO_NEW_PASSWORD: " + string.Join(" ", valid.Errors.Select(e => e.Description))
                );
                return 1;
            }
        }
        user.PasswordHash = hasher.HashPassword(user, password);
        user.MustChangePassword = true;
        await users.UpdateSecurityStampAsync(user); // saves, and signs every old session out
        Console.WriteLine(
            $"账号 / account {user.UserName}: 新密码 / new password " +
                $"{(given is { Length: > 0 } ? "YIHAO_NEW_PASSWORD" : password)}"
                + " — 首次登录须修改 / to be changed at the next sign-in"
        );
        return 0;
    }
}
