using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

// The ledger's keys: SQLite generates a value only for a single-column key, so entries keep their id as the primary key
// and carry (district_id, id) as the alternate key that the months paid refer to.
sealed class DuesStandardConfiguration : IEntityTypeConfiguration<DuesStandard>
{
    public void Configure(EntityTypeBuilder<DuesStandard> b)
    {
        b.ToTable("dues_standards");
        b.HasAlternateKey(s => new { s.DistrictId, s.Id });
        b.Property(s => s.Reason).HasMaxLength(200);
        b.Property(s => s.RecordedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.DistrictId, s.MemberId, s.EffectiveFrom });
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class DuesPaymentConfiguration : IEntityTypeConfiguration<DuesPayment>
{
    public void Configure(EntityTypeBuilder<DuesPayment> b)
    {
        b.ToTable("dues_payments");
        b.HasAlternateKey(p => new { p.DistrictId, p.Id });
        b.Property(p => p.ReceiptNo).HasMaxLength(50);
        b.Property(p => p.Note).HasMaxLength(200);
        b.Property(p => p.RecordedBy).HasMaxLength(100);
        b.HasIndex(p => new { p.DistrictId, p.MemberId, p.FromMonth });
        b.HasIndex(p => new { p.DistrictId, p.OrgId, p.PaidOn });
        // A payment is reversed at most once.
        b.HasIndex(p => new { p.DistrictId, p.ReversesId }).IsUnique();
        b.HasOne<DuesPayment>().WithMany().HasForeignKey(p => new { p.DistrictId, p.ReversesId })
            .HasPrincipalKey(p => new { p.DistrictId, p.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class DuesMonthConfiguration : IEntityTypeConfiguration<DuesMonth>
{
    public void Configure(EntityTypeBuilder<DuesMonth> b)
    {
        b.ToTable("dues_months");
        b.HasKey(m => new { m.DistrictId, m.MemberId, m.Month });
        b.HasIndex(m => new { m.DistrictId, m.Month }); // a district's months at once: the stars' facts
        b.HasIndex(m => new { m.DistrictId, m.PaymentId });
        b.HasOne(m => m.Payment).WithMany().HasForeignKey(m => new { m.DistrictId, m.PaymentId })
            .HasPrincipalKey(p => new { p.DistrictId, p.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
