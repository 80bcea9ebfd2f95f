using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>A member's personal check-in code, for members who scan nothing themselves: the secretary scans it. Forged
/// codes do not read.</summary>
public sealed class PersonalCodes(IDataProtectionProvider provider)
{
    readonly IDataProtector protector = provider.CreateProtector("Yihao.PersonalCode.v1");

    public string For(int memberId) =>
        "P" + protector.Protect(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int? Read(string code)
    {
        if (code.Length < 2 || code[0] != 'P') return null;
        try
        {
            return int.TryParse(protector.Unprotect(code.Trim()[1..]), out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
