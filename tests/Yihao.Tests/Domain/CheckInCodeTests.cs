using System.Security.Cryptography;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;

namespace Yihao.Tests.Domain;

/// <summary>The rotating code: this step's and the last step's are good, for this day only, however the codes are
/// held.</summary>
public sealed class CheckInCodeTests
{
    static ActivityDay Day(int id) =>
        new() { Id = id, CodeKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    [Fact]
    public void This_steps_and_the_last_steps_code_are_good_and_nothing_else()
    {
        var day = Day(7);
        var facts = new MeetingFacts.DayFacts(day, [], []);
        string Token(ActivityDay d, long step) => CheckInCode.Token(d.CodeKey, d.Id, step);
        const long Now = 5_000_000;
        // Asked step after step, as a branch's scans ask through a morning: the held codes follow the clock.
        for (var step = Now; step < Now + 5; step++)
        {
            foreach (var valid in new Func<string?, long,
                bool>[] { facts.CodeValid, (t, s) => CheckInCode.Check(day.CodeKey, day.Id, t, s) })
            {
                Assert.True(valid(Token(day, step), step));
                Assert.True(valid(Token(day, step - 1), step));
                Assert.False(valid(Token(day, step - 2), step));
                Assert.False(valid(Token(day, step + 1), step));
                // the same id with another key: another branch's day, or a day made again
                Assert.False(valid(Token(Day(7), step), step));
                Assert.False(valid(Token(Day(8), step), step));
                foreach (
                    var bad in new[] { null, "", ".", $"{step}", $"{step}.", $".{Token(day, step)}",
                    $"{Token(day, step)}.x", $"x{Token(day, step)}", Token(day, step)[..^1] })
                    Assert.False(valid(bad, step));
            }
        }
    }
}
