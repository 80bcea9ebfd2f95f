using Yihao.Web.Domain;

namespace Yihao.Tests.Domain;

public class DuesRulesTests
{
    static readonly DuesPolicy Policy = new();

    [Theory]
    [InlineData(DuesCategory.Employed, 2000, 10.00)]
    [InlineData(DuesCategory.Employed, 3000, 15.00)]
    [InlineData(DuesCategory.Employed, 3000.01, 30.00)]
    [InlineData(DuesCategory.Employed, 4000, 40.00)]
    [InlineData(DuesCategory.Employed, 2345.67, 11.73)]
    [InlineData(DuesCategory.Employed, 10000, 150.00)]
    [InlineData(DuesCategory.Employed, 12000, 240.00)]
    [InlineData(DuesCategory.Retired, 5000, 25.00)]
    [InlineData(DuesCategory.Retired, 6000, 60.00)]
    [InlineData(DuesCategory.Farmer, 0, 0.50)]
    [InlineData(DuesCategory.Student, 0, 0.20)]
    [InlineData(DuesCategory.Unemployed, 0, 0.20)]
    [InlineData(DuesCategory.Relief, 800, 0.20)]
    public void The_standard_follows_the_2008_brackets_on_the_whole_income_rounded_to_the_fen(
        DuesCategory category, double income, double expected) =>
        Assert.Equal((decimal)expected, DuesRules.Standard(Policy, category, (decimal)income));

    [Theory]
    [InlineData(null, "Write the amount in yuan, for example 12.50.")]
    [InlineData(-1.0, "The amount must be more than zero.")]
    [InlineData(0.0, "The amount must be more than zero.")]
    [InlineData(1.234, "The amount has more than two decimals (yuan and fen).")]
    [InlineData(100001.0, "The amount is out of range.")]
    [InlineData(12.5, null)]
    public void An_amount_is_positive_and_in_fen(double? amount, string? problem) =>
        Assert.Equal(problem, DuesRules.AmountProblem((decimal?)amount));

    [Fact]
    public void The_policy_document_holds_the_brackets_and_refuses_bad_ones()
    {
        var (policy, problems) = StarPolicy.Parse("""{"dues":{"farmer":1.0}}""");
        Assert.Empty(problems);
        Assert.Equal(1.0m, policy!.Dues.Farmer);
        Assert.Equal(0.02m, policy.Dues.Employed[^1].Rate);
        var (_, bad) = StarPolicy.Parse("""{"dues":{"employed":[{"upTo":3000,"rate":0.005}],"student":0.123}}""");
        Assert.Contains(bad, p => p.Field == "dues.employed");
        Assert.Contains(bad, p => p.Field == "dues.student");
    }

    [Fact]
    public void Six_months_unpaid_is_told_in_the_constitutions_words()
    {
        var policy = new StarPolicy();
        var month =
            new MemberMonth(1, new DateOnly(2026, 12, 1), true, true, AttendanceStatus.Present, null, MakeUpState.None,
            true, false, true);
        var five = StarRules.MemberWarnings(policy, month, new Runs(0, 0, 5));
        Assert.DoesNotContain(five, w => w.Rule == "duesUnpaid");
        policy.MemberWarnings.RedDuesUnpaidMonths = 4;
        Assert.Equal("Dues unpaid for {0} months.",
            StarRules.MemberWarnings(policy, month, new Runs(0, 0, 5)).Single(w => w.Rule == "duesUnpaid")
            .Reasons[0].Key);
        var six = StarRules.MemberWarnings(policy, month, new Runs(0, 0, 6)).Single(w => w.Rule == "duesUnpaid");
        Assert.True(six.Red);
        Assert.Equal("Dues unpaid six months in a row (the Constitution, Article 9).", six.Reasons[0].Key);
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            Assert.Equal("连续六个月不交纳党费（党章第九条）。", Yihao.Web.Infrastructure.L.T(six.Reasons[0].Key));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
