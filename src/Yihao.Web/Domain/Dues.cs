namespace Yihao.Web.Domain;

/// <summary>Who a member is for the dues rules: what their monthly dues are computed from.</summary>
public enum DuesCategory { Employed, Retired, Farmer, Student, Unemployed, Relief }

/// <summary>How a payment was made: at the activity day (当面), by transfer, or otherwise.</summary>
public enum DuesMethod { AtMeeting, Transfer, Other }

/// <summary>
/// A member's monthly dues standard (党费标准) from a month on: computed from their category and declared monthly
/// income under the district's policy, or set directly with a reason. The latest one from before a month is in force.
/// </summary>
public sealed class DuesStandard
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DuesCategory? Category { get; set; }
    public decimal? MonthlyIncome { get; set; }
    public decimal Amount { get; set; }
    public string? Reason { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// An entry of the dues ledger (党费收缴): a payment covering the months from one to another, or the reversal of a
/// payment (negative amount, <see cref="ReversesId"/> set). Entries are never edited: a mistake is reversed and paid
/// again.
/// </summary>
public sealed class DuesPayment
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }

    /// <summary>The branch the member paid to, as it was then.</summary>
    public int OrgId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly FromMonth { get; set; }
    public DateOnly ToMonth { get; set; }
    public DuesMethod Method { get; set; }
    public string? ReceiptNo { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Note { get; set; }
    public int? ReversesId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>A month a member has paid for, and the payment that paid it: one row per member and month, so that a
/// month cannot be paid twice. A reversal removes its payment's months.</summary>
public sealed class DuesMonth
{
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public DateOnly Month { get; set; }
    public int PaymentId { get; set; }
    public DuesPayment? Payment { get; set; }
}

/// <summary>
/// The district's dues rules, part of its versioned policy: the 2008 regulations on collecting party dues. An employed
/// member pays a rate of the whole monthly income after tax by the bracket it falls in (0.5% up to 3,000 yuan, 1% up to
/// 5,000, 1.5% up to 10,000, 2% above); a retired member by the pension's bracket (0.5% up to 5,000, 1% above); farmers
/// a fixed amount between 0.2 and 1 yuan; students, the unemployed and members on relief 0.2 yuan.
/// </summary>
public sealed class DuesPolicy
{
    public List<DuesBracket> Employed { get; set; } =
        [new() { UpTo = 3000m, Rate = 0.005m }, new() { UpTo = 5000m, Rate = 0.01m },
            new() { UpTo = 10000m, Rate = 0.015m }, new() { UpTo = null, Rate = 0.02m }];

    public List<DuesBracket> Retired { get; set; } =
        [new() { UpTo = 5000m, Rate = 0.005m }, new() { UpTo = null, Rate = 0.01m }];

    public decimal Farmer { get; set; } = 0.5m;
    public decimal Student { get; set; } = 0.2m;
    public decimal Unemployed { get; set; } = 0.2m;
    public decimal Relief { get; set; } = 0.2m;

    public List<(string Field, string Problem)> Check()
    {
        var problems = new List<(string, string)>();
        foreach (var (name, brackets) in new[] { ("employed", Employed), ("retired", Retired) })
        {
            if (brackets is null || brackets.Count == 0 || brackets[^1].UpTo is not null)
                problems.Add(($"dues.{name}", "The brackets must end with one without an upper limit."));
            else if (brackets.Any(b => b is null || b.Rate is < 0 or > 0.1m))
                problems.Add(($"dues.{name}", "Each rate must be between 0 and 0.1."));
            else if (brackets.Zip(brackets.Skip(1)).Any(p => p.Second.UpTo is { } up && up <= p.First.UpTo))
                problems.Add(($"dues.{name}", "The brackets must rise."));
        }
        foreach (var (name, amount) in new[]
                 { ("farmer", Farmer), ("student", Student), ("unemployed", Unemployed), ("relief", Relief) })
            if (amount is < 0 or > 100 || decimal.Round(amount, 2) != amount)
                problems.Add(($"dues.{name}", "The amount must be between 0 and 100 yuan, in fen."));
        return problems;
    }
}

/// <summary>One bracket: the rate that applies to an income up to its upper limit (none for the last).</summary>
public sealed class DuesBracket
{
    public decimal? UpTo { get; set; }
    public decimal Rate { get; set; }
}

/// <summary>The dues rules as pure functions: the standard from an income, amounts in fen, months.</summary>
public static class DuesRules
{
    public const decimal MaxAmount = 100_000m;

    /// <summary>A member's monthly standard from their category and monthly income, rounded to the fen.</summary>
    public static decimal Standard(DuesPolicy policy, DuesCategory category, decimal income) => category switch
    {
        DuesCategory.Employed => ByBracket(policy.Employed, income),
        DuesCategory.Retired => ByBracket(policy.Retired, income),
        DuesCategory.Farmer => policy.Farmer,
        DuesCategory.Student => policy.Student,
        DuesCategory.Unemployed => policy.Unemployed,
        _ => policy.Relief,
    };

    /// <summary>Whether a category's standard depends on the income declared.</summary>
    public static bool ByIncome(DuesCategory category) => category is DuesCategory.Employed or DuesCategory.Retired;

    static decimal ByBracket(List<DuesBracket> brackets, decimal income)
    {
        var bracket = brackets.First(b => b.UpTo is null || income <= b.UpTo);
        return decimal.Round(income * bracket.Rate, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>An amount of money as people write it: more than zero, at most two decimals (yuan and fen).</summary>
    public static string? AmountProblem(decimal? amount) => amount switch
    {
        null => "Write the amount in yuan, for example 12.50.",
        <= 0 => "The amount must be more than zero.",
        > MaxAmount => "The amount is out of range.",
        { } a when decimal.Round(a, 2) != a => "The amount has more than two decimals (yuan and fen).",
        _ => null,
    };

    /// <summary>The months from one to another, both included.</summary>
    public static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var m = from; m <= to; m = m.AddMonths(1)) yield return m;
    }

    public static int Count(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;

    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>No standard in force in the month and no monthly dues on the roster: the 0.00 the month would take is
    /// not a figure (a standard set directly to 0, an exemption with its reason, is one).</summary>
    public static bool Unset(IEnumerable<DuesStandard> standards, DateOnly month, decimal monthlyDues) =>
        monthlyDues == 0 && !standards.Any(s => s.EffectiveFrom <= month);

    /// <summary>The standard in force in a month: the latest set from then or before, else the member's recorded
    /// monthly dues.</summary>
    public static decimal InForce(IEnumerable<DuesStandard> standards, DateOnly month, decimal fallback) =>
        standards.Where(s => s.EffectiveFrom <= month).OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id).LastOrDefault()
            is { } s ? s.Amount : fallback;
}
