using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Yihao.Web.Data;

/// <summary>
/// Copies what the check-in writer commits on SQLite from the write-ahead log into the database file, on a connection
/// and a task of its own. SQLite otherwise copies in the commit that takes the log past 1,000 pages, and on the 1st
/// that was every twentieth batch or so: the writer read back and rewrote the pages of the last thousand while every
/// scan behind it waited, and the machine waited with it (it sat two-fifths idle or waiting on the disk). The copy is a
/// passive checkpoint: it never blocks the writer, which goes on appending to the log meanwhile.
/// <para>
/// The log starts over only when a write begins with all of it copied, and a copy on another connection is always a
/// little behind a writer that keeps committing: during a burst the log grows to <see cref="WriterLimit"/> pages (40
/// MB), where the writer's own checkpoint copies what the last copy left and the log starts over. That is one wait
/// every few hundred batches instead of one every twenty, and the limit also bounds the log should the copies fail or a
/// reader hold an old snapshot.
/// </para>
/// </summary>
public sealed class SqliteCheckpoints(IServiceScopeFactory scopes, ILogger log) : IAsyncDisposable
{
    /// <summary>The writer's own threshold, in pages of the log (4 KB each); every other connection keeps SQLite's
    /// 1,000.</summary>
    public const int WriterLimit = 10_000;

    /// <summary>
    /// Commits between copies. Each copy writes every page changed since the last once and syncs the file once: copying
    /// after every 8 commits, or whenever the writer fell idle, was slower than SQLite's own copy; after 32 the burst
    /// ran 5–20% faster than with it in four paired runs, and after 64 as fast but with a p99 of 50 ms (a larger copy
    /// held the disk longer).
    /// </summary>
    public const int Commits = 32;

    readonly Channel<bool> due =
        Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    readonly CancellationTokenSource stopping = new();
    int since;
    Task? copying;
    TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a copy that starts after this call has ended, whether it copied or failed.</summary>
    public Task NextCopyAsync() => Volatile.Read(ref next).Task;

    /// <summary>Sets the writer's connection to leave the copying to this (up to <see cref="WriterLimit"/>).</summary>
    public static async Task HandOverAsync(DbConnection writer, CancellationToken ct)
    {
        await using var cmd = writer.CreateCommand();
        cmd.CommandText = $"PRAGMA wal_autocheckpoint = {WriterLimit}";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Before the writer lets its connection go: the pool would keep the threshold on it and hand it to requests, so
    /// that pool is emptied and they get fresh connections (a dropped writer's connection is rare: a failed batch, or
    /// stopping).
    /// </summary>
    public static void TakeBack(DbConnection writer)
    {
        if (writer is Microsoft.Data.Sqlite.SqliteConnection sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(
            sqlite);
    }

    /// <summary>
    /// Told by the writer after each commit; a copy starts after <see cref="Commits"/> of them. What a quiet hour
    /// leaves in the log is safe there (it is synced at every commit) and is read from there until the next copy.
    /// </summary>
    public void Committed()
    {
        if (stopping.IsCancellationRequested || ++since < Commits) return;
        since = 0;
        copying ??= Task.Run(CopyAllAsync);
        due.Writer.TryWrite(true);
    }

    async Task CopyAllAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var connection = scope.ServiceProvider.GetRequiredService<YihaoDb>().Database.GetDbConnection();
            await foreach (var _ in due.Reader.ReadAllAsync(stopping.Token))
            {
                var ended = Interlocked.Exchange(ref next, new(TaskCreationOptions.RunContinuationsAsynchronously));
                try
                {
                    if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(
                        stopping.Token);
                    await using var cmd = connection.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await cmd.ExecuteNonQueryAsync(stopping.Token);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    // The next commit asks again; meanwhile the log only grows, and the writer's own limit still holds.
                    log.LogWarning(e, "Copying the write-ahead log into the database failed");
                    await connection.CloseAsync();
                }
                finally
                {
                    ended.TrySetResult();
                }
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            log.LogError(e,
                "The copies of the write-ahead log have stopped; the check-in writer copies its own from {Pages} pages",
                WriterLimit);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Stopping (the copy in hand is never cut short: SQLite cannot cancel it): what is left is in the log, and
            // the next start reads it there.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (copying is { } task) await task;
    }
}
