namespace Yihao.Bench;

/// <summary>
/// Benchmarks print their figures next to a same-machine baseline, as a ratio. Usage:
///   dotnet run -c Release --project bench/Yihao.Bench -- seed [sqlite|postgres]
///   dotnet run -c Release --project bench/Yihao.Bench -- checkin [sqlite|postgres]
///   dotnet run -c Release --project bench/Yihao.Bench -- stars [sqlite|postgres] [1,10,33]
/// (stars: one month's stars and warnings for the whole district, at sizes given as multiples of the demo's 30,000 members.)
/// PostgreSQL runs take the server from YIHAO_BENCH_POSTGRES (a connection string to a database that may create and drop databases).
/// </summary>
static class BenchMain
{
    static async Task<int> Main(string[] args)
    {
        var what = args.FirstOrDefault() ?? "seed";
        var provider = args.Skip(1).FirstOrDefault() ?? "sqlite";
        switch (what)
        {
            case "seed": await SeedBench.RunAsync(provider); return 0;
            case "checkin": await CheckInBench.RunAsync(provider); return 0;
            case "stars":
                var sizes = (args.Skip(2).FirstOrDefault() ?? "1,10,33").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                await StarsBench.RunAsync(provider, sizes);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown benchmark '{what}'; try: seed|checkin|stars [sqlite|postgres]");
                return 2;
        }
    }
}
