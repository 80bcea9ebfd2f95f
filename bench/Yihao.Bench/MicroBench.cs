using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace Yihao.Bench;

/// <summary>
/// Micro-benchmarks of the pure rules on the hot paths, through BenchmarkDotNet, each beside a baseline of the same
/// work at its least (the Ratio column): `micro` runs them all, `micro --filter *Stars*` one class.
/// </summary>
static class MicroBench
{
    public static void Run(string[] args) =>
        BenchmarkSwitcher
            .FromTypes([typeof(StarRulesBench), typeof(CheckInCodeBench), typeof(MaskingBench)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args);
}

/// <summary>A branch's month of stars (30 members, the demo's mix) against reading the same fields without the
/// rules.</summary>
[MemoryDiagnoser]
public class StarRulesBench
{
    readonly StarPolicy policy = new();
    MemberMonth[] months = [];

    [GlobalSetup]
    public void Setup()
    {
        var month = new DateOnly(2026, 11, 1);
        var statuses = new AttendanceStatus?[]
        {
            AttendanceStatus.Present,
            AttendanceStatus.Present,
            AttendanceStatus.Present,
            AttendanceStatus.Online,
            AttendanceStatus.Excused,
            AttendanceStatus.Unexcused,
            AttendanceStatus.AtDoor,
            null,
        };
        months =
        [
            .. Enumerable
                .Range(1, 30)
                .Select(i => new MemberMonth(
                    i,
                    month,
                    true,
                    i % 15 != 0,
                    statuses[i % statuses.Length],
                    month,
                    i % 7 == 0 ? MakeUpState.DoneInTime : MakeUpState.None,
                    i % 3 != 0,
                    i % 11 != 0,
                    i % 2 == 0
                )),
        ];
    }

    [Benchmark(Baseline = true, Description = "fields read, no rules")]
    public int Fields()
    {
        var n = 0;
        foreach (var m in months)
            n += (m.Expected ? 1 : 0) + (m.StudyNote ? 1 : 0) + (m.DuesPaid ? 1 : 0) + (int)(m.Status ?? 0);
        return n;
    }

    [Benchmark(Description = "StarRules.Star (the warnings' run)")]
    public int Star()
    {
        var n = 0;
        foreach (var m in months)
            n += (int)StarRules.Star(policy, m);
        return n;
    }

    [Benchmark(Description = "StarRules.Rate (the board, with reasons)")]
    public int Rate()
    {
        var n = 0;
        foreach (var m in months)
            n += StarRules.Rate(policy, m).Reasons.Count;
        return n;
    }
}

/// <summary>The rotating code of a QR step against the bare HMAC it is made of.</summary>
public class CheckInCodeBench
{
    readonly string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    byte[] keyBytes = [];
    readonly byte[] message = Encoding.ASCII.GetBytes("1201:178000000");

    [GlobalSetup]
    public void Setup() => keyBytes = Convert.FromBase64String(key);

    [Benchmark(Baseline = true, Description = "HMACSHA256.HashData")]
    public byte[] Hmac() => HMACSHA256.HashData(keyBytes, message);

    [Benchmark(Description = "CheckInCode.For")]
    public string Code() => CheckInCode.For(key, 1201, 178_000_000);

    [Benchmark(Description = "CheckInCode.Check, previous step")]
    public bool Check() => CheckInCode.Check(key, 1201, CheckInCode.Token(key, 1201, 177_999_999), 178_000_000);
}

/// <summary>Masking an ID number and a phone for a roster line against copying the same strings.</summary>
public class MaskingBench
{
    const string Id = "610502198805061234";
    const string Mobile = "13812345678";

    [Benchmark(Baseline = true, Description = "string.Concat of both")]
    public string Copy() => string.Concat(Id, Mobile);

    [Benchmark(Description = "NationalId.Mask + Phone.Mask")]
    public string Mask() => string.Concat(NationalId.Mask(Id), Phone.Mask(Mobile));
}
