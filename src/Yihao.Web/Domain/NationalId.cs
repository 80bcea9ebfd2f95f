namespace Yihao.Web.Domain;

/// <summary>The national ID number (公民身份号码) under GB 11643: 6-digit region, birth date, sequence, check
/// digit.</summary>
public static class NationalId
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckDigits = "10X98765432";

    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckDigits[sum % 11];
    }

    /// <summary>Upper-cases a trailing x and trims spaces, so that "…123x " and "…123X" are one number.</summary>
    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>Checks a normalized number; returns the English key of the problem, or null when it is valid.</summary>
    public static string? Problem(string id, DateOnly today)
    {
        if (id.Length != 18) return "An ID number has 18 characters.";
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(id[i])) return "The first 17 characters of an ID number are digits.";
        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X') return "The last character of an ID number is a digit or X.";
        if (BirthDate(id) is not { } birth || birth.Year < 1900
            || birth > today) return "The birth date inside the ID number is not a real date.";
        if (CheckDigit(id) != id[17]) return "The ID number's check digit is wrong.";
        return null;
    }

    public static DateOnly? BirthDate(string id) =>
        id.Length >= 14 && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out var d) ? d : null;

    /// <summary>The 17th digit is odd for men and even for women.</summary>
    public static Gender? Gender(string id) =>
        id.Length >= 17 && char.IsAsciiDigit(id[16])
            ? ((id[16] - '0') % 2 == 1 ? Domain.Gender.Male : Domain.Gender.Female) : null;

    /// <summary>
    /// Keeps the first two characters (the province) only: 61****************. Shown with the birth year and the
    /// gender, the hidden date and sequence still leave 365 × 500 numbers with a valid check digit, even to someone who
    /// knows the district's area code; the old mask (four characters at each end) left about 33. See docs/privacy.md.
    /// </summary>
    public static string Mask(string id) =>
        id.Length <= 2 ? new string('*', id.Length) : string.Concat(id.AsSpan(0, 2), new string('*', id.Length - 2));
}

/// <summary>A mainland mobile number (手机号): 11 digits starting 13–19.</summary>
public static class Phone
{
    public static string Normalize(string? value) =>
        new((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static bool IsValid(string phone) =>
        phone.Length == 11 && phone[0] == '1' && phone[1] is >= '3' and <= '9' && phone.All(char.IsAsciiDigit);

    /// <summary>
    /// Keeps the last four digits only (尾号): *******5678. The last four are what Chinese services show to let someone
    /// confirm a number; the carrier's prefix would help no viewer and would cut the hidden part to 10,000 numbers. See
    /// docs/privacy.md.
    /// </summary>
    public static string Mask(string phone) =>
        phone.Length <= 4
            ? new string('*', phone.Length)
            : string.Concat(new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 4));
}
