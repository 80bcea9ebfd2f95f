using System.Text.RegularExpressions;
using Yihao.Web.Features.Me;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Domain;

/// <summary>Chinese is the default: every English key the code shows a user must have a translation.</summary>
public partial class TranslationTests
{
    [GeneratedRegex(
        """L\.T\(\s*"((?:[^"\\]|\\.)*)"(?=\s*[,)])|"([A-Z][^"\\\n]* [^"\\\n]*\.)"|"""
            + """\? "([A-Z][A-Za-z ]+)" : "([A-Z][A-Za-z ]+)"|=> "([A-Z][A-Za-z ]+)","""
    )]
    private static partial Regex Key();

    static readonly string[] NotShown =
        ["Database:Provider is Postgres but ConnectionStrings:Yihao is not set.",
        "YIHAO_ADMIN_PASSWORD is not acceptable: ", "Bulk inserts run inside a transaction.",
            "The check-in writer has stopped.", "The activity day is gone.", "The member or the activity day is gone.",
            "The meeting facts reader has stopped.", "The audit entry's text outgrew its buffer.",
        "Auth:TokenKey must be at least 32 bytes (base64).", "The token is not valid or has expired.",
        // the API's description, for integrators
        "Asked for one row's entityId, the answer includes the entry that lists it.",
        "The token from POST /api/v1/auth/token, valid 8 hours or until the account changes.",
        "Authentication, then paste it)."];

    [Fact]
    public void Every_key_used_in_the_code_has_a_chinese_translation()
    {
        var source = Path.Combine(Root(), "src", "Yihao.Web");
        var files = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("Migrations")
                && !f.Contains("/obj/") && !f.Contains("/bin/"));
        var keys = files.SelectMany(f => Key().Matches(File.ReadAllText(f)))
            .SelectMany(m => m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => g.Value))
            .Where(k => !NotShown.Contains(k)).ToHashSet();
        Assert.True(keys.Count > 150, $"only {keys.Count} keys found: the scan is broken");
        var missing = keys.Where(k => !L.Has(k)).Order().ToList();
        Assert.True(missing.Count == 0, "No Chinese for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_audit_log_names_every_entity_action_and_system_writer_in_chinese()
    {
        var audited = typeof(Yihao.Web.Data.YihaoDb).GetProperties()
            .Where(p => p.PropertyType.IsGenericType
                && p.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Namespace!.StartsWith("Yihao.", StringComparison.Ordinal)
                && t != typeof(Yihao.Web.Domain.AuditEntry))
            .Select(t => t.Name).Order().ToList();
        Assert.Contains("User", audited);
        Assert.Equal(audited, L.AuditEntities.Order());
        InChinese(() =>
        {
            var labels = L.AuditEntities.Select(L.AuditEntity).ToList();
            Assert.All(labels, label => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", label));
            Assert.Equal(labels.Count, labels.Distinct().Count());
            Assert.Equal(["新建", "修改", "删除", "载入演示数据"],
                new[] { "create", "update", "delete", "seed-demo" }.Select(L.AuditAction));
            Assert.Equal(["系统", "扫码签到（系统）", "预警规则（系统）", "登录（系统）"],
                Yihao.Web.Data.AuditActor.SystemNames.Select(n => L.AuditActor(n, null)));
            Assert.Equal("check-in", L.AuditActor("check-in", 7)); // an account of that name is the account
            Assert.Equal("SomethingNew", L.AuditEntity("SomethingNew"));
        });
    }

    [Fact]
    public void A_members_make_up_says_when_it_is_overdue() => InChinese(() =>
    {
        HistoryRow Row(string? done, bool overdue) =>
            new(1, "2026-07", "unexcused", new DateOnly(2026, 7, 16),
            done is null ? null : DateOnly.Parse(done, System.Globalization.CultureInfo.InvariantCulture), overdue);
        Assert.Equal(("2026-07-16 前补课", (string?)null),
            (IndexModel.MakeUp(Row(null, false)), IndexModel.MakeUpClass(Row(null, false))));
        Assert.Equal(("已逾期（应于 2026-07-16 前补课）", (string?)"overdue"),
            (IndexModel.MakeUp(Row(null, true)), IndexModel.MakeUpClass(Row(null, true))));
        Assert.Equal(("2026-07-10", (string?)null),
            (IndexModel.MakeUp(Row("2026-07-10", false)), IndexModel.MakeUpClass(Row("2026-07-10", false))));
        Assert.Equal(("2026-07-20（逾期补课）", (string?)null),
            (IndexModel.MakeUp(Row("2026-07-20", true)), IndexModel.MakeUpClass(Row("2026-07-20", true))));
        Assert.Equal("", IndexModel.MakeUp(new HistoryRow(1, "2026-07", "present", null, null, false)));
    });

    /// <summary>Runs the checks with the pages' default language, Chinese.</summary>
    static void InChinese(Action checks)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = L.Chinese;
            checks();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Yihao.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
