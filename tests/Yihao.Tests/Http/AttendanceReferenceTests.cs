using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>
/// An attendance belongs to a member and a day that exist, and keeps them: on SQLite by foreign keys, on PostgreSQL by checks
/// once per statement (the keys' row locks cost the morning's scans a fifth of their throughput). Written in plain SQL, as the
/// check-in writer writes, so that nothing in the application stands between the test and the database.
/// </summary>
public abstract class AttendanceReferenceTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    /// <summary>A member and a draft day of a new branch, with nothing else that refers to them (no transfer, no notice).</summary>
    async Task<(int District, int Member, int Day)> LoneMemberAndDayAsync()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        return await App.WithDbAsync(async db =>
        {
            var org = await db.Orgs.SingleAsync(o => o.Id == branch);
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var member = new Member { DistrictId = org.DistrictId, OrgId = org.Id, Name = "李四", IdNumber = People.IdNumber(), JoinedOn = new DateOnly(2001, 7, 1), BirthDate = new DateOnly(1970, 1, 1), CreatedAt = now, UpdatedAt = now };
            var day = new ActivityDay { DistrictId = org.DistrictId, OrgId = org.Id, Month = new DateOnly(2027, 1, 1), StartsAt = now, EndsAt = now.AddHours(2), Place = "会议室", CodeKey = ActivityDay.NewCodeKey(), CreatedAt = now, UpdatedAt = now };
            db.Add(member);
            db.Add(day);
            await db.SaveChangesAsync();
            return (org.DistrictId, member.Id, day.Id);
        });
    }

    Task<int> InsertAsync(int district, int day, int member) => App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
        $"INSERT INTO attendances (district_id, activity_day_id, member_id, status, method, at) VALUES ({district}, {day}, {member}, 'Present', 'Manual', {App.Clock.GetUtcNow().UtcDateTime})"));

    Task<int> ExecAsync(FormattableString sql) => App.WithDbAsync(db => db.Database.ExecuteSqlAsync(sql));

    Task<int> CountAsync(int day) => App.WithDbAsync(db => db.Attendances.CountAsync(a => a.ActivityDayId == day));

    [Fact]
    public async Task An_attendance_of_a_member_or_a_day_that_does_not_exist_is_refused()
    {
        var (district, member, day) = await LoneMemberAndDayAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => InsertAsync(district, day, member + 100_000));
        await Assert.ThrowsAnyAsync<DbException>(() => InsertAsync(district, day + 100_000, member));
        Assert.Equal(0, await CountAsync(day));
        Assert.Equal(0, await App.WithDbAsync(db => db.Attendances.CountAsync(a => a.ActivityDayId == day + 100_000)));

        // A changed row is held to the same.
        Assert.Equal(1, await InsertAsync(district, day, member));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecAsync($"UPDATE attendances SET member_id = {member + 100_000} WHERE activity_day_id = {day}"));
        Assert.Equal(member, await App.WithDbAsync(db => db.Attendances.Where(a => a.ActivityDayId == day).Select(a => a.MemberId).SingleAsync()));
    }

    [Fact]
    public async Task A_member_or_a_day_with_attendance_cannot_be_deleted_and_without_it_can()
    {
        var (district, member, day) = await LoneMemberAndDayAsync();
        Assert.Equal(1, await InsertAsync(district, day, member));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecAsync($"DELETE FROM members WHERE id = {member}"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecAsync($"DELETE FROM activity_days WHERE id = {day}"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Members.CountAsync(m => m.Id == member)));
        Assert.Equal(1, await App.WithDbAsync(db => db.ActivityDays.CountAsync(d => d.Id == day)));

        // It was the attendance that held them.
        await ExecAsync($"DELETE FROM attendances WHERE activity_day_id = {day}");
        Assert.Equal(1, await ExecAsync($"DELETE FROM members WHERE id = {member}"));
        Assert.Equal(1, await ExecAsync($"DELETE FROM activity_days WHERE id = {day}"));
    }

    /// <summary>Two connections of their own, each in a transaction: the writer of an attendance and the one who deletes.</summary>
    async Task<(NpgsqlConnection Writer, NpgsqlConnection Deleter)> RacersAsync()
    {
        var connection = App.WithDb(db => db.Database.GetConnectionString())!;
        var writer = new NpgsqlConnection(connection);
        var deleter = new NpgsqlConnection(connection);
        await writer.OpenAsync();
        await deleter.OpenAsync();
        foreach (var c in new[] { writer, deleter }) await Run(c, "BEGIN");
        return (writer, deleter);
    }

    static async Task<int> Run(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteNonQueryAsync();
    }

    static string Insert(int district, int day, int member) =>
        $"INSERT INTO attendances (district_id, activity_day_id, member_id, status, method, at) VALUES ({district}, {day}, {member}, 'Present', 'Manual', now())";

    [Fact]
    public async Task A_delete_that_races_an_uncommitted_attendance_waits_for_it_and_is_refused()
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsNpgsql()), "SQLite has one writer at a time.");
        var (district, member, day) = await LoneMemberAndDayAsync();
        var (writer, deleter) = await RacersAsync();
        await using var _ = writer;
        await using var __ = deleter;
        Assert.Equal(1, await Run(writer, Insert(district, day, member))); // not committed yet: the delete cannot see it
        var delete = Run(deleter, $"DELETE FROM members WHERE id = {member}");
        await Run(writer, "COMMIT");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(1, await App.WithDbAsync(db => db.Members.CountAsync(m => m.Id == member)));
    }

    [Fact]
    public async Task An_attendance_that_races_an_uncommitted_delete_waits_for_it_and_is_refused()
    {
        Assert.SkipUnless(App.WithDb(db => db.Database.IsNpgsql()), "SQLite has one writer at a time.");
        var (district, member, day) = await LoneMemberAndDayAsync();
        var (writer, deleter) = await RacersAsync();
        await using var _ = writer;
        await using var __ = deleter;
        Assert.Equal(1, await Run(deleter, $"DELETE FROM activity_days WHERE id = {day}")); // not committed yet: the insert still sees the day
        var insert = Run(writer, Insert(district, day, member));
        await Run(deleter, "COMMIT");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(0, await CountAsync(day));
    }
}

public sealed class AttendanceReferenceTestsOnSqlite(SqliteApp app) : AttendanceReferenceTests<SqliteApp>(app);
public sealed class AttendanceReferenceTestsOnPostgres(PostgresApp app) : AttendanceReferenceTests<PostgresApp>(app);
