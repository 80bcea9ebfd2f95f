using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yihao.Tests.Support;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;

namespace Yihao.Tests.Http;

/// <summary>
/// An attendance belongs to a member and a day that exist, and keeps them: on SQLite by foreign keys, on PostgreSQL by
/// checks once per statement (the keys' row locks were a third of the check-in writer's backend). Written in plain SQL,
/// as the check-in writer writes, so that nothing in the application stands between the test and the database.
/// </summary>
public abstract class AttendanceReferenceTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    /// <summary>A member and a draft day of a new branch, with nothing else that refers to them (no transfer, no
    /// notice).</summary>
    async Task<(int District, int Member, int Day)> LoneMemberAndDayAsync()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        return await App.WithDbAsync(async db =>
        {
            var org = await db.Orgs.SingleAsync(o => o.Id == branch);
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var member =
                new Member
                {
                    DistrictId = org.DistrictId,
                    OrgId = org.Id,
                    Name = "李四",
                    IdNumber = People.IdNumber(),
                    JoinedOn = new DateOnly(2001, 7, 1),
                    BirthDate = new DateOnly(1970, 1, 1),
                    CreatedAt = now,
                    UpdatedAt = now
                };
            var day =
                new ActivityDay
                {
                    DistrictId = org.DistrictId,
                    OrgId = org.Id,
                    Month = new DateOnly(2027, 1, 1),
                    StartsAt = now,
                    EndsAt = now.AddHours(2),
                    Place = "会议室",
                    CodeKey = ActivityDay.NewCodeKey(),
                    CreatedAt = now,
                    UpdatedAt = now
                };
            db.Add(member);
            db.Add(day);
            await db.SaveChangesAsync();
            return (org.DistrictId, member.Id, day.Id);
        });
    }

    /// <summary>One statement writing the rows given.</summary>
    static string Insert(params (int District, int Day, int Member)[] rows) =>
        "INSERT INTO attendances (district_id, activity_day_id, member_id, status, method, at) VALUES " +
        string.Join(", ",
            rows.Select(r => $"({r.District}, {r.Day}, {r.Member}, 'Present', 'Manual', CURRENT_TIMESTAMP)"));

    Task<int> ExecAsync(string sql) => App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    Task<int> CountAsync(int day) => App.WithDbAsync(db => db.Attendances.CountAsync(a => a.ActivityDayId == day));

    /// <summary>Refused as a foreign key refuses: SQLSTATE 23503 on PostgreSQL, a foreign key's constraint error on
    /// SQLite.</summary>
    static async Task RefusedAsync(Func<Task> write)
    {
        var e = await Assert.ThrowsAnyAsync<DbException>(write);
        Assert.True(e switch
        {
            PostgresException p => p.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("FOREIGN KEY", StringComparison.Ordinal),
            _ => false,
        }, e.Message);
    }

    [Fact]
    public async Task An_attendance_of_a_member_or_a_day_that_does_not_exist_is_refused_in_any_statement()
    {
        var (district, member, day) = await LoneMemberAndDayAsync();
        var other = member + 100_000;
        await RefusedAsync(() => ExecAsync(Insert((district, day, other))));
        await RefusedAsync(() => ExecAsync(Insert((district, day + 100_000, member))));
        // the bad row last of two
        await RefusedAsync(() => ExecAsync(Insert((district, day, member), (district, day, other))));
        await RefusedAsync(() => App.WithDbAsync(async db => // a bulk copy, as the demo's history is written
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkCopy.InsertAsync(db, "attendances",
                ["district_id", "activity_day_id", "member_id", "status", "method", "at"],
                [[district, day, member, "Present", "Manual", DateTime.UtcNow],
                    [district, day, other, "Present", "Manual", DateTime.UtcNow]], default);
            await tx.CommitAsync();
            return 0;
        }));
        Assert.Equal(0, await CountAsync(day));
        Assert.Equal(0, await CountAsync(day + 100_000));

        // A changed row is held to the same.
        Assert.Equal(1, await ExecAsync(Insert((district, day, member))));
        await RefusedAsync(() =>
            ExecAsync($"UPDATE attendances SET member_id = {other} WHERE activity_day_id = {day}"));
        Assert.Equal(member,
            await App.WithDbAsync(db => db.Attendances.Where(a => a.ActivityDayId == day).Select(a => a.MemberId)
            .SingleAsync()));

        // On PostgreSQL the checks are the triggers' alone: a key that EF put back would cost the morning's scans
        // again.
        if (App.WithDb(db => db.Database.IsNpgsql()))
            Assert.Equal(0,
                await App.WithDbAsync(db =>
                db.Database.SqlQueryRaw<int>(
                    "SELECT count(*)::int AS \"Value\" FROM pg_constraint WHERE conrelid = 'attendances'::regclass " +
                        "AND contype = 'f'")
                    .SingleAsync()));
    }

    /// <summary>The check-in writer's writes of scans, as the scans' lane hands them over with the day as the lane
    /// knows it.</summary>
    async Task<Task<Attendance>[]> ScansAsync(int day, params int[] members)
    {
        var d = await App.WithDbAsync(db => db.ActivityDays.AsNoTracking().SingleAsync(x => x.Id == day));
        var writer = App.Services.GetRequiredService<CheckInWriter>();
        return [.. members.Select(m =>
            writer.WriteAsync(d, m, AttendanceStatus.Present, CheckInMethod.QrScan, null, null,
            App.Clock.GetUtcNow().UtcDateTime, default))];
    }

    [Fact]
    public async Task The_check_in_writer_writes_no_attendance_of_a_member_that_does_not_exist_and_the_rest_of_its_batch_all_the_same()
    {
        var (district, member, day) = await LoneMemberAndDayAsync();
        var scans = await ScansAsync(day, member + 100_000, member);
        await Assert.ThrowsAnyAsync<Exception>(() => scans[0]);
        Assert.Equal(member, (await scans[1]).MemberId);
        Assert.Equal(member,
            await App.WithDbAsync(db => db.Attendances.Where(a => a.ActivityDayId == day).Select(a => a.MemberId)
            .SingleAsync()));
        // The writer's own check stands in for the triggers' in its own transactions alone: any other statement is
        // checked.
        await RefusedAsync(() => ExecAsync(Insert((district, day + 100_000, member))));
    }

    [Fact]
    public async Task A_scan_that_races_an_uncommitted_delete_of_its_member_waits_for_it_and_is_not_written()
    {
        await using var race = await RaceAsync();
        // not committed yet: a look still sees the member
        Assert.Equal(1, await Run(race.Deleter, $"DELETE FROM members WHERE id = {race.Member}"));
        var scan = (await ScansAsync(race.Day, race.Member))[0];
        await using (var waiting =
            new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 1105 AND " +
                "objsubid = 1 AND NOT granted " +
                                                     "AND database = (SELECT oid FROM pg_database WHERE datname = " +
                                                         "current_database())",
                                                         race.Watcher))
            for (var since =
                System.Diagnostics.Stopwatch.StartNew(); (int)(
                await waiting.ExecuteScalarAsync())! == 0; await Task.Delay(10))
                Assert.True(since.Elapsed < TimeSpan.FromSeconds(30) && !scan.IsCompleted,
                    "The writer did not wait for the delete's commit.");
        await Run(race.Deleter, "COMMIT");
        await Assert.ThrowsAnyAsync<Exception>(() => scan);
        Assert.Equal(0, await CountAsync(race.Day));
    }

    /// <summary>
    /// A statement the writer prepares is planned once for the connection's life. Made while the tables were small, a
    /// plan that scanned them stayed as they grew (the chain's head was read by a scan and sort of every entry): the
    /// writer's lookups by key take the index whatever the statistics say. Tables of three rows, analyzed, stand in for
    /// a fresh database's.
    /// </summary>
    [Fact]
    public async Task The_check_in_writers_reads_take_the_index_however_small_the_tables_were_when_planned()
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsNpgsql()), "SQLite plans by its indexes alone.");
        await using var c = new NpgsqlConnection(App.WithDb(db => db.Database.GetConnectionString()));
        await c.OpenAsync();
        await Run(c, "SET plan_cache_mode = force_generic_plan"); // as the writer's connection has it
        await Run(c, "BEGIN");
        await Run(c, PostgresYihaoDb.CheckInWriterBegins); // as every transaction of the writer's begins
        await Run(c, "CREATE TEMP TABLE audit_entries (LIKE public.audit_entries INCLUDING ALL)");
        await Run(c,
            "INSERT INTO audit_entries (district_id, at, user_name, action, entity, entity_id, prev_hash, hash) " +
                "SELECT 1, now(), 'a', 'create', 'E', g::text, 'p', 'h' || g FROM generate_series(1, 3) g");
        await Run(c, "ANALYZE audit_entries");
        await Run(c, $"PREPARE head AS {YihaoDb.AuditHead}");
        await using var explain = new NpgsqlCommand("EXPLAIN EXECUTE head", c);
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        Assert.Contains(plan, line => line.Contains("Index Scan Backward", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_or_a_day_with_attendance_can_be_neither_deleted_nor_renumbered_and_without_it_can()
    {
        var (district, member, day) = await LoneMemberAndDayAsync();
        Assert.Equal(1, await ExecAsync(Insert((district, day, member))));
        await RefusedAsync(() => ExecAsync($"DELETE FROM members WHERE id = {member}"));
        await RefusedAsync(() => ExecAsync($"DELETE FROM activity_days WHERE id = {day}"));
        await RefusedAsync(() => ExecAsync($"UPDATE members SET id = {member + 100_000} WHERE id = {member}"));
        await RefusedAsync(() => ExecAsync($"UPDATE activity_days SET id = {day + 100_000} WHERE id = {day}"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Members.CountAsync(m => m.Id == member)));
        Assert.Equal(1, await App.WithDbAsync(db => db.ActivityDays.CountAsync(d => d.Id == day)));

        // It was the attendance that held them.
        await ExecAsync($"DELETE FROM attendances WHERE activity_day_id = {day}");
        Assert.Equal(1, await ExecAsync($"DELETE FROM members WHERE id = {member}"));
        Assert.Equal(1, await ExecAsync($"DELETE FROM activity_days WHERE id = {day}"));
    }

    /// <summary>A lone member and day, and two connections of their own, each in a transaction: who writes an
    /// attendance and who deletes.</summary>
    sealed record Race(int District, int Member, int Day, NpgsqlConnection Writer, NpgsqlConnection Deleter,
        NpgsqlConnection Watcher) : IAsyncDisposable
    {
        public Task<int> InsertAsync() => Run(Writer, Insert((District, Day, Member)));

        /// <summary>
        /// Until the racer's statement waits for a lock (the other's commit), seen from a third connection: another
        /// process's state, so it is polled, for half a minute at most on a busy machine.
        /// </summary>
        public async Task WaitingAsync(NpgsqlConnection racer, Task statement)
        {
            await using var cmd =
                new NpgsqlCommand($"SELECT count(*)::int FROM pg_locks WHERE pid = {racer.ProcessID} AND NOT granted",
                Watcher);
            for (var since = System.Diagnostics.Stopwatch.StartNew(); since.Elapsed < TimeSpan.FromSeconds(30)
                && !statement.IsCompleted; await Task.Delay(10))
                if ((int)(await cmd.ExecuteScalarAsync())! > 0) return;
            Assert.Fail(statement.IsCompleted ? "The racing statement did not wait for the other's commit."
                : "The racing statement never came to wait.");
        }

        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            await Deleter.DisposeAsync();
            await Watcher.DisposeAsync();
        }
    }

    async Task<Race> RaceAsync(string writerBegins = "BEGIN")
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsNpgsql()), "SQLite has one writer at a time.");
        var (district, member, day) = await LoneMemberAndDayAsync();
        var connection = App.WithDb(db => db.Database.GetConnectionString())!;
        var race =
            new Race(district, member, day, new NpgsqlConnection(connection), new NpgsqlConnection(connection),
            new NpgsqlConnection(connection));
        foreach (var c in new[] { race.Writer, race.Deleter, race.Watcher }) await c.OpenAsync();
        await Run(race.Writer, writerBegins);
        await Run(race.Deleter, "BEGIN");
        return race;
    }

    static async Task<int> Run(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("members")]
    [InlineData("activity_days")]
    public async Task A_delete_that_races_an_uncommitted_attendance_waits_for_it_and_is_refused(string table)
    {
        await using var race = await RaceAsync();
        Assert.Equal(1, await race.InsertAsync()); // not committed yet: the delete cannot see it
        var id = table == "members" ? race.Member : race.Day;
        var delete = Run(race.Deleter, $"DELETE FROM {table} WHERE id = {id}");
        await race.WaitingAsync(race.Deleter, delete);
        // The writer goes on to change the row the delete is after, as the check-in writer marks the liaison leader's
        // day: the delete waits before it locks a row, so this neither waits nor deadlocks.
        Assert.Equal(1, await Run(race.Writer, $"UPDATE {table} SET updated_at = now() WHERE id = {id}"));
        await Run(race.Writer, "COMMIT");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(1,
            await App.WithDbAsync(db => table == "members" ? db.Members.CountAsync(m => m.Id == id)
            : db.ActivityDays.CountAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task An_attendance_that_races_an_uncommitted_delete_waits_for_it_and_is_refused()
    {
        await using var race = await RaceAsync();
        // not committed yet: the insert still sees the day
        Assert.Equal(1, await Run(race.Deleter, $"DELETE FROM activity_days WHERE id = {race.Day}"));
        var insert = race.InsertAsync();
        await race.WaitingAsync(race.Writer, insert);
        await Run(race.Deleter, "COMMIT");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(0, await CountAsync(race.Day));
    }

    [Fact]
    public async Task Under_an_older_snapshot_a_writer_locks_as_a_foreign_key_does_and_a_delete_is_refused()
    {
        await using var race = await RaceAsync("BEGIN ISOLATION LEVEL REPEATABLE READ");
        // the writer's snapshot, which still has the day
        await Run(race.Writer, $"SELECT 1 FROM activity_days WHERE id = {race.Day}");
        Assert.Equal(1, await Run(race.Deleter, $"DELETE FROM activity_days WHERE id = {race.Day}"));
        await Run(race.Deleter, "COMMIT");
        var refused = await Assert.ThrowsAsync<PostgresException>(race.InsertAsync);
        Assert.Equal(PostgresErrorCodes.SerializationFailure, refused.SqlState);
        Assert.Equal(0, await CountAsync(race.Day));

        await Run(race.Writer, "ROLLBACK");
        await Run(race.Writer, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        var delete =
            await Assert.ThrowsAsync<PostgresException>(() =>
            Run(race.Writer, $"DELETE FROM members WHERE id = {race.Member}"));
        Assert.Equal(PostgresErrorCodes.FeatureNotSupported, delete.SqlState);
    }
}

public sealed class AttendanceReferenceTestsOnSqlite(SqliteApp app) : AttendanceReferenceTests<SqliteApp>(app);
public sealed class AttendanceReferenceTestsOnPostgres(PostgresApp app) : AttendanceReferenceTests<PostgresApp>(app);
