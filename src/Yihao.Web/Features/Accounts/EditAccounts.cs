using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Accounts;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role, int OrgId, int? MemberId,
    string? DisplayName)
{
    /// <summary>The account must choose its own password at its first sign-in, as the slips' accounts do; the accounts
    /// page always asks for it (the API leaves it to the script, which may hand out passwords itself).</summary>
    public bool MustChangePassword { get; init; }
}

public sealed record UserView(int Id, string Username, string Role, int OrgId, string OrgName, int? MemberId,
    string? DisplayName, bool LockedOut);

/// <summary>Accounts are made by admins only (no self-registration): the district admin any, a town admin those in its
/// town.</summary>
public static class EditAccounts
{
    public static async Task<Outcome<User>> CreateAsync(Scope scope, YihaoDb db, UserManager<User> users,
        TimeProvider clock, CreateUserRequest r, CancellationToken ct = default)
    {
        if (!scope.ManagesAccounts) return Fail.Forbidden;
        var org = await scope.Orgs(db).FirstOrDefaultAsync(o => o.Id == r.OrgId, ct);
        var problems = new List<(string, string)>();
        var username = (r.Username ?? "").Trim();
        if (username.Length is < 3 or > 50
            || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            problems.Add(("username", "A user name has 3 to 50 letters, digits, '-', '_' or '.'."));
        else if (AuditActor.SystemNames.Contains(username, StringComparer.OrdinalIgnoreCase))
            problems.Add(("username", "This user name is kept for the system."));
        var role = Roles.All.FirstOrDefault(x => string.Equals(x, r.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null) problems.Add(("role", "Unknown role."));
        else if (!Roles.MayCreate(scope.Role, role)) return Fail.Forbidden;
        if (org is null) return Fail.NotFound;
        if (role is not null
            && !Roles.FitsOrg(role, org.Kind)) problems.Add(
            ("orgId", "This role cannot be bound to this kind of organization."));
        Member? member = null;
        if (r.MemberId is { } mid)
        {
            member = await scope.Members(db).FirstOrDefaultAsync(m => m.Id == mid, ct);
            if (role is not (Roles.Member or Roles.BranchSecretary)) problems.Add(
                ("memberId", "Only a member's or a secretary's account names a member."));
            else if (member is null
                || member.OrgId != org?.Id) problems.Add(("memberId", "The member is not in that branch."));
            else if (await db.Users.AnyAsync(u => u.MemberId == mid, ct)) return Fail.Conflict(
                "This member already has an account.");
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
            MustChangePassword = r.MustChangePassword,
        };
        var result = await users.CreateAsync(user, r.Password ?? "");
        if (result.Succeeded) return user;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))) return Fail.Conflict(
            "This user name is taken.");
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

    /// <summary>One page of the accounts in scope, found by user name or display name and by role, sorted by user
    /// name, organization or role; and how many there are in all.</summary>
    public static async Task<(List<UserView> Items, int Total)> PageAsync(
        Scope scope, YihaoDb db, TimeProvider clock, AccountFilter f, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var q = db.Users.Join(scope.Orgs(db), u => u.OrgId, o => o.Id, (u, o) => new { u, o.Name, o.Path });
        if (f.Name?.Trim() is { Length: > 0 } name)
            q = q.Where(x => x.u.UserName!.Contains(name)
                || (x.u.DisplayName != null && x.u.DisplayName.Contains(name)));
        if (f.Role is { Length: > 0 } role) q = q.Where(x => x.u.Role == role);
        var total = await q.CountAsync(ct);
        var sorted = f.Sort switch
        {
            "org" => q.OrderBy(x => x.Path).ThenBy(x => x.u.UserName),
            "role" => q.OrderBy(x => x.u.Role).ThenBy(x => x.u.UserName),
            _ => q.OrderBy(x => x.u.UserName),
        };
        var rows = await sorted.Skip(Math.Max(0, f.Skip)).Take(Math.Clamp(f.Take, 1, 500)).ToListAsync(ct);
        return (rows.Select(x => new UserView(x.u.Id, x.u.UserName!, x.u.Role, x.u.OrgId, x.Name, x.u.MemberId,
            x.u.DisplayName, x.u.LockoutEnd is { } end && end > now)).ToList(), total);
    }

    public sealed record AccountFilter(string? Name, string? Role, string? Sort, int Skip, int Take);

    /// <summary>Members in scope whose name holds the text, with their branch, for the new-account form to choose
    /// from; at most 20.</summary>
    public static async Task<List<(int Id, string Name, string Branch, bool HasAccount)>> FindMembersAsync(
        Scope scope, YihaoDb db, string? text, CancellationToken ct = default)
    {
        if (text?.Trim() is not { Length: > 0 } name) return [];
        var rows = await scope.Members(db).Where(m => m.Name.Contains(name))
            .Join(db.Orgs, m => m.OrgId, o => o.Id, (m, o) => new { m.Id, m.Name, Branch = o.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.Id).Take(20).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var taken = await db.Users.Where(u => u.MemberId != null && ids.Contains(u.MemberId.Value))
            .Select(u => u.MemberId!.Value).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name, r.Branch, taken.Contains(r.Id)))];
    }

    public static async Task<List<UserView>> ListAsync(Scope scope, YihaoDb db, TimeProvider clock,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var orgs = scope.Orgs(db);
        var rows = await db.Users.Join(orgs, u => u.OrgId, o => o.Id, (u, o) => new { u, o.Name })
            .OrderBy(x => x.u.UserName).Take(2000).ToListAsync(ct);
        return rows.Select(x =>
            new UserView(x.u.Id, x.u.UserName!, x.u.Role, x.u.OrgId, x.Name, x.u.MemberId, x.u.DisplayName,
            x.u.LockoutEnd is { } end && end > now)).ToList();
    }
}
