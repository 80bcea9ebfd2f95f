using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

// Supervision's tables: each row's district is part of a unique key ((district_id, id)) that its children's foreign keys
// name, so that no row can point into another district.

sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.HasAlternateKey(i => new { i.DistrictId, i.Id });
        b.Property(i => i.Inspector).HasMaxLength(100);
        b.Property(i => i.Checklist).HasMaxLength(20_000);
        b.Property(i => i.Outcome).HasMaxLength(4000);
        b.Property(i => i.CreatedBy).HasMaxLength(100);
        // One plan per kind, target, day and inspector: a doubled request finds the first.
        b.HasIndex(i => new { i.DistrictId, i.OrgId, i.Kind, i.PlannedOn, i.InspectorUserId }).IsUnique();
        b.HasIndex(i => new { i.DistrictId, i.State, i.PlannedOn });
        b.HasOne<Org>().WithMany().HasForeignKey(i => i.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("findings");
        b.HasAlternateKey(f => new { f.DistrictId, f.Id });
        b.Property(f => f.Text).HasMaxLength(2000);
        b.Property(f => f.CreatedBy).HasMaxLength(100);
        b.HasIndex(f => new { f.DistrictId, f.InspectionId });
        b.HasOne<Inspection>().WithMany().HasForeignKey(f => new { f.DistrictId, f.InspectionId })
            .HasPrincipalKey(i => new { i.DistrictId, i.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ProblemListConfiguration : IEntityTypeConfiguration<ProblemList>
{
    public void Configure(EntityTypeBuilder<ProblemList> b)
    {
        b.ToTable("problem_lists");
        b.HasAlternateKey(l => new { l.DistrictId, l.Id });
        b.Property(l => l.IssuedBy).HasMaxLength(100);
        b.HasIndex(l => new { l.DistrictId, l.InspectionId }).IsUnique(); // one list per inspection
        b.HasIndex(l => new { l.DistrictId, l.OrgId, l.State });
        b.HasOne<Org>().WithMany().HasForeignKey(l => l.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(l => new { l.DistrictId, l.InspectionId })
            .HasPrincipalKey(i => new { i.DistrictId, i.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.Items).WithOne().HasForeignKey(i => new { i.DistrictId, i.ListId })
            .HasPrincipalKey(l => new { l.DistrictId, l.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ProblemItemConfiguration : IEntityTypeConfiguration<ProblemItem>
{
    public void Configure(EntityTypeBuilder<ProblemItem> b)
    {
        b.ToTable("problem_items");
        b.HasAlternateKey(i => new { i.DistrictId, i.Id });
        b.Property(i => i.Description).HasMaxLength(2000);
        b.HasIndex(i => new { i.DistrictId, i.State, i.DueOn }); // the overdue ones, for the warnings
        b.HasOne<Finding>().WithMany().HasForeignKey(i => new { i.DistrictId, i.FindingId })
            .HasPrincipalKey(f => new { f.DistrictId, f.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Events).WithOne().HasForeignKey(e => new { e.DistrictId, e.ItemId })
            .HasPrincipalKey(i => new { i.DistrictId, i.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ProblemEventConfiguration : IEntityTypeConfiguration<ProblemEvent>
{
    public void Configure(EntityTypeBuilder<ProblemEvent> b)
    {
        b.ToTable("problem_events");
        b.HasAlternateKey(e => new { e.DistrictId, e.Id });
        b.Property(e => e.Text).HasMaxLength(4000);
        b.Property(e => e.By).HasMaxLength(100);
    }
}

sealed class ProblemEvidenceConfiguration : IEntityTypeConfiguration<ProblemEvidence>
{
    public void Configure(EntityTypeBuilder<ProblemEvidence> b)
    {
        b.ToTable("problem_evidence");
        b.HasAlternateKey(e => new { e.DistrictId, e.Id });
        b.Property(e => e.Hash).HasMaxLength(StoredFile.HashLength);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => new { e.DistrictId, e.ItemId });
        b.HasOne<ProblemEvent>().WithMany().HasForeignKey(e => new { e.DistrictId, e.EventId })
            .HasPrincipalKey(x => new { x.DistrictId, x.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(e => new { e.DistrictId, e.Hash })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class SampleDrawConfiguration : IEntityTypeConfiguration<SampleDraw>
{
    public void Configure(EntityTypeBuilder<SampleDraw> b)
    {
        b.ToTable("sample_draws");
        b.HasAlternateKey(s => new { s.DistrictId, s.Id });
        b.Property(s => s.Algorithm).HasMaxLength(60);
        b.Property(s => s.Candidates).HasMaxLength(1_000_000);
        b.Property(s => s.Inputs).HasMaxLength(4_000_000);
        b.Property(s => s.Picked).HasMaxLength(100_000);
        b.Property(s => s.DrawnBy).HasMaxLength(100);
        // One draw per node and month (branches) or per day (members): drawing again until a sample pleases is not
        // possible, and a doubled request finds the first.
        b.Property(s => s.Subject).HasMaxLength(40);
        b.HasIndex(s => new { s.DistrictId, s.Subject }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(s => s.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PhoneCallConfiguration : IEntityTypeConfiguration<PhoneCall>
{
    public void Configure(EntityTypeBuilder<PhoneCall> b)
    {
        b.ToTable("phone_calls");
        b.HasAlternateKey(c => new { c.DistrictId, c.Id });
        b.Property(c => c.Note).HasMaxLength(1000);
        b.Property(c => c.By).HasMaxLength(100);
        b.HasIndex(c => new { c.DistrictId, c.InspectionId, c.MemberId }).IsUnique(); // one call recorded per member
        b.HasOne<Inspection>().WithMany().HasForeignKey(c => new { c.DistrictId, c.InspectionId })
            .HasPrincipalKey(i => new { i.DistrictId, i.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
