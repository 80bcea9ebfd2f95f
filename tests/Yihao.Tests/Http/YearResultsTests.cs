using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>一年成效 (issue 27, item 3): each of the year's figures equals the count of its records, beside the
/// source's; the ledgers' sums are the database's (fen and tenths of an hour); bad input and scope.</summary>
public abstract class YearResultsTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Dec10 = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    Task<int> Add(Func<Yihao.Web.Data.YihaoDb, int, Task> add) => App.WithDbAsync(async db =>
    {
        await add(db, await db.Orgs.Where(o => o.ParentId == null).Select(o => o.DistrictId).FirstAsync());
        await db.SaveChangesAsync();
        return 0;
    });

    static ServiceEntry Entry(int district, int org, ServiceKind kind, string doneOn, ServiceState state,
        decimal? hours = null, DisputeOutcome? outcome = null, params int[] members) => new()
        {
            DistrictId = district,
            OrgId = org,
            Kind = kind,
            State = state,
            What = "年度成效测试",
            DoneOn = DateOnly.Parse(doneOn, System.Globalization.CultureInfo.InvariantCulture),
            Hours = hours,
            DisputeOutcome = outcome,
            RecordedBy = "test",
            RecordedAt = Dec10.UtcDateTime,
            Members = [.. members.Select(m => new ServiceEntryMember { DistrictId = district, MemberId = m })],
        };

    static Commitment Pledge(int district, int org, int member, string? confirmedOn) => new()
    {
        DistrictId = district,
        OrgId = org,
        MemberId = member,
        What = "年度成效测试承诺" + (confirmedOn ?? "未确认"),
        DueOn = new DateOnly(2026, 12, 31),
        Category = CommitmentCategory.ServeThePeople,
        State = confirmedOn is null ? CommitmentState.Reported : CommitmentState.Confirmed,
        MadeOn = new DateOnly(2025, 6, 1),
        ConfirmedOn = confirmedOn is null ? null
            : DateOnly.Parse(confirmedOn, System.Globalization.CultureInfo.InvariantCulture),
        MadeBy = "test",
        MadeAt = Dec10.UtcDateTime,
    };

    static DuesPayment Paid(int district, int org, int member, decimal amount, int? reverses = null) => new()
    {
        DistrictId = district,
        OrgId = org,
        MemberId = member,
        Amount = amount,
        FromMonth = new DateOnly(2026, 12, 1),
        ToMonth = new DateOnly(2026, 12, 1),
        PaidOn = new DateOnly(2026, 12, 2),
        ReversesId = reverses,
        RecordedBy = "test",
        RecordedAt = Dec10.UtcDateTime,
    };

    static JsonElement Result(JsonElement view, string figure) =>
        view.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("figure").GetString() == figure);

    [Fact]
    public async Task Each_figure_of_the_year_is_the_count_of_its_records_beside_the_source()
    {
        App.Clock.Set(Dec10);
        var admin = await App.ClientAsync();
        var root = await Tree.RootIdAsync(admin);
        var (townA, branchA) = await Tree.TownWithBranchAsync(admin);
        var (townB, branchB) = await Tree.TownWithBranchAsync(admin);
        var (a1, a2, b1) = (await Tree.MemberAsync(admin, branchA), await Tree.MemberAsync(admin, branchA),
            await Tree.MemberAsync(admin, branchB));
        await Add(async (db, d) =>
        {
            db.ServiceEntries.AddRange(
                Entry(d, branchA, ServiceKind.Dispute, "2026-03-02", ServiceState.Confirmed, null,
                    DisputeOutcome.Resolved, a1),
                Entry(d, branchA, ServiceKind.Dispute, "2026-11-30", ServiceState.Confirmed, null,
                    DisputeOutcome.Resolved, a2),
                Entry(d, branchB, ServiceKind.Dispute, "2026-12-01", ServiceState.Confirmed, null,
                    DisputeOutcome.Resolved, b1),
                Entry(d, branchA, ServiceKind.Dispute, "2026-05-01", ServiceState.Confirmed, null,
                    DisputeOutcome.Referred, a1), // referred: not resolved
                Entry(d, branchA, ServiceKind.Dispute, "2026-05-01", ServiceState.Pending, null,
                    DisputeOutcome.Resolved, a1), // not yet confirmed
                Entry(d, branchA, ServiceKind.Dispute, "2025-12-31", ServiceState.Confirmed, null,
                    DisputeOutcome.Resolved, a1), // the year before
                Entry(d, branchA, ServiceKind.ThingDone, "2026-07-07", ServiceState.Confirmed, null, null, a1),
                Entry(d, branchB, ServiceKind.ThingDone, "2026-12-03", ServiceState.Confirmed, null, null, b1),
                Entry(d, branchB, ServiceKind.ThingDone, "2026-12-03", ServiceState.SentBack, null, null, b1),
                Entry(d, branchA, ServiceKind.Volunteering, "2026-12-04", ServiceState.Confirmed, 2.5m, null, a1, a2),
                Entry(d, branchA, ServiceKind.Volunteering, "2026-12-05", ServiceState.Confirmed, 1.5m, null, a1),
                Entry(d, branchB, ServiceKind.Volunteering, "2026-12-05", ServiceState.Confirmed, 3m, null, b1));
            db.Commitments.AddRange(Pledge(d, branchA, a1, "2026-04-01"), Pledge(d, branchB, b1, "2026-12-01"),
                Pledge(d, branchA, a2, "2025-11-01"), Pledge(d, branchA, a2, null));
            var paid = Paid(d, branchA, a1, 12.35m);
            db.DuesPayments.AddRange(paid, Paid(d, branchA, a2, 0.2m), Paid(d, branchB, b1, 0.5m));
            await db.SaveChangesAsync();
            db.DuesPayments.Add(Paid(d, branchB, b1, -0.5m, reverses: paid.Id + 2));
        });

        var r = await admin.GetAsync($"/api/v1/orgs/{root}/year-results?year=2026");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var view = await r.ReadAsync();
        Assert.True(view.GetProperty("hasRecords").GetBoolean());
        Assert.Equal(
            ("2026-01", "2026-12"),
            (view.GetProperty("from").GetString(), view.GetProperty("to").GetString())
        );

        // Each figure against the records, counted here row by row.
        var (from, next) = (new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        var (disputes, things, fulfilled, byTown, total, dues, hours) = await App.WithDbAsync(async db =>
        {
            var entries = await db.ServiceEntries.Include(e => e.Members)
                .Where(e => e.State == ServiceState.Confirmed).ToListAsync();
            var inYear = entries.Where(e => e.DoneOn >= from && e.DoneOn < next).ToList();
            var paths = await db.Orgs.ToDictionaryAsync(o => o.Id, o => o.Path);
            var volunteering = inYear.Where(e => e.Kind == ServiceKind.Volunteering).ToList();
            int Volunteers(int town) => volunteering.Where(e => paths[e.OrgId].StartsWith(paths[town],
                    StringComparison.Ordinal)).SelectMany(e => e.Members.Select(m => m.MemberId)).Distinct().Count();
            var december = volunteering.Where(e => e.DoneOn >= new DateOnly(2026, 12, 1));
            return (inYear.Count(e => e.Kind == ServiceKind.Dispute && e.DisputeOutcome == DisputeOutcome.Resolved),
                inYear.Count(e => e.Kind == ServiceKind.ThingDone),
                await db.Commitments.CountAsync(c => c.ConfirmedOn >= from && c.ConfirmedOn < next),
                (Volunteers(townA), Volunteers(townB)),
                volunteering.SelectMany(e => e.Members.Select(m => m.MemberId)).Distinct().Count(),
                (await db.DuesPayments.Where(p => p.PaidOn >= new DateOnly(2026, 12, 1)).ToListAsync())
                    .Sum(p => p.Amount),
                december.Sum(e => (e.Hours ?? 0) * e.Members.Count));
        });
        Assert.Equal((3, 2, 2), (disputes, things, fulfilled)); // the records this test made, nothing else
        Assert.Equal(disputes, Result(view, "disputesResolved").GetProperty("value").GetInt32());
        Assert.Equal(830, Result(view, "disputesResolved").GetProperty("source").GetInt32());
        Assert.Equal(things, Result(view, "thingsDone").GetProperty("value").GetInt32());
        Assert.Equal(fulfilled, Result(view, "commitmentsFulfilled").GetProperty("value").GetInt32());
        var v = Result(view, "volunteers");
        Assert.Equal((2, 1), byTown);
        Assert.Equal((byTown.Item1, townA, total), (v.GetProperty("value").GetInt32(),
            v.GetProperty("unitId").GetInt32(), v.GetProperty("total").GetInt32()));

        // Attendance is the dashboard's year, the same records.
        var year = await (await admin.GetAsync($"/api/v1/orgs/{root}/dashboard?year=2026")).ReadAsync();
        Assert.Equal(year.GetProperty("figures").GetProperty("attendance").GetProperty("rate").GetDouble(),
            Result(view, "attendanceRate").GetProperty("value").GetDouble());

        // The dashboard's sums: dues in fen (a reversal subtracts), hours once per member on an entry.
        var month = await (await admin.GetAsync($"/api/v1/orgs/{root}/dashboard?month=2026-12")).ReadAsync();
        var ledgers = month.GetProperty("ledgers");
        Assert.Equal((12.55m, 9.5m), (dues, hours));
        Assert.Equal(dues, ledgers.GetProperty("duesCollected").GetDecimal());
        Assert.Equal(hours, ledgers.GetProperty("volunteerHours").GetDecimal());

        // A town's year counts only its subtree.
        var a = await (await admin.GetAsync($"/api/v1/orgs/{townA}/year-results?year=2026")).ReadAsync();
        Assert.Equal(2, Result(a, "disputesResolved").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task A_year_without_records_says_so_bad_years_are_400_and_other_towns_404()
    {
        App.Clock.Set(Dec10);
        var admin = await App.ClientAsync();
        var root = await Tree.RootIdAsync(admin);
        var (townA, branchA) = await Tree.TownWithBranchAsync(admin);
        var (townB, _) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branchA);
        var empty = await (await admin.GetAsync($"/api/v1/orgs/{root}/year-results?year=2019")).ReadAsync();
        Assert.False(empty.GetProperty("hasRecords").GetBoolean());
        Assert.All(empty.GetProperty("results").EnumerateArray(),
            r => Assert.Equal(0, r.GetProperty("value").GetDouble()));
        var future = await (await admin.GetAsync($"/api/v1/orgs/{root}/year-results?year=2030")).ReadAsync();
        Assert.False(future.GetProperty("hasRecords").GetBoolean());
        foreach (var bad in new[] { "abc", "26", "1999", "2026-12" })
        {
            var r = await admin.GetAsync($"/api/v1/orgs/{root}/year-results?year={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("year", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var town = await Tree.AccountAsync(App, admin, Roles.TownAdmin, townA);
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync($"/api/v1/orgs/{townA}/year-results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/orgs/{townB}/year-results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/orgs/{root}/year-results")).StatusCode);
        var memberClient = await Tree.AccountAsync(App, admin, Roles.Member, branchA, member);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await memberClient.GetAsync($"/api/v1/orgs/{branchA}/year-results")).StatusCode);
    }
}

public sealed class YearResultsTestsOnSqlite(SqliteApp app) : YearResultsTests<SqliteApp>(app);

public sealed class YearResultsTestsOnPostgres(PostgresApp app) : YearResultsTests<PostgresApp>(app);
