using Yihao.Web.Domain;
using Yihao.Web.Features.Supervision;

namespace Yihao.Tests.Domain;

/// <summary>The sample draw as docs/supervision.md writes it down: the generator's known first output, the worked
/// example's numbers, and the properties a sample without replacement must have.</summary>
public class SamplingTests
{
    [Fact]
    public void SplitMix64_seeded_with_zero_gives_the_reference_first_output()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
    }

    [Fact]
    public void The_worked_example_of_the_docs_draws_103_102_104()
    {
        var rng = new SplitMix64(20261207);
        Assert.Equal(5136735609204658477UL, rng.Next());
        Assert.Equal(1869922193014852869UL, rng.Next());
        Assert.Equal(8459770011048550429UL, rng.Next());
        var candidates = new List<(int, long)> { (104, 9), (101, 1), (102, 5), (103, 2), (105, 1) }; // any order in
        Assert.Equal([103, 102, 104], Sampling.Draw(20261207, candidates, 3));
    }

    [Fact]
    public void A_draw_never_repeats_a_candidate_skips_zero_weights_and_stops_when_all_are_drawn()
    {
        var candidates = Enumerable.Range(1, 40).Select(i => (i, (long)(i % 4))).ToList();
        for (ulong seed = 1; seed < 200; seed++)
        {
            var picked = Sampling.Draw(seed, candidates, 50);
            Assert.Equal(30, picked.Count); // the ten of weight 0 are never drawn
            Assert.Equal(picked.Count, picked.Distinct().Count());
            Assert.DoesNotContain(picked, p => p % 4 == 0);
        }
    }

    [Fact]
    public void Heavier_candidates_are_drawn_first_more_often()
    {
        var candidates = new List<(int, long)> { (1, 1), (2, 9) };
        var heavyFirst = Enumerable.Range(1, 2000).Count(seed => Sampling.Draw((ulong)seed, candidates, 1)[0] == 2);
        Assert.InRange(heavyFirst, 1700, 1900); // 90% expected
    }

    [Fact]
    public void Below_is_within_its_bound()
    {
        var rng = new SplitMix64(42);
        for (var k = 0; k < 10_000; k++) Assert.InRange(rng.Below(7), 0UL, 6UL);
    }

    [Fact]
    public void The_risk_weight_is_the_base_plus_each_count_times_its_policy_weight()
    {
        var inputs = new RiskInputs(OpenWarnings: 2, LowAttendance: 1, LatePlans: 0, DaysNotHeld: 1, SixMustsMissing: 2,
            OpenProblems: 1, OverdueProblems: 1);
        Assert.Equal(23, inputs.Weight(new SupervisionRule.RiskWeights()));
        Assert.Equal(1, new RiskInputs(0, 0, 0, 0, 0, 0, 0).Weight(new SupervisionRule.RiskWeights()));
        Assert.Equal(23 + 2 * 3, (inputs with { HandMarkedDays = 2 }).Weight(new SupervisionRule.RiskWeights()));
    }
}
