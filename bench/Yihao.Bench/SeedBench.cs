using Microsoft.Data.Sqlite;
using Npgsql;

namespace Yihao.Bench;

/// <summary>
/// Times the demo seed (1,028 branches, 30,000+ members, their first transfers, 1,050 accounts) on an empty database,
/// against a baseline on the same machine: the same number of member-sized rows written by one prepared INSERT in one
/// transaction, the floor any loader on that database has to pay.
/// </summary>
static class SeedBench
{
    public static async Task RunAsync(string provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "seed");
        if (scratch is null) return;
        var (postgres, connection, folder) = (scratch.Postgres, scratch.Connection, scratch.Folder);
        await using var db = new BenchDistrict(postgres, connection).Open();
        var district = await BenchDistrict.DistrictAsync(db);
        var hash = BenchDistrict.PasswordHash();

        var clock = Stopwatch.StartNew();
        var counts = await BenchDistrict.DemoAsync(db, district, hash);
        var seed = clock.Elapsed;
        var rows =
            counts.Members * 2 + counts.Branches + counts.Accounts + counts.History.Days
            + counts.History.Attendances + counts.History.MakeUps;

        var baseline =
            await BaselineAsync(postgres,
            postgres ? connection : $"Data Source={Path.Combine(folder, "baseline.db")}", rows);
        Console.WriteLine($"provider           {(postgres ? "PostgreSQL" : "SQLite")}");
        Console.WriteLine(
            $"seeded             {counts.Towns} towns, {counts.Branches} branches, {counts.Members} members, " +
                $"{counts.Accounts} accounts, {counts.History.Days} activity days, {counts.History.Attendances} " +
                $"attendances ({rows:N0} rows)");
        Console.WriteLine($"demo seed          {seed.TotalSeconds,8:F2} s   target < 60 s");
        Console.WriteLine(
            $"baseline insert    {baseline.TotalSeconds,8:F2} s   ({rows:N0} rows, one prepared INSERT, one " +
                $"transaction)");
        Console.WriteLine($"ratio seed/base    {seed / baseline,8:F1} x");
    }

    static async Task<TimeSpan> BaselineAsync(bool postgres, string connection, int rows)
    {
        const string create =
            "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, name TEXT NOT NULL, id_number " +
                "TEXT NOT NULL, phone TEXT NOT NULL, joined_on TEXT NOT NULL)";
        const string insert =
            "INSERT INTO bench_rows (id, org_id, name, id_number, phone, joined_on) VALUES (@id, @org, @name, @idn, " +
                "@phone, @joined)";
        System.Data.Common.DbConnection c = postgres ? new NpgsqlConnection(connection)
            : new SqliteConnection(connection);
        await using (c)
        {
            await c.OpenAsync();
            await using (var drop = c.CreateCommand())
            {
                drop.CommandText =
                "DROP TABLE IF EXISTS bench_rows"; await drop.ExecuteNonQueryAsync();
            }
            await using (var make = c.CreateCommand()) { make.CommandText = create; await make.ExecuteNonQueryAsync(); }
            var clock = Stopwatch.StartNew();
            await using var tx = await c.BeginTransactionAsync();
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = insert;
            var p = new[] { "@id", "@org", "@name", "@idn", "@phone",
                "@joined" }.Select(n =>
                { var x = cmd.CreateParameter(); x.ParameterName = n; cmd.Parameters.Add(x); return x; }).ToArray();
            for (var i = 1; i <= rows; i++)
            {
                p[0].Value = i; p[1].Value = i % 1028; p[2].Value = "王建国"; p[3].Value =
                    "610502198005010014"; p[4].Value = "13812345678"; p[5].Value = "2001-07-01";
                if (i == 1) await cmd.PrepareAsync();
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            return clock.Elapsed;
        }
    }
}
