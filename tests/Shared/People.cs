using Yihao.Web.Domain;

namespace Yihao.Tests.Shared;

/// <summary>Valid test identities: ID numbers with a correct GB 11643 check digit, each one new.</summary>
public static class People
{
    static int next = 100;

    public static string IdNumber(string birth = "19800501", bool male = true)
    {
        var seq = Interlocked.Increment(ref next) % 500 * 2 + (male ? 1 : 0);
        var first17 = $"610502{birth}{seq:000}";
        return first17 + NationalId.CheckDigit(first17);
    }

    /// <summary>A number that is right in every way but its check digit.</summary>
    public static string WithWrongCheckDigit(string idNumber) => idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
}
