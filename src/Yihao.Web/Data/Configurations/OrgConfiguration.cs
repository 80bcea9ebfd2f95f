using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

sealed class OrgConfiguration : IEntityTypeConfiguration<Org>
{
    public void Configure(EntityTypeBuilder<Org> b)
    {
        b.ToTable("orgs");
        b.Property(o => o.Name).HasMaxLength(OrgRules.NameMaxLength);
        b.Property(o => o.Path).HasMaxLength(400).UseCollation(null);
        b.HasIndex(o => new { o.DistrictId, o.Path });
        b.HasIndex(o => new { o.ParentId, o.Name }).IsUnique();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Org>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.IsBranch);
        b.Ignore(o => o.IsClosed);
    }
}

sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.Property(m => m.Name).HasMaxLength(MemberInput.NameMaxLength);
        b.Property(m => m.IdNumber).HasMaxLength(18);
        b.Property(m => m.Phone).HasMaxLength(11);
        b.Property(m => m.MobileWhere).HasMaxLength(MemberInput.WhereMaxLength);
        b.HasIndex(m => new { m.DistrictId, m.IdNumber }).IsUnique();
        b.HasIndex(m => new { m.OrgId, m.Name });
        b.HasIndex(m => new { m.DistrictId, m.JoinedOn }); // dues owed: who joined before or during a window
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Org).WithMany().HasForeignKey(m => m.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.ToTable("transfers");
        b.Property(t => t.Note).HasMaxLength(200);
        b.HasIndex(t => new { t.MemberId, t.EffectiveOn });
        b.HasIndex(t => new { t.ToOrgId, t.EffectiveOn });
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.ToOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.FromOrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.Action).HasMaxLength(40);
        b.Property(a => a.Entity).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(100); // a stored file's key is its district and a 64-character hash
        b.Property(a => a.PrevHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => new { a.DistrictId, a.Entity, a.EntityId });
    }
}

sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.Property(u => u.Role).HasMaxLength(24);
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasIndex(u => u.OrgId);
        b.HasIndex(u => u.MemberId).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(u => u.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
