namespace Yihao.Bench;

/// <summary>
/// Benchmarks print their figures next to a same-machine baseline, as a ratio. Usage:
///   dotnet run -c Release --project bench/Yihao.Bench -- seed [sqlite|postgres]
///   dotnet run -c Release --project bench/Yihao.Bench -- checkin [sqlite|postgres]
///   dotnet run -c Release --project bench/Yihao.Bench -- stars [sqlite|postgres] [1,10,33]
///   dotnet run -c Release --project bench/Yihao.Bench -- sample [sqlite|postgres]
///   dotnet run -c Release --project bench/Yihao.Bench -- counts [sqlite|postgres] [1,10]
///   dotnet run -c Release --project bench/Yihao.Bench -- dashboard [sqlite|postgres] [1,10]
///   dotnet run -c Release --project bench/Yihao.Bench -- micro [BenchmarkDotNet arguments, e.g. --filter *Stars*]
/// (stars: one month's stars and warnings for the whole district, at sizes given as multiples of the demo's 30,000 members.)
/// PostgreSQL runs take the server from YIHAO_BENCH_POSTGRES (a connection string to a database that may create and drop databases).
/// </summary>
static class BenchMain
{
    /// <summary>
    /// Runs the benchmark again in a runtime that compiles every method fully optimized before first use. A burst of a
    /// few seconds after start-up otherwise measures the JIT: tiered compilation replaces start-up code in the
    /// background over minutes, and until then up to a sixth of the CPU went to the compiler. A server on the 1st has
    /// run for days.
    /// </summary>
    static async Task<int> SteadyStateAsync(string[] args)
    {
        var self = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // run as "dotnet Yihao.Bench.dll", not as its own executable
        if (Path.GetFileName(Environment.ProcessPath!) is "dotnet" or "dotnet.exe")
            self.ArgumentList.Add(typeof(BenchMain).Assembly.Location);
        foreach (var a in args) self.ArgumentList.Add(a);
        self.Environment["DOTNET_TieredCompilation"] = "0";
        self.Environment["DOTNET_ReadyToRun"] = "0";
        using var child = System.Diagnostics.Process.Start(self)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    static async Task<int> Main(string[] args)
    {
        var what = args.FirstOrDefault() ?? "seed";
        var provider = args.Skip(1).FirstOrDefault() ?? "sqlite";
        switch (what)
        {
            case "seed": await SeedBench.RunAsync(provider); return 0;
            case "checkin":
                if (Environment.GetEnvironmentVariable(
                    "DOTNET_TieredCompilation") is null) return await SteadyStateAsync(args);
                await CheckInBench.RunAsync(provider);
                return 0;
            case "stars":
                var sizes = (args.Skip(2).FirstOrDefault() ?? "1,10,33").Split(',')
                    .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                await StarsBench.RunAsync(provider, sizes);
                return 0;
            case "sample": await RiskSampleBench.RunAsync(provider); return 0;
            case "counts": await CountsBench.RunAsync(provider, args.Skip(2).FirstOrDefault() ?? "1,10"); return 0;
            case "dashboard":
                await DashboardBench.RunAsync(provider, args.Skip(2).FirstOrDefault() ?? "1,10");
                return 0;
            case "micro":
                MicroBench.Run(args[1..]);
                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    $"unknown benchmark '{what}'; try: seed|checkin|stars|sample|counts|dashboard " +
                    "[sqlite|postgres], micro");
                return 2;
        }
    }
}
