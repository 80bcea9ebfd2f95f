using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Members;

/// <summary>Which value to reveal (<c>idNumber</c> or <c>phone</c>) and why.</summary>
public sealed record RevealRequest(string? Field, string? Reason);

public sealed record RevealView(int MemberId, string Field, string Value);

/// <summary>
/// 查看完整信息: the whole ID number or phone of a member, shown on purpose to someone whose job needs it (the district
/// admin, the secretary of the member's own branch), with a reason they type. Each reveal is an entry in the audit log
/// naming the field and the reason, never the value. Out of scope is 404; in scope without the need, 403.
/// </summary>
public static class Reveals
{
    public const string Action = "reveal";
    public const int MaxReason = 200;
    public static readonly string[] Fields = ["idNumber", "phone"];

    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<Outcome<RevealView>> RevealAsync(
        Scope scope,
        YihaoDb db,
        int memberId,
        RevealRequest r,
        CancellationToken ct = default
    )
    {
        var member = await scope.Members(db).AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return Fail.NotFound;
        if (!scope.MayReveal(member))
            return Fail.Forbidden;
        var field = Fields.FirstOrDefault(f => string.Equals(f, r.Field?.Trim(), StringComparison.OrdinalIgnoreCase));
        var reason = r.Reason?.Trim() ?? "";
        var problems = new List<(string, string)>();
        if (field is null)
            problems.Add(("field", "Choose the ID number or the phone."));
        if (reason.Length == 0)
            problems.Add(("reason", "Say why you need the full value."));
        else if (reason.Length > MaxReason)
            problems.Add(("reason", "The text is too long."));
        if (problems.Count > 0)
            return Fail.Invalid(problems);

        var after = JsonSerializer.Serialize(new { Field = field, Reason = reason }, Json);
        await Auditing.AppendAsync(
            db,
            member.DistrictId,
            Action,
            nameof(Member),
            member.Id.ToString(CultureInfo.InvariantCulture),
            after,
            ct
        );
        return new RevealView(member.Id, field!, field == "phone" ? member.Phone : member.IdNumber);
    }
}
