using Microsoft.AspNetCore.Identity;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Auth;

/// <summary>
/// Sign out everywhere (退出所有设备): the account gets a new security stamp, so that every token and cookie issued for it
/// answers 401 or signs out on its next request (<see cref="Infrastructure.AccountStamps"/>). Its owner may do it, and
/// an admin over accounts in their scope.
/// </summary>
public static class SignOutEverywhere
{
    public static async Task DoAsync(YihaoDb db, UserManager<User> users, User account, User by)
    {
        db.Actor.UserId = by.Id;
        db.Actor.UserName = by.UserName ?? "";
        await users.UpdateSecurityStampAsync(account);
        await Auditing.AppendAsync(
            db,
            account.DistrictId,
            "sign-out-everywhere",
            nameof(User),
            account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { userName = account.UserName }),
            CancellationToken.None
        );
    }
}
