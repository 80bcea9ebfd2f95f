using Microsoft.Extensions.Configuration;
using Yihao.Tests.Support;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Infrastructure;

/// <summary>The throttle on its own, driven by the clock: what 30,000 members and a guesser each meet.</summary>
public sealed class SignInThrottleTests
{
    readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    SignInThrottle Throttle() => new(clock, new ConfigurationBuilder().Build());

    [Fact]
    public void Thirty_thousand_members_sign_in_within_an_hour_through_five_addresses()
    {
        var throttle = Throttle();
        var refused = 0;
        // Every tenth member mistypes once first; all arrive within the hour, the busiest ten minutes twice as busy.
        for (var i = 0; i < 30_000; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(i < 10_000 ? 0.06 : 0.135));
            var name = $"member{i}";
            var address = $"10.0.0.{i / 10 % 5}";
            if (i % 10 == 0)
            {
                if (!throttle.Check(name, address).Allowed)
                    refused++;
                throttle.Failed(name, address);
            }
            if (!throttle.Check(name, address).Allowed)
                refused++;
            throttle.Succeeded(name);
        }
        Assert.Equal(0, refused);
    }

    [Fact]
    public void A_guesser_from_one_address_is_blocked_there_and_slowed_per_account()
    {
        var throttle = Throttle();
        var tries = 0;
        SignInThrottle.Decision blocked;
        while ((blocked = throttle.Check($"victim{tries}", "203.0.113.9")).Allowed && tries < 10_000)
            throttle.Failed($"victim{tries++}", "203.0.113.9");
        Assert.Equal(300, tries); // the address's bucket, then a block
        Assert.Equal("address", blocked.By);
        Assert.True(blocked.Report);
        Assert.False(throttle.Check("someone", "203.0.113.9").Report); // said once per block
        Assert.True(throttle.Check("someone", "203.0.113.10").Allowed);
    }

    [Fact]
    public void A_thousand_guesses_at_one_account_from_a_hundred_addresses_take_hours()
    {
        var throttle = Throttle();
        var start = clock.GetUtcNow();
        for (var guesses = 0; guesses < 1000;)
        {
            var address = $"198.51.100.{guesses % 100}";
            var d = throttle.Check("admin", address);
            if (!d.Allowed)
            {
                Assert.Equal("account", d.By);
                clock.Advance(d.RetryAfter);
                continue;
            }
            throttle.Failed("admin", address);
            guesses++;
        }
        Assert.True(clock.GetUtcNow() - start > TimeSpan.FromHours(24), $"{clock.GetUtcNow() - start}");
    }

    [Fact]
    public void A_ipv6_client_is_one_address_by_its_64()
    {
        Assert.Equal(
            SignInThrottle.AddressKey(System.Net.IPAddress.Parse("2001:db8:1:2::5")),
            SignInThrottle.AddressKey(System.Net.IPAddress.Parse("2001:db8:1:2:aaaa::9"))
        );
        Assert.Equal("192.0.2.1", SignInThrottle.AddressKey(System.Net.IPAddress.Parse("::ffff:192.0.2.1")));
    }
}
