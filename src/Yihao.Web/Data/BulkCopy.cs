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
