using Yihao.Bench;

// Benchmarks print their figures next to a same-machine baseline, as a ratio. Usage:
//   dotnet run -c Release --project bench/Yihao.Bench -- seed [sqlite|postgres]
// PostgreSQL runs take the server from YIHAO_BENCH_POSTGRES (a connection string to a database that may be created and dropped).
var what = args.FirstOrDefault() ?? "seed";
var provider = args.Skip(1).FirstOrDefault() ?? "sqlite";
switch (what)
{
    case "seed":
        await SeedBench.RunAsync(provider);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{what}'; try: seed [sqlite|postgres]");
        return 2;
}
return 0;
