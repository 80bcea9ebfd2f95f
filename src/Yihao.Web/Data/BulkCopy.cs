using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Yihao.Web.Data;

/// <summary>
/// Writes many rows at once inside the context's current transaction, bypassing change tracking: a prepared INSERT on
/// SQLite, binary COPY on PostgreSQL. Only for loads that write their own summary audit entry (the demo history).
/// Values are the stored forms: enums as their names, times as UTC DateTime, dates as DateOnly.
/// </summary>
public static class BulkCopy
{
    public static async Task InsertAsync(YihaoDb db, string table, string[] columns, IEnumerable<object?[]> rows,
        CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy =
                await npgsql.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: await copy.WriteNullAsync(ct); break;
                        case int i: await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, ct); break;
                        case string s: await copy.WriteAsync(s, NpgsqlTypes.NpgsqlDbType.Text, ct); break;
                        case DateTime t:
                            await copy.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc),
                            NpgsqlTypes.NpgsqlDbType.TimestampTz, ct); break;
                        case DateOnly d: await copy.WriteAsync(d, NpgsqlTypes.NpgsqlDbType.Date, ct); break;
                        case bool b: await copy.WriteAsync(b, NpgsqlTypes.NpgsqlDbType.Boolean, ct); break;
                        case decimal m: await copy.WriteAsync(m, NpgsqlTypes.NpgsqlDbType.Numeric, ct); break;
                        default: throw new NotSupportedException(value.GetType().Name);
                    }
                }
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES " +
                $"({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters =
            columns.Select((_, i) =>
            { var p = cmd.CreateParameter(); p.ParameterName = "@p" + i; cmd.Parameters.Add(p); return p; }).ToArray();
        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = Sqlite(row[i]);
            if (!prepared) { await cmd.PrepareAsync(ct); prepared = true; }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The text forms EF Core's SQLite provider stores, so that rows written here read back like any
    /// other.</summary>
    internal static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        decimal m => m.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}

/// <summary>
/// A hot path's insert of a batch of rows. On SQLite: one single-row statement, prepared once on a connection the
/// caller keeps open and run for each row (there are no round trips in-process, and parsing a new multi-row statement
/// per batch was most of its cost). On PostgreSQL: one statement over column arrays (unnest) that the caller sends in a
/// batch with its neighbours, so that a whole group commit costs two round trips. Column types are PostgreSQL's names:
/// integer, text, timestamptz. A PostgreSQL condition on the rows names them as v, by their columns (SQLite's foreign
/// keys check there what it checks).
/// </summary>
public sealed class PreparedInsert(string table, (string Name, string Type)[] columns, string tail,
    string postgresWhere = "") : IAsyncDisposable
{
    readonly string names = string.Join(", ", columns.Select(c => c.Name));
    DbCommand? command;
    DbConnection? preparedOn;

    /// <summary>The rows, one prepared statement each, on SQLite; the results of the tail's RETURNING, if
    /// any.</summary>
    public async Task<List<T>> RunSqliteAsync<T>(DbTransaction transaction, IReadOnlyList<object?[]> rows,
        Func<DbDataReader, T> read, CancellationToken ct)
    {
        var result = new List<T>(rows.Count);
        var connection = transaction.Connection!;
        if (command is null || preparedOn != connection)
        {
            if (command is not null) await command.DisposeAsync();
            command = connection.CreateCommand();
            command.CommandText =
                $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) " +
                    $"{tail}";
            for (var i = 0; i < columns.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                command.Parameters.Add(p);
            }
            preparedOn = connection;
            await command.PrepareAsync(ct);
        }
        command.Transaction = transaction;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = BulkCopy.Sqlite(row[i]);
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) result.Add(read(r));
        }
        return result;
    }

    /// <summary>The rows as one PostgreSQL statement: each column's values in one typed array.</summary>
    public NpgsqlBatchCommand Postgres(IReadOnlyList<object?[]> rows)
    {
        var cmd =
            new NpgsqlBatchCommand(
            $"INSERT INTO {table} ({names}) SELECT * FROM " +
                $"unnest({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.Type}[]"))}) AS v({names}) " +
                $"{postgresWhere} {tail}");
        for (var c = 0; c < columns.Length; c++)
            cmd.Parameters.Add(new NpgsqlParameter
            {
                Value = columns[c].Type switch
                {
                    "integer" => rows.Select(r => (int?)r[c]).ToArray(),
                    "text" => rows.Select(r => (string?)r[c]).ToArray(),
                    "timestamptz" =>
                        rows.Select(r => r[c] is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
                        : (DateTime?)null).ToArray(),
                    var other => throw new NotSupportedException(other),
                },
            });
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        if (command is not null) await command.DisposeAsync();
        (command, preparedOn) = (null, null);
    }
}
