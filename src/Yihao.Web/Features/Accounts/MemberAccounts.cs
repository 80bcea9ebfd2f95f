using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Accounts;

/// <summary>A member's new account with its first password, shown once: the secretary prints the slips and hands them
/// out.</summary>
public sealed record NewMemberAccount(int MemberId, string Name, string Username, string Password);

/// <summary>
/// Accounts for a whole branch at once, so that every member can scan with their own phone: one per member who has
/// none, a readable user name and a random first password that the first sign-in must replace. Running it again makes
/// only what is missing.
/// </summary>
public static class MemberAccounts
{
    /// <summary>No 0/o, 1/l/i: a password read off a slip of paper by an elderly member must not be misread.</summary>
    const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static bool MayCreate(Scope scope) => scope.ManagesAccounts || scope.Role == Roles.BranchSecretary;

    public static async Task<Outcome<List<NewMemberAccount>>> CreateForBranchAsync(Scope scope, YihaoDb db,
        UserManager<User> users, TimeProvider clock, int branchId, CancellationToken ct = default)
    {
        if (await scope.Orgs(db).AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == branchId, ct) is not { IsBranch: true } branch) return Fail.NotFound;
        if (!MayCreate(scope)) return Fail.Forbidden;
        if (branch.IsClosed) return Fail.Invalid("orgId", "This branch is closed.");
        var members = await db.Members.AsNoTracking()
            .Where(m => m.OrgId == branchId && !db.Users.Any(u => u.MemberId == m.Id)).OrderBy(m => m.Id)
            .ToListAsync(ct);
        var made = new List<NewMemberAccount>();
        foreach (var m in members)
        {
            var password = NewPassword();
            var user = new User
            {
                UserName = await FreeNameAsync(users, $"m{m.Id:D6}"),
                Role = Roles.Member,
                OrgId = branchId,
                DistrictId = branch.DistrictId,
                MemberId = m.Id,
                DisplayName = m.Name,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
                MustChangePassword = true,
            };
            try
            {
                var result = await users.CreateAsync(user, password);
                if (result.Succeeded) made.Add(new NewMemberAccount(m.Id, m.Name, user.UserName, password));
            }
            catch (DbUpdateException)
            {
                // A second run at the same moment made this member's account first: it is theirs to hand out.
                db.ChangeTracker.Clear();
            }
        }
        return made;
    }

    static async Task<string> FreeNameAsync(UserManager<User> users, string name)
    {
        var candidate = name;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++) candidate = $"{name}-{n}";
        return candidate;
    }

    /// <summary>Ten characters with at least one digit, as the password rules ask.</summary>
    public static string NewPassword()
    {
        while (true)
        {
            var p = RandomNumberGenerator.GetString(Alphabet, 10);
            if (p.Any(char.IsAsciiDigit) && p.Any(char.IsAsciiLetterLower)) return p;
        }
    }
}
