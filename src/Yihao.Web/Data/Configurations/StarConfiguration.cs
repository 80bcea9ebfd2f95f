using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

sealed class StarPolicyVersionConfiguration : IEntityTypeConfiguration<StarPolicyVersion>
{
    public void Configure(EntityTypeBuilder<StarPolicyVersion> b)
    {
        b.ToTable("star_policies");
        b.Property(p => p.Document).HasMaxLength(20_000);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => new { p.DistrictId, p.EffectiveFrom }).IsUnique();
    }
}

sealed class MemberMonthRecordConfiguration : IEntityTypeConfiguration<MemberMonthRecord>
{
    public void Configure(EntityTypeBuilder<MemberMonthRecord> b)
    {
        b.ToTable("member_months");
        b.Property(r => r.RecordedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.MemberId, r.Month }).IsUnique();
        b.HasIndex(r => new { r.DistrictId, r.Month }); // a district's month at once: the stars' and warnings' facts
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class StarBoardConfiguration : IEntityTypeConfiguration<StarBoard>
{
    public void Configure(EntityTypeBuilder<StarBoard> b)
    {
        b.ToTable("star_boards");
        b.Property(s => s.ConfirmedBy).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.OrgId, s.Month }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(s => s.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StarPolicyVersion>().WithMany().HasForeignKey(s => s.PolicyVersionId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Stars).WithOne().HasForeignKey(s => s.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class MemberStarConfiguration : IEntityTypeConfiguration<MemberStar>
{
    public void Configure(EntityTypeBuilder<MemberStar> b)
    {
        b.ToTable("member_stars");
        b.Property(s => s.Reasons).HasMaxLength(4000);
        b.Property(s => s.OverrideReason).HasMaxLength(500);
        b.Property(s => s.OverriddenBy).HasMaxLength(100);
        b.HasIndex(s => new { s.BoardId, s.MemberId }).IsUnique();
        // A member's stars, board and colour from the index alone (PostgreSQL): the warnings' history reads them by
        // member.
        b.HasIndex(s => s.MemberId).IncludeProperties(s => new { s.BoardId, s.Proposed, s.Override });
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(s => s.Star);
    }
}

sealed class StarObjectionConfiguration : IEntityTypeConfiguration<StarObjection>
{
    public void Configure(EntityTypeBuilder<StarObjection> b)
    {
        b.ToTable("star_objections");
        b.Property(o => o.Reason).HasMaxLength(1000);
        b.HasIndex(o => new { o.BoardId, o.MemberId }).IsUnique();
        b.HasOne<StarBoard>().WithMany().HasForeignKey(o => o.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.ToTable("warnings");
        b.Property(w => w.Rule).HasMaxLength(40);
        b.Property(w => w.Reasons).HasMaxLength(2000);
        // One live warning per subject and rule: a rule that fires again updates it instead of raising a second.
        b.HasIndex(w => new { w.SubjectKind, w.SubjectId, w.Rule }).IsUnique().HasFilter("status <> 'Resolved'");
        b.HasIndex(w => new { w.DistrictId, w.Status, w.Level });
        b.HasIndex(w => w.OrgId);
        b.HasMany(w => w.FollowUps).WithOne().HasForeignKey(f => f.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.ToTable("follow_ups");
        b.Property(f => f.Who).HasMaxLength(100);
        b.Property(f => f.What).HasMaxLength(2000);
        b.Property(f => f.RecordedBy).HasMaxLength(100);
    }
}

sealed class ThoughtReportConfiguration : IEntityTypeConfiguration<ThoughtReport>
{
    public void Configure(EntityTypeBuilder<ThoughtReport> b)
    {
        b.ToTable("thought_reports");
        b.Property(t => t.Text).HasMaxLength(ThoughtReport.MaxLength);
        b.HasIndex(t => new { t.MemberId, t.Month }).IsUnique();
        b.HasIndex(t => new { t.OrgId, t.Month });
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class LiaisonAssignmentConfiguration : IEntityTypeConfiguration<LiaisonAssignment>
{
    public void Configure(EntityTypeBuilder<LiaisonAssignment> b)
    {
        b.ToTable("liaison_assignments");
        b.Property(a => a.AssignedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.UserId, a.OrgId }).IsUnique();
        b.HasIndex(a => a.OrgId);
        b.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class DisplayLinkConfiguration : IEntityTypeConfiguration<DisplayLink>
{
    public void Configure(EntityTypeBuilder<DisplayLink> b)
    {
        b.ToTable("display_links");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.CreatedBy).HasMaxLength(100);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.OrgId);
        b.HasOne<Org>().WithMany().HasForeignKey(l => l.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class WarningNoticeConfiguration : IEntityTypeConfiguration<WarningNotice>
{
    public void Configure(EntityTypeBuilder<WarningNotice> b)
    {
        b.ToTable("warning_notices");
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => new { n.WarningId, n.UserId });
        b.HasOne<Warning>().WithMany().HasForeignKey(n => n.WarningId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
