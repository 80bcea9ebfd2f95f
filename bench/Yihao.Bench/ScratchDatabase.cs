using Microsoft.Data.Sqlite;
using Npgsql;

namespace Yihao.Bench;

/// <summary>
/// A bench's own database, made for one run and dropped after it: a SQLite file in a temporary folder, or a fresh
/// PostgreSQL database on the server YIHAO_BENCH_POSTGRES names. The folder is there for either (keys, baselines).
/// </summary>
sealed class ScratchDatabase : IAsyncDisposable
{
    readonly string? server;
    readonly string database;

    ScratchDatabase(bool postgres, string connection, string folder, string? server, string database)
    {
        (Postgres, Connection, Folder, this.server, this.database) = (postgres, connection, folder, server, database);
    }

    public bool Postgres { get; }
    public string Connection { get; }
    public string Folder { get; }

    /// <summary>The database for provider "sqlite" or "postgres", or null (said on stderr) when PostgreSQL is asked
    /// for and no server is named. <paramref name="tune"/> sets the PostgreSQL connection's options.</summary>
    public static async Task<ScratchDatabase?> CreateAsync(string provider, string name,
        Action<NpgsqlConnectionStringBuilder>? tune = null)
    {
        var postgres = provider.StartsWith("p", StringComparison.OrdinalIgnoreCase);
        var server = Environment.GetEnvironmentVariable("YIHAO_BENCH_POSTGRES");
        if (postgres && string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("set YIHAO_BENCH_POSTGRES to a PostgreSQL connection string");
            return null;
        }
        var folder = Directory.CreateTempSubdirectory($"yihao-{name}-").FullName;
        var database = "yihao_bench_" + Guid.NewGuid().ToString("N")[..8];
        if (!postgres)
            return new(false, $"Data Source={Path.Combine(folder, name + ".db")}", folder, null, database);
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
        tune?.Invoke(builder);
        await ExecAsync(server!, $"CREATE DATABASE {database}");
        return new(true, builder.ConnectionString, folder, server, database);
    }

    /// <summary>Dropped, unless YIHAO_BENCH_KEEP is set: then kept, and said where, to look into after the
    /// run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("YIHAO_BENCH_KEEP")))
        {
            Console.WriteLine($"kept               {(Postgres ? database : Connection)}");
            return;
        }
        if (Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(server!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    static async Task ExecAsync(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
