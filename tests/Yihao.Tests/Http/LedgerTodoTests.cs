using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>The to-do lists' supervision, service and dues items (issue 27, item 1): a secretary's problem items to
/// answer, entries and commitments to confirm and members owing dues; an inspector's answers to verify; a town's
/// overdue problem items and dues owed, each counted from the records and naming where it is done.</summary>
public abstract class LedgerTodoTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    static readonly DateTimeOffset Dec10 = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    static JsonElement Item(JsonElement items, string kind) =>
        items.EnumerateArray().Single(i => i.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task Each_role_sees_its_problem_items_confirmations_and_dues_owed_as_the_records_count_them()
    {
        App.Clock.Set(Dec10);
        var admin = await App.ClientAsync();
        var root = await Tree.RootIdAsync(admin);
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (a, b) = (await Tree.MemberAsync(admin, branch), await Tree.MemberAsync(admin, branch));
        var secretary = await Tree.AccountAsync(App, admin, Roles.BranchSecretary, branch, a);
        var townAdmin = await Tree.AccountAsync(App, admin, Roles.TownAdmin, town);
        var inspector = await Tree.AccountAsync(App, admin, Roles.Inspector, root);
        var now = Dec10.UtcDateTime;
        var listId = await App.WithDbAsync(async db =>
        {
            var d = await db.Orgs.Where(o => o.Id == branch).Select(o => o.DistrictId).FirstAsync();
            var inspection = new Inspection
            {
                DistrictId = d,
                Kind = InspectionKind.OpenVisit,
                OrgId = branch,
                Inspector = "督查测试",
                PlannedOn = new DateOnly(2026, 11, 1),
                State = InspectionState.Recorded,
                RecordedAt = now,
                CreatedBy = "test",
                CreatedAt = now,
            };
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();
            ProblemItem Problem(string due, ProblemItemState state) => new()
            {
                DistrictId = d,
                OrgId = branch,
                Description = "待办测试问题",
                Severity = ProblemSeverity.Minor,
                DueOn = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
                State = state,
            };
            var list = new ProblemList
            {
                DistrictId = d,
                OrgId = branch,
                InspectionId = inspection.Id,
                IssuedBy = "test",
                IssuedAt = now,
                Items =
                [
                    Problem("2026-12-01", ProblemItemState.Open), Problem("2026-12-20", ProblemItemState.Reopened),
                    Problem("2026-11-30", ProblemItemState.Answered), Problem("2026-11-01", ProblemItemState.Accepted),
                ],
            };
            db.ProblemLists.Add(list);
            db.ServiceEntries.Add(new ServiceEntry
            {
                DistrictId = d,
                OrgId = branch,
                Kind = ServiceKind.ThingDone,
                State = ServiceState.Pending,
                What = "待办测试",
                DoneOn = new DateOnly(2026, 12, 2),
                RecordedBy = "test",
                RecordedAt = now,
                Members = [new ServiceEntryMember { DistrictId = d, MemberId = b }],
            });
            db.Commitments.Add(new Commitment
            {
                DistrictId = d,
                OrgId = branch,
                MemberId = b,
                What = "待办测试承诺",
                DueOn = new DateOnly(2026, 12, 31),
                State = CommitmentState.Reported,
                MadeOn = new DateOnly(2026, 1, 5),
                MadeBy = "test",
                MadeAt = now,
            });
            // Alice paid November; Bob owes all twelve months before this one.
            var paid = new DuesPayment
            {
                DistrictId = d,
                OrgId = branch,
                MemberId = a,
                Amount = 0.5m,
                FromMonth = new DateOnly(2026, 11, 1),
                ToMonth = new DateOnly(2026, 11, 1),
                PaidOn = new DateOnly(2026, 11, 2),
                RecordedBy = "test",
                RecordedAt = now,
            };
            db.DuesPayments.Add(paid);
            await db.SaveChangesAsync();
            db.DuesMonths.Add(new DuesMonth
            {
                DistrictId = d,
                MemberId = a,
                Month = new DateOnly(2026, 11, 1),
                PaymentId = paid.Id,
            });
            await db.SaveChangesAsync();
            return list.Id;
        });

        var mine = await (await secretary.GetAsync("/api/v1/todo")).ReadAsync();
        var answer = Item(mine, "problemsToAnswer");
        Assert.Equal((2, 1, listId), (answer.GetProperty("count").GetInt32(), answer.GetProperty("overdue").GetInt32(),
            answer.GetProperty("targetId").GetInt32()));
        Assert.True(answer.GetProperty("late").GetBoolean());
        Assert.Equal(2, Item(mine, "toConfirm").GetProperty("count").GetInt32());
        var owed = Item(mine, "duesOwed");
        Assert.Equal((2, 11 + 12, 11.5m), (owed.GetProperty("count").GetInt32(), owed.GetProperty("overdue").GetInt32(),
            owed.GetProperty("amount").GetDecimal())); // 0.5 a month: Alice 11 months, Bob 12

        var verify = Item(await (await inspector.GetAsync("/api/v1/todo")).ReadAsync(), "answersToVerify");
        Assert.Equal((1, 1), (verify.GetProperty("count").GetInt32(), verify.GetProperty("overdue").GetInt32()));

        var townDue = await (await townAdmin.GetAsync("/api/v1/todo")).ReadAsync();
        var overdue = Item(townDue.GetProperty("items"), "problemsOverdue");
        Assert.Equal(2, overdue.GetProperty("count").GetInt32()); // the open one and the answered one, past due
        // The town's counted by one aggregate, as its dashboard counts them: the same members and months.
        var townOwed = Item(townDue.GetProperty("items"), "duesOwed");
        Assert.Equal((2, 11 + 12), (townOwed.GetProperty("count").GetInt32(),
            townOwed.GetProperty("overdue").GetInt32()));

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/todo")).StatusCode);
    }

    /// <summary>A member added with no dues on the roster has no standard: the sheet and the member's dues say so
    /// instead of 0.00, the secretary's list asks for it, and it goes once a standard is set.</summary>
    [Fact]
    public async Task A_member_with_no_dues_standard_is_named_on_the_sheet_and_the_secretarys_list_until_one_is_set()
    {
        App.Clock.Set(Dec10);
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var known = await Tree.MemberAsync(admin, branch);
        var body = JsonSerializer.SerializeToElement(Tree.MemberBody(branch, name: "刘新民"));
        var created = await admin.PostAsJsonAsync("/api/v1/members",
            body.EnumerateObject().Where(p => p.Name != "monthlyDues").ToDictionary(p => p.Name, p => p.Value));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fresh = (await created.ReadAsync()).GetProperty("id").GetInt32();
        var secretary = await Tree.AccountAsync(App, admin, Roles.BranchSecretary, branch, known);

        var unset = Item(await (await secretary.GetAsync("/api/v1/todo")).ReadAsync(), "standardsUnset");
        Assert.Equal((1, fresh), (unset.GetProperty("count").GetInt32(), unset.GetProperty("targetId").GetInt32()));
        var sheet = await (await secretary.GetAsync($"/api/v1/orgs/{branch}/dues/sheet?month=2026-12")).ReadAsync();
        var rows = sheet.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("memberId").GetInt32(), r => r.GetProperty("unset").GetBoolean());
        Assert.Equal((true, false), (rows[fresh], rows[known]));
        Assert.True((await (await secretary.GetAsync($"/api/v1/members/{fresh}/dues")).ReadAsync())
            .GetProperty("unset").GetBoolean());

        var set = await secretary.PostAsJsonAsync($"/api/v1/members/{fresh}/dues/standards",
            new { effectiveFrom = "2026-01", category = "farmer" });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        var items = (await (await secretary.GetAsync("/api/v1/todo")).ReadAsync()).EnumerateArray();
        Assert.DoesNotContain(items, i => i.GetProperty("kind").GetString() == "standardsUnset");
        Assert.False((await (await secretary.GetAsync($"/api/v1/members/{fresh}/dues")).ReadAsync())
            .GetProperty("unset").GetBoolean());
    }
}

public sealed class LedgerTodoTestsOnSqlite(SqliteApp app) : LedgerTodoTests<SqliteApp>(app);

public sealed class LedgerTodoTestsOnPostgres(PostgresApp app) : LedgerTodoTests<PostgresApp>(app);
