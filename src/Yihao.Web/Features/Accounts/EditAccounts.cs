using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Accounts;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role, int OrgId, int? MemberId, string? DisplayName);

public sealed record UserView(int Id, string Username, string Role, int OrgId, string OrgName, int? MemberId, string? DisplayName, bool LockedOut);

/// <summary>Accounts are made by admins only (no self-registration): the district admin any, a town admin those in its
/// town.</summary>
public static class EditAccounts
{
    public static async Task<Outcome<User>> CreateAsync(Scope scope, YihaoDb db, UserManager<User> users, TimeProvider clock, CreateUserRequest r, CancellationToken ct = default)
    {
        if (!scope.ManagesAccounts) return Fail.Forbidden;
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == r.OrgId, ct);
        var problems = new List<(string, string)>();
        var username = (r.Username ?? "").Trim();
        if (username.Length is < 3 or > 50 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            problems.Add(("username", "A user name has 3 to 50 letters, digits, '-', '_' or '.'."));
        else if (AuditActor.SystemNames.Contains(username, StringComparer.OrdinalIgnoreCase))
            problems.Add(("username", "This user name is kept for the system."));
        var role = Roles.All.FirstOrDefault(x => string.Equals(x, r.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null) problems.Add(("role", "Unknown role."));
        else if (!Roles.MayCreate(scope.Role, role)) return Fail.Forbidden;
        if (org is null) return Fail.NotFound;
        if (role is not null && !Roles.FitsOrg(role, org.Kind)) problems.Add(("orgId", "This role cannot be bound to this kind of organization."));
        Member? member = null;
        if (r.MemberId is { } mid)
        {
            member = await scope.Members(db).FirstOrDefaultAsync(m => m.Id == mid, ct);
            if (role is not (Roles.Member or Roles.BranchSecretary)) problems.Add(("memberId", "Only a member's or a secretary's account names a member."));
            else if (member is null || member.OrgId != org?.Id) problems.Add(("memberId", "The member is not in that branch."));
            else if (await db.Users.AnyAsync(u => u.MemberId == mid, ct)) return Fail.Conflict("This member already has an account.");
        }
        else if (role == Roles.Member) problems.Add(("memberId", "A member's account names the member."));
        if (r.DisplayName is { Length: > 100 }) problems.Add(("displayName", "The name is too long."));
        if (problems.Count > 0) return Fail.Invalid(problems);
        if (await users.FindByNameAsync(username) is not null) return Fail.Conflict("This user name is taken.");

        var user = new User
        {
            UserName = username,
            Role = role!,
            OrgId = org!.Id,
            DistrictId = org.DistrictId,
            MemberId = member?.Id,
            DisplayName = string.IsNullOrWhiteSpace(r.DisplayName) ? member?.Name : r.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, r.Password ?? "");
        if (result.Succeeded) return user;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))) return Fail.Conflict("This user name is taken.");
        return Fail.Invalid(result.Errors.Select(e => ("password", PasswordProblem(e.Code))).Distinct().ToList());
    }

    public static string PasswordProblem(string code) => code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "The password needs at least 8 characters.",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "The password needs a digit.",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "The password needs a lower-case letter.",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "The password needs an upper-case letter.",
        _ => "The password is not acceptable.",
    };

    /// <summary>退出所有设备 for an account in the admin's scope: its tokens and cookies stop working at once.</summary>
    public static async Task<Outcome<User>> SignOutEverywhereAsync(
        Scope scope, YihaoDb db, UserManager<User> users, int userId, CancellationToken ct = default)
    {
        if (!scope.ManagesAccounts) return Fail.Forbidden;
        var account = await db.Users.Where(u => u.Id == userId && scope.Orgs(db).Any(o => o.Id == u.OrgId))
            .FirstOrDefaultAsync(ct);
        if (account is null) return Fail.NotFound;
        var me = await users.FindByIdAsync(scope.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Auth.SignOutEverywhere.DoAsync(db, users, account, me!);
        return account;
    }

    public static async Task<List<UserView>> ListAsync(Scope scope, YihaoDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var orgs = scope.Orgs(db);
        var rows = await db.Users.Join(orgs, u => u.OrgId, o => o.Id, (u, o) => new { u, o.Name }).OrderBy(x => x.u.UserName).Take(2000).ToListAsync(ct);
        return rows.Select(x => new UserView(x.u.Id, x.u.UserName!, x.u.Role, x.u.OrgId, x.Name, x.u.MemberId, x.u.DisplayName,
            x.u.LockoutEnd is { } end && end > now)).ToList();
    }
}
