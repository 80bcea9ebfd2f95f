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
        Assert.DoesNotContain("PasswordHash",
            (await (await admin.GetAsync("/api/v1/audit?entity=User")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_entry_for_many_new_rows_is_found_by_each_row_it_lists_and_by_no_other()
    {
        var admin = await App.ClientAsync();
        var root = await Tree.RootIdAsync(admin);
        var district = App.WithDb(db => db.Orgs.Where(o => o.Id == root).Select(o => o.DistrictId).Single());
        // Far above any row the other tests write; ranges before and after, one of another district's, and a gap inside
        // a range (an id a conflicting insert took): the range alone does not make a row listed.
        Attendance Row(int id, int? inDistrict = null) =>
            new()
            {
                Id = id,
                DistrictId = inDistrict ?? district,
                ActivityDayId = 1,
                MemberId = id,
                Status = AttendanceStatus.Present,
                Method = CheckInMethod.QrScan,
                At = DateTime.UnixEpoch
            };
        async Task Write(int inDistrict, params int[] ids) =>
            await App.WithDbAsync(async db =>
                {
                    await Auditing.AppendAsync(db,
                [Auditing.Created(inDistrict, [.. ids.Select(i => Row(i, inDistrict))], a => a.Id)],
                    default); return 0;
                });
        await Write(district, 99_990, 99_995); // fewer digits: the padding keeps it in order
        for (var below = 0; below < 6; below++) await Write(district, 899_900 + below * 10, 899_900 + below * 10 + 4);
        await Write(district, 900_001, 900_002, 900_005);
        await Write(district, 900_006);
        await Write(district + 1000, 900_010, 900_012, 900_020); // another district's
        await Write(district, 900_030);
        await App.WithDbAsync(async db =>
            {
                await Auditing.AppendAsync(db,
            [new Auditing.Written(district, "create", "Attendance", AuditEntry.Rows(900_040, 900_045), "not a list")],
                default); return 0;
            });

        async Task<List<string?>> Found(string id, string entity = "Attendance") =>
            [.. (await (await admin.GetAsync($"/api/v1/audit?entity={entity}&entityId={Uri.EscapeDataString(id)}"))
                .ReadAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString())];
        foreach (var id in new[] { 900_001, 900_002, 900_005 }) Assert.Equal(["0000900001-0000900005"],
            await Found($"{id}"));
        Assert.Equal(["0000900006-0000900006"], await Found("900006"));
        Assert.Equal(["0000899950-0000899954"], await Found("899954", entity: ""));
        Assert.Equal(["0000099990-0000099995"], await Found("99995"));
        foreach (var id in new[] { 900_000, 900_003, 900_004, 900_007, 900_012, 900_031, 900_042 }) Assert.Empty(
            await Found($"{id}"));
        Assert.Empty(await Found("900001", entity: "Member"));
        // A range as the log page shows it, or typed with a hyphen, finds its entry.
        Assert.Equal(["0000900001-0000900005"], await Found("900001–900005"));
        Assert.Equal(["0000900006-0000900006"], await Found(" 900006 - 900006 "));
        foreach (var typed in new[] { "900001～900005", "900001至900005", "900001－900005" }) Assert.Equal(
            ["0000900001-0000900005"], await Found(typed));
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        var admin = await App.ClientAsync();
        await Tree.TownWithBranchAsync(admin);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET user_name = 'x'")));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries")));
        Assert.True((await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync()).GetProperty("intact")
            .GetBoolean());
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
