using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Yihao.Web.Data;

/// <summary>
/// Writes many rows at once inside the context's current transaction, bypassing change tracking: a prepared INSERT on SQLite,
/// binary COPY on PostgreSQL. Only for loads that write their own summary audit entry (the demo history).
/// Values are the stored forms: enums as their names, times as UTC DateTime, dates as DateOnly.
/// </summary>
public static class BulkCopy
{
    public static async Task InsertAsync(YihaoDb db, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
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
                        case DateTime t: await copy.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct); break;
                        case DateOnly d: await copy.WriteAsync(d, NpgsqlTypes.NpgsqlDbType.Date, ct); break;
                        case bool b: await copy.WriteAsync(b, NpgsqlTypes.NpgsqlDbType.Boolean, ct); break;
                        default: throw new NotSupportedException(value.GetType().Name);
                    }
                }
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = "@p" + i; cmd.Parameters.Add(p); return p; }).ToArray();
        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = Sqlite(row[i]);
            if (!prepared) { await cmd.PrepareAsync(ct); prepared = true; }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// One multi-row INSERT with a tail (an ON CONFLICT clause, a RETURNING list), read row by row: the statement
    /// both databases understand, for small hot batches where one round trip matters more than COPY's speed per row.
    /// </summary>
    public static async Task<List<T>> InsertReturningAsync<T>(DbTransaction transaction, string table, string[] columns, IReadOnlyList<object?[]> rows, string tail, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var result = new List<T>(rows.Count);
        if (rows.Count == 0) return result;
        var sqlite = transaction.Connection is not NpgsqlConnection;
        await using var cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new System.Text.StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? name : ", " + name);
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = sqlite ? Sqlite(rows[r][c]) : rows[r][c] switch { null => DBNull.Value, DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc), var v => v };
                cmd.Parameters.Add(p);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.Append(' ').Append(tail).ToString();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(read(reader));
        return result;
    }

    /// <summary>The text forms EF Core's SQLite provider stores, so that rows written here read back like any other.</summary>
    static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };
}
