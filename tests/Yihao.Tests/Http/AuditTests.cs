using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

public abstract class AuditTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task Every_change_is_logged_with_who_before_and_after_and_the_chain_verifies()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var id = await Tree.MemberAsync(admin, branch);
        var body = Tree.MemberBody(branch, name: "王建军");
        var current = await (await admin.GetAsync($"/api/v1/members/{id}")).ReadAsync();
        var edit = await admin.PutAsJsonAsync($"/api/v1/members/{id}", new
        {
            orgId = branch,
            name = "王建军",
            idNumber = current.GetProperty("idNumber").GetString(),
            phone = "13812345678",
            kind = "full",
            joinedOn = "2001-07-01",
            monthlyDues = 0.5m,
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var log = await (await admin.GetAsync($"/api/v1/audit?entity=Member&entityId={id}")).ReadAsync();
        var items = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["update", "create"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.All(items, i => Assert.Equal("admin", i.GetProperty("userName").GetString()));
        Assert.Contains("王建国", items[0].GetProperty("before").GetString());
        Assert.Contains("王建军", items[0].GetProperty("after").GetString());
        Assert.DoesNotContain("JoinedOn", items[0].GetProperty("after").GetString());

        var check = await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync();
        Assert.True(check.GetProperty("intact").GetBoolean());
        Assert.True(check.GetProperty("checked").GetInt32() >= 5);
        Assert.DoesNotContain("PasswordHash", (await (await admin.GetAsync("/api/v1/audit?entity=User")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_entry_for_many_new_rows_is_found_by_each_row_it_lists_and_by_no_other()
    {
        var admin = await App.ClientAsync();
        var root = await Tree.RootIdAsync(admin);
        var district = App.WithDb(db => db.Orgs.Where(o => o.Id == root).Select(o => o.DistrictId).Single());
        // Far above any row the other tests write, and with a gap inside the range (an id a conflicting insert took, or another
        // server's row): the range alone does not make a row listed.
        Attendance Row(int id) => new() { Id = id, DistrictId = district, ActivityDayId = 1, MemberId = id, Status = AttendanceStatus.Present, Method = CheckInMethod.QrScan, At = DateTime.UnixEpoch };
        await App.WithDbAsync(async db => { await Auditing.AppendAsync(db, [Auditing.Created(district, [Row(900_001), Row(900_002), Row(900_005)], a => a.Id)], default); return 0; });
        await App.WithDbAsync(async db => { await Auditing.AppendAsync(db, [Auditing.Created(district, [Row(900_006)], a => a.Id)], default); return 0; });

        async Task<List<string?>> Found(long id) =>
            [.. (await (await admin.GetAsync($"/api/v1/audit?entity=Attendance&entityId={id}")).ReadAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString())];
        foreach (var id in new[] { 900_001, 900_002, 900_005 }) Assert.Equal(["0000900001-0000900005"], await Found(id));
        Assert.Equal(["0000900006-0000900006"], await Found(900_006));
        foreach (var id in new[] { 900_000, 900_003, 900_004, 900_007 }) Assert.Empty(await Found(id));
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        var admin = await App.ClientAsync();
        await Tree.TownWithBranchAsync(admin);
        await Assert.ThrowsAnyAsync<Exception>(() => App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET user_name = 'x'")));
        await Assert.ThrowsAnyAsync<Exception>(() => App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries")));
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Only_district_admins_read_the_audit_log()
    {
        var admin = await App.ClientAsync();
        var (town, _) = await Tree.TownWithBranchAsync(admin);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        Assert.Equal(HttpStatusCode.Forbidden, (await townAdmin.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await townAdmin.GetAsync("/api/v1/audit/verify")).StatusCode);
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests<SqliteApp>(app);
public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests<PostgresApp>(app);
