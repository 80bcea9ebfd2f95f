using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>The migration that gives dues their ledger: a month's "dues paid" tick recorded before it becomes a payment
/// and its month, so that the closed months read as paid as they did.</summary>
public abstract class DuesMigrationTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    [Fact]
    public async Task The_ticks_of_the_months_before_become_payments_of_the_ledger()
    {
        App.Clock.Set(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var (paid, unpaid) = (await Tree.MemberAsync(admin, branch), await Tree.MemberAsync(admin, branch));
        var months = new[] { "2026-10-01", "2026-11-01" };
        await App.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var before = all[all.FindIndex(m => m.EndsWith("_Dues", StringComparison.Ordinal)) - 1];
            await migrator.MigrateAsync(before);
            var district = await db.Orgs.Where(o => o.Id == branch).Select(o => o.DistrictId).SingleAsync();
            foreach (var (member, ticked) in new[] { (paid, true), (unpaid, false) })
                foreach (var month in months)
                    await db.Database.ExecuteSqlRawAsync(
                        "INSERT INTO member_months (district_id, member_id, month, dues_paid, service, recorded_by, " +
                            "updated_at) "
                        + "VALUES ({0}, {1}, {2}, {3}, NULL, 'secretary', {4})",
                        district, member, DateOnly.Parse(month), ticked,
                            new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            await migrator.MigrateAsync();
            return 0;
        });
        var payments = await App.WithDbAsync(db => db.DuesPayments.AsNoTracking().ToListAsync());
        Assert.Equal(2, payments.Count);
        Assert.All(payments, p => Assert.Equal((paid, 0.5m, "secretary"), (p.MemberId, p.Amount, p.RecordedBy)));
        var paidMonths = await App.WithDbAsync(db => db.DuesMonths.AsNoTracking().OrderBy(m => m.Month).ToListAsync());
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], paidMonths.Select(m => m.Month));
        Assert.All(paidMonths, m => Assert.Equal(paid, m.MemberId));
        // The ledger goes on from there: November cannot be paid twice, December can.
        Assert.Equal(HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync($"/api/v1/members/{paid}/dues/payments",
            new { from = "2026-11", amount = 0.5m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync($"/api/v1/members/{paid}/dues/payments",
            new { from = "2026-12", amount = 0.5m })).StatusCode);
    }
}

public sealed class DuesMigrationTestsOnSqlite(SqliteApp app) : DuesMigrationTests<SqliteApp>(app);
public sealed class DuesMigrationTestsOnPostgres(PostgresApp app) : DuesMigrationTests<PostgresApp>(app);
