using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yihao.Tests.Support;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>
/// Privacy that holds against arithmetic: what each role is shown of a member leaves at least 1,000 ID numbers (and
/// phones) possible; the whole value comes only from a reveal with a reason, which the audit log keeps; a member reads
/// no fellow member's record.
/// </summary>
public abstract class PrivacyTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    [Fact]
    public async Task A_member_reads_their_own_record_and_a_fellow_members_answers_404()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var id = People.IdNumber();
        var me = await Tree.MemberAsync(admin, branch, id);
        var other = await Tree.MemberAsync(admin, branch);
        var member = await Tree.AccountAsync(App, admin, "member", branch, me);

        var own = await (await member.GetAsync($"/api/v1/members/{me}")).ReadAsync();
        Assert.Equal(id, own.GetProperty("idNumber").GetString());
        Assert.Equal("13812345678", own.GetProperty("phone").GetString());
        Assert.Equal("1980-05-01", own.GetProperty("birthDate").GetString());
        foreach (var url in new[] { $"/api/v1/members/{other}", $"/api/v1/members/{other}/transfers" })
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(url)).StatusCode);
        var reveal = await member.PostAsJsonAsync(
            $"/api/v1/members/{other}/reveal",
            new { field = "phone", reason = "想知道" }
        );
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        var list = await (await member.GetAsync($"/api/v1/members?orgId={branch}")).ReadAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(me, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        // What the branch shows publicly stays: the board names every member.
        var boardAnswer = await member.GetAsync($"/api/v1/orgs/{branch}/stars?month=2026-11");
        var board = await boardAnswer.Content.ReadAsStringAsync();
        Assert.Contains(other.ToString(System.Globalization.CultureInfo.InvariantCulture), board);
    }

    [Fact]
    public async Task What_every_role_is_shown_leaves_at_least_a_thousand_id_numbers_and_phones()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var id = People.IdNumber("19761129", male: false);
        var member = await Tree.MemberAsync(admin, branch, id);
        var viewers = new Dictionary<string, HttpClient>
        {
            ["districtAdmin"] = admin,
            ["inspector"] = await Tree.AccountAsync(App, admin, "inspector", town),
            ["townAdmin"] = await Tree.AccountAsync(App, admin, "townAdmin", town),
            ["branchSecretary"] = await Tree.AccountAsync(App, admin, "branchSecretary", branch),
            ["liaisonLeader"] = await Tree.AccountAsync(App, admin, "liaisonLeader", branch),
        };
        foreach (var (role, viewer) in viewers)
        {
            var one = await (await viewer.GetAsync($"/api/v1/members/{member}")).ReadAsync();
            var listed = (await (await viewer.GetAsync($"/api/v1/members?orgId={branch}")).ReadAsync())
                .GetProperty("items")
                .EnumerateArray()
                .Single(m => m.GetProperty("id").GetInt32() == member);
            foreach (var seen in new[] { one, listed })
            {
                Assert.Equal(JsonValueKind.Null, seen.GetProperty("birthDate").ValueKind);
                var shown = seen.GetProperty("idNumber").GetString()!;
                var year = seen.GetProperty("birthYear").GetInt32();
                var female = seen.GetProperty("gender").GetString() == "female";
                // The worst case: the viewer knows the district's area code, the first six digits.
                var candidates = Guesses.IdCandidates(shown, id[..6], year, female);
                Assert.True(candidates >= 1000, $"{role} is shown {shown}: {candidates} numbers remain");
                Assert.NotEqual(id, shown);
                var phone = seen.GetProperty("phone").GetString()!;
                Assert.True(Guesses.PhoneCandidates(phone) >= 1000, $"{role} is shown the phone {phone}");
            }
        }
        // The old mask (four characters at each end) fails this count, so the count can fail.
        Assert.True(Guesses.IdCandidates(id[..4] + "**********" + id[14..], id[..6], 1976, female: true) < 100);
        Assert.True(Guesses.PhoneCandidates("138****5678") <= 10_000);
    }

    [Fact]
    public async Task The_district_admin_and_the_members_own_secretary_reveal_with_a_reason_that_the_audit_log_keeps()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var sibling = await Tree.OrgAsync(admin, town, "branch");
        var id = People.IdNumber();
        var member = await Tree.MemberAsync(admin, branch, id);
        var secretary = await Tree.AccountAsync(App, admin, "branchSecretary", branch);
        var otherSecretary = await Tree.AccountAsync(App, admin, "branchSecretary", sibling);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var liaison = await Tree.AccountAsync(App, admin, "liaisonLeader", branch);
        var url = $"/api/v1/members/{member}/reveal";

        var byAdmin = await admin.PostAsJsonAsync(url, new { field = "idNumber", reason = "核对党费收缴名单" });
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(id, (await byAdmin.ReadAsync()).GetProperty("value").GetString());
        var bySecretary = await secretary.PostAsJsonAsync(url, new { field = "phone", reason = "通知参加活动" });
        Assert.Equal("13812345678", (await bySecretary.ReadAsync()).GetProperty("value").GetString());

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await townAdmin.PostAsJsonAsync(url, new { field = "phone", reason = "x" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await liaison.PostAsJsonAsync(url, new { field = "phone", reason = "x" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await otherSecretary.PostAsJsonAsync(url, new { field = "phone", reason = "x" })).StatusCode
        );
        var noReason = await secretary.PostAsJsonAsync(url, new { field = "phone", reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(
            "原因",
            (await noReason.ReadAsync()).GetProperty("errors").GetProperty("reason")[0].GetString()
        );
        var badField = await secretary.PostAsJsonAsync(url, new { field = "birthDate", reason = "x" });
        Assert.True((await badField.ReadAsync()).GetProperty("errors").TryGetProperty("field", out _));

        // Two reveals, two entries, each with its field and reason and never the value; refusals wrote nothing.
        var log = await (await admin.GetAsync($"/api/v1/audit?entity=Member&entityId={member}")).ReadAsync();
        var reveals = log.GetProperty("items")
            .EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "reveal")
            .ToList();
        Assert.Equal(2, reveals.Count);
        Assert.Contains("通知参加活动", reveals[0].GetProperty("after").GetString());
        Assert.Contains("phone", reveals[0].GetProperty("after").GetString());
        Assert.Contains("核对党费收缴名单", reveals[1].GetProperty("after").GetString());
        Assert.NotEqual("admin", reveals[0].GetProperty("userName").GetString());
        Assert.All(reveals, e => Assert.DoesNotContain(id, e.GetProperty("after").GetString()));
        Assert.All(reveals, e => Assert.DoesNotContain("13812345678", e.GetProperty("after").GetString()));
        // The member's own entries (its creation) show the numbers masked too: the log is no way around the reveal.
        var created = log.GetProperty("items")
            .EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "create");
        Assert.DoesNotContain(id, created.GetProperty("after").GetString());
        Assert.DoesNotContain("13812345678", created.GetProperty("after").GetString());
        Assert.Contains("5678", created.GetProperty("after").GetString());
        Assert.DoesNotContain($"{id[6..10]}-{id[10..12]}-{id[12..14]}", created.GetProperty("after").GetString());
        Assert.Contains($"{id[6..10]}-**-**", created.GetProperty("after").GetString());
        var chain = await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync();
        Assert.True(chain.GetProperty("intact").GetBoolean());
    }
}

/// <summary>What someone shown a masked value can work out: how many real values agree with it.</summary>
public static class Guesses
{
    /// <summary>
    /// How many valid 18-character numbers agree with what is shown: the characters not masked, the birth year, the
    /// gender (the 17th digit's parity) and the check digit; the region is taken as known (the district's area code).
    /// </summary>
    public static int IdCandidates(string shown, string region, int birthYear, bool female)
    {
        Assert.Equal(18, shown.Length);
        bool Fits(int i, char c) => shown[i] == '*' || shown[i] == c;
        for (var i = 0; i < 6; i++)
            if (!Fits(i, region[i]))
                return 0;
        var count = 0;
        Span<char> n = stackalloc char[17];
        region.AsSpan(0, 6).CopyTo(n);
        for (var day = new DateOnly(birthYear, 1, 1); day.Year == birthYear; day = day.AddDays(1))
        {
            var date = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var fits = true;
            for (var i = 0; i < 8; i++)
                fits &= Fits(6 + i, date[i]);
            if (!fits)
                continue;
            date.AsSpan().CopyTo(n[6..]);
            for (var seq = 0; seq < 1000; seq++)
            {
                if (seq % 2 == 1 == female)
                    continue;
                var s = seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
                if (!Fits(14, s[0]) || !Fits(15, s[1]) || !Fits(16, s[2]))
                    continue;
                s.AsSpan().CopyTo(n[14..]);
                if (Fits(17, NationalId.CheckDigit(n)))
                    count++;
            }
        }
        return count;
    }

    /// <summary>How many valid mobile numbers (11 digits, 1 then 3–9) agree with the digits shown.</summary>
    public static long PhoneCandidates(string shown)
    {
        if (shown.Length != 11)
            return shown.Length == 0 ? long.MaxValue : 0;
        long count = 1;
        for (var i = 0; i < 11; i++)
        {
            var allowed =
                i == 0 ? "1"
                : i == 1 ? "3456789"
                : "0123456789";
            count *=
                shown[i] == '*' ? allowed.Length
                : allowed.Contains(shown[i]) ? 1
                : 0;
        }
        return count;
    }
}

public sealed class PrivacyTestsOnSqlite(SqliteApp app) : PrivacyTests<SqliteApp>(app);

public sealed class PrivacyTestsOnPostgres(PostgresApp app) : PrivacyTests<PostgresApp>(app);
