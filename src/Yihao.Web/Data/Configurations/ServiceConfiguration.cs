using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

// As the dues ledger: an id of its own as the primary key (SQLite generates single-column keys only) and
// (district_id, id) as the alternate key that the members of an entry refer to.
sealed class ServiceEntryConfiguration : IEntityTypeConfiguration<ServiceEntry>
{
    public void Configure(EntityTypeBuilder<ServiceEntry> b)
    {
        b.ToTable("service_entries");
        b.HasAlternateKey(e => new { e.DistrictId, e.Id });
        b.Property(e => e.What).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.ForWhom).HasMaxLength(ServiceRules.ShortMax);
        b.Property(e => e.ForWhomPhone).HasMaxLength(20);
        b.Property(e => e.Place).HasMaxLength(ServiceRules.ShortMax);
        b.Property(e => e.Outcome).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.Parties).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.Referral).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.Answer).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.SendBackReason).HasMaxLength(ServiceRules.TextMax);
        b.Property(e => e.RequestKey).HasMaxLength(100);
        b.Property(e => e.RecordedBy).HasMaxLength(100);
        b.Property(e => e.ConfirmedBy).HasMaxLength(100);
        b.Property(e => e.Hours).HasPrecision(6, 1);
        b.HasIndex(e => new { e.DistrictId, e.OrgId, e.DoneOn });
        b.HasIndex(e => new { e.DistrictId, e.DoneOn });
        // Volunteers: a period's confirmed entries of one kind, with their branch, from the index alone.
        b.HasIndex(e => new { e.DistrictId, e.Kind, e.State, e.DoneOn, e.OrgId });
        b.HasIndex(e => new { e.DistrictId, e.RecordedByUserId, e.RequestKey }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(e => e.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePairing>().WithMany().HasForeignKey(e => new { e.DistrictId, e.PairingId })
            .HasPrincipalKey(p => new { p.DistrictId, p.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Members).WithOne().HasForeignKey(m => new { m.DistrictId, m.EntryId })
            .HasPrincipalKey(e => new { e.DistrictId, e.Id }).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ServiceEntryMemberConfiguration : IEntityTypeConfiguration<ServiceEntryMember>
{
    public void Configure(EntityTypeBuilder<ServiceEntryMember> b)
    {
        b.ToTable("service_entry_members");
        b.HasKey(m => new { m.DistrictId, m.EntryId, m.MemberId });
        b.HasIndex(m => new { m.DistrictId, m.MemberId });
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ServicePairingConfiguration : IEntityTypeConfiguration<ServicePairing>
{
    public void Configure(EntityTypeBuilder<ServicePairing> b)
    {
        b.ToTable("service_pairings");
        b.HasAlternateKey(p => new { p.DistrictId, p.Id });
        b.Property(p => p.Household).HasMaxLength(ServiceRules.ShortMax);
        b.Property(p => p.HouseholdPhone).HasMaxLength(20);
        b.Property(p => p.RecordedBy).HasMaxLength(100);
        b.HasIndex(p => new { p.DistrictId, p.OrgId });
        b.HasIndex(p => new { p.DistrictId, p.MemberId, p.Household }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
