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
