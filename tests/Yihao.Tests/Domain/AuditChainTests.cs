using Yihao.Web.Domain;

namespace Yihao.Tests.Domain;

public class AuditChainTests
{
    static List<AuditEntry> Chain(int n)
    {
        var list = new List<AuditEntry>();
        var prev = AuditEntry.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new AuditEntry
            {
                Id = i,
                DistrictId = 1,
                At = new DateTime(2026, 11, 25, 8, 0, i, DateTimeKind.Utc),
                UserName = "admin",
                Action = "update",
                Entity = "Member",
                EntityId = i.ToString(),
                Before = "{\"Name\":\"a\"}",
                After = "{\"Name\":\"b\"}",
                PrevHash = prev,
            };
            e.Hash = e.ComputeHash();
            prev = e.Hash;
            list.Add(e);
        }
        return list;
    }

    [Fact]
    public void An_untouched_chain_holds() => Assert.Null(AuditEntry.FirstBroken(Chain(5)));

    /// <summary>The hash's definition, which every entry ever written was chained by: the fields joined, in UTF-8,
    /// SHA-256, hex.</summary>
    static string Defined(AuditEntry e) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('\u001f', e.PrevHash, e.DistrictId, AuditEntry.Truncate(e.At).ToString("O"), e.UserId, e.UserName,
            e.Action, e.Entity, e.EntityId, e.Before, e.After))));

    [Fact]
    public void The_hash_is_the_one_the_chain_was_always_made_with_short_or_long_with_or_without_nulls()
    {
        var e = Chain(1)[0];
        Assert.Equal(Defined(e), e.ComputeHash());
        Assert.Matches("^[0-9a-f]{64}$", e.ComputeHash());
        e.UserId = 12;
        e.Before = null;
        e.After = "{\"Reason\":\"老党员行动不便，上门补签\",\"At\":\"2026-12-01T00:55:03.1234567Z\"}";
        e.At = new DateTime(2026, 12, 1, 0, 55, 3, DateTimeKind.Utc).AddTicks(1234567);
        Assert.Equal(Defined(e), e.ComputeHash());
        foreach (var size in new[] { 500, 690, 700, 701, 5000, 200_000 })
        {
            e.After = new string('党', size / 3) + new string('a', size - size / 3);
            Assert.Equal(Defined(e), e.ComputeHash());
        }
        // Either side of the text that still fits on the stack (700 characters with the fields' allowance), all
        // three-byte characters.
        e.UserId = null;
        e.UserName = "admin";
        foreach (var size in new[] { 537, 538, 539, 540 })
        {
            e.After = new string('党', size);
            Assert.Equal(Defined(e), e.ComputeHash());
        }
        // A lone surrogate is hashed as the replacement character, as Encoding.UTF8 writes it; a null as nothing.
        (e.UserName, e.Before, e.After) = ("a\uD800b", new string('x', 3000) + "\uDC00", null);
        Assert.Equal(Defined(e), e.ComputeHash());
    }

    [Fact]
    public void An_edited_entry_breaks_the_chain_where_it_was_edited()
    {
        var chain = Chain(5);
        chain[2].After = "{\"Name\":\"c\"}";
        Assert.Equal(3, AuditEntry.FirstBroken(chain));
    }

    [Fact]
    public void A_removed_entry_breaks_the_chain_after_the_gap()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        Assert.Equal(3, AuditEntry.FirstBroken(chain));
    }

    [Fact]
    public void The_hash_ignores_sub_microsecond_ticks_the_databases_drop()
    {
        var e = Chain(1)[0];
        var h = e.ComputeHash();
        e.At = e.At.AddTicks(3);
        Assert.Equal(h, e.ComputeHash());
    }
}

/// <summary>A bulk writer's entry of a new row reads exactly as a snapshot of the row's fields (the tracked path's
/// form).</summary>
public class CreatedEntryTests
{
    enum Small : byte { A = 1, B = 200 }

    /// <summary>Every kind of field a row could carry, beyond those the rows written in bulk carry today.</summary>
    sealed class Odd
    {
        public int Id { get; set; }
        public Small Size { get; set; }
        public Small? Maybe { get; set; }
        public AttendanceStatus? Status { get; set; }
        public int? Count { get; set; }
        public long Big { get; set; }
        public decimal Money { get; set; }
        public double Ratio { get; set; }
        public DateTimeOffset When { get; set; }
        public DateOnly? Day { get; set; }
        public DateTime? Then { get; set; }
        public bool? Flag { get; set; }
        public string? Text { get; set; }
    }

    [Fact]
    public void Fields_of_every_kind_read_as_the_snapshot_writes_them_set_or_null()
    {
        var odd =
            new Odd { Id = 1, Size = Small.B, When = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8)) };
        Assert.Equal(Expected(odd), Yihao.Web.Data.Auditing.Created(1, 1, odd).After);
        odd = new Odd
        {
            Id = 2,
            Size = Small.A,
            Maybe = Small.B,
            Status = AttendanceStatus.Excused,
            Count = -3,
            Big = long.MaxValue,
            Money = 12.50m,
            Ratio = 0.1,
            When = DateTimeOffset.UnixEpoch,
            Day = new DateOnly(2026, 12, 1),
            Then = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            Flag = false,
            Text = "",
        };
        Assert.Equal(Expected(odd), Yihao.Web.Data.Auditing.Created(1, 2, odd).After);
    }

    static string Expected<T>(T row) => Yihao.Web.Data.Auditing.Snapshot(new SortedDictionary<string, object?>(
        typeof(T).GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } && p.PropertyType != typeof(List<FollowUp>))
            .ToDictionary(p => p.Name, p => p.GetValue(row)), StringComparer.Ordinal));

    [Fact]
    public void A_created_entry_is_the_rows_snapshot_field_by_field_in_name_order()
    {
        var scan =
            new Attendance
            {
                Id = 7,
                DistrictId = 1,
                ActivityDayId = 3,
                MemberId = 42,
                Status = AttendanceStatus.Present,
                Method = CheckInMethod.Manual,
                Reason = "老党员行动不便，上门补签 \"带引号\"",
                RecordedBy = null,
                At = new DateTime(2026, 12, 1, 0, 55, 3, 120, DateTimeKind.Utc)
            };
        var created = Yihao.Web.Data.Auditing.Created(scan.DistrictId, scan.Id, scan);
        Assert.Equal(Expected(scan), created.After);
        Assert.StartsWith("{\"ActivityDayId\":3,\"At\":\"2026-12-01T00:55:03.12Z\",\"Device\":null,\"DistrictId\":1,\"Id\":7,",
            created.After);
        Assert.Contains("老党员行动不便", created.After); // Chinese stays readable
        Assert.Equal(("create", "Attendance", "7", null),
            (created.Action, created.Entity, created.EntityId, created.Before));

        var warning =
            new Warning
            {
                Id = 9,
                DistrictId = 1,
                OrgId = 5,
                SubjectKind = WarningSubject.Member,
                SubjectId = 42,
                Rule = "absent-3",
                Level = WarningLevel.Red,
                Reasons = "[\"连续三个月缺席\"]",
                Month = new DateOnly(2026, 11, 1),
                RaisedAt = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc)
            };
        Assert.Equal(Expected(warning), Yihao.Web.Data.Auditing.Created(1, 9, warning).After);
        warning.ResolvedAt = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);
        warning.Reasons = "[\"<b>\\u0026\t\u2028</b>\"]";
        Assert.Equal(Expected(warning), Yihao.Web.Data.Auditing.Created(1, 9, warning).After);

        var musts =
            new SixMusts
            {
                ActivityDayId = 3,
                DistrictId = 1,
                BadgesWorn = true,
                LiaisonLeaderPresent = true,
                Minutes = "学习《党章》",
                UpdatedAt = new DateTime(2026, 12, 1, 1, 2, 3, DateTimeKind.Utc)
            };
        Assert.Equal(Expected(musts), Yihao.Web.Data.Auditing.Created(1, 3, musts).After);
        Assert.Contains("\"BadgesWorn\":true,\"DistrictId\":1,\"DuesCollected\":false,",
            Yihao.Web.Data.Auditing.Created(1, 3, musts).After);
    }

    [Fact]
    public void An_entry_for_many_new_rows_lists_each_as_its_own_entry_would_and_names_the_first_and_last()
    {
        Attendance Scan(int id, int member) =>
            new()
            {
                Id = id,
                DistrictId = 1,
                ActivityDayId = 3,
                MemberId = member,
                Status = AttendanceStatus.Present,
                Method = CheckInMethod.QrScan,
                At = new DateTime(2026, 12, 1, 0, 55, id, DateTimeKind.Utc)
            };
        Attendance[] rows = [Scan(7, 42), Scan(8, 43), Scan(12, 44)];
        var many = Yihao.Web.Data.Auditing.Created(1, rows, a => a.Id);
        Assert.Equal("[" + string.Join(",", rows.Select(r => Yihao.Web.Data.Auditing.Created(1, r.Id, r).After)) + "]",
            many.After);
        Assert.Equal(("create", "Attendance", "0000000007-0000000012", null),
            (many.Action, many.Entity, many.EntityId, many.Before));
        Assert.Equal("7–12", AuditEntry.Shown(many.EntityId));
        Assert.Equal("42", AuditEntry.Shown("42"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 10)]
    [InlineData(99_999, 100_030)]
    [InlineData(2_147_483_600, 2_147_483_647)]
    public void A_range_of_rows_reads_back_and_sorts_before_the_next_id_after_its_first(long first, long last)
    {
        var rows = AuditEntry.Rows(first, last);
        Assert.True(AuditEntry.TryRows(rows, out var f, out var l));
        Assert.Equal((first, last), (f, l));
        // The log's search takes the ranges before RowsAfter(id) as those whose first row is at most id.
        Assert.True(string.CompareOrdinal(rows, AuditEntry.RowsAfter(first)) < 0);
        Assert.True(string.CompareOrdinal(rows, AuditEntry.RowsAfter(first - 1)) > 0);
        Assert.False(
            AuditEntry.TryRows(first.ToString(System.Globalization.CultureInfo.InvariantCulture), out _, out _));
        Assert.False(AuditEntry.TryRows(rows.Replace('-', ','), out _, out _));
    }
}
