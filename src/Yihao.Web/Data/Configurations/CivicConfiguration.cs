using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

// As the service ledger: the id is the primary key (SQLite generates only a single-column key), (district_id, id)
// the alternate key that follow-ups and sign-ups refer to.
sealed class DeliberationTopicConfiguration : IEntityTypeConfiguration<DeliberationTopic>
{
    public void Configure(EntityTypeBuilder<DeliberationTopic> b)
    {
        b.ToTable("deliberation_topics");
        b.HasAlternateKey(t => new { t.DistrictId, t.Id });
        b.Property(t => t.Title).HasMaxLength(DeliberationRules.TitleMax);
        b.Property(t => t.Raised).HasMaxLength(DeliberationRules.TextMax);
        b.Property(t => t.Conclusion).HasMaxLength(DeliberationRules.TextMax);
        b.Property(t => t.Decision).HasMaxLength(DeliberationRules.TextMax);
        b.Property(t => t.DropReason).HasMaxLength(DeliberationRules.TextMax);
        b.Property(t => t.RaisedBy).HasMaxLength(100);
        b.Property(t => t.ClosedBy).HasMaxLength(100);
        // One topic per agenda item: raising it twice finds the one there is.
        b.HasIndex(t => new { t.DistrictId, t.AgendaItemId }).IsUnique();
        b.HasIndex(t => new { t.DistrictId, t.OrgId, t.State, t.DueOn });
        b.HasIndex(t => new { t.DistrictId, t.State, t.DueOn });
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ActivityDay>().WithMany().HasForeignKey(t => t.ActivityDayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.FollowUps).WithOne().HasForeignKey(f => new { f.DistrictId, f.TopicId })
            .HasPrincipalKey(t => new { t.DistrictId, t.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class TopicFollowUpConfiguration : IEntityTypeConfiguration<TopicFollowUp>
{
    public void Configure(EntityTypeBuilder<TopicFollowUp> b)
    {
        b.ToTable("topic_follow_ups");
        b.HasAlternateKey(f => new { f.DistrictId, f.Id });
        b.Property(f => f.What).HasMaxLength(DeliberationRules.TextMax);
        b.Property(f => f.By).HasMaxLength(100);
        b.Property(f => f.RequestKey).HasMaxLength(100);
        b.HasIndex(f => new { f.DistrictId, f.TopicId });
        b.HasIndex(f => new { f.DistrictId, f.ByUserId, f.RequestKey }).IsUnique();
    }
}

sealed class CallOutConfiguration : IEntityTypeConfiguration<CallOut>
{
    public void Configure(EntityTypeBuilder<CallOut> b)
    {
        b.ToTable("call_outs");
        b.HasAlternateKey(c => new { c.DistrictId, c.Id });
        b.Property(c => c.What).HasMaxLength(CallOutRules.WhatMax);
        b.Property(c => c.Place).HasMaxLength(CallOutRules.PlaceMax);
        b.Property(c => c.RequestKey).HasMaxLength(100);
        b.Property(c => c.CreatedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.DistrictId, c.CreatedByUserId, c.RequestKey }).IsUnique();
        b.HasIndex(c => new { c.DistrictId, c.State, c.StartsAt });
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class CallOutSignUpConfiguration : IEntityTypeConfiguration<CallOutSignUp>
{
    public void Configure(EntityTypeBuilder<CallOutSignUp> b)
    {
        b.ToTable("call_out_sign_ups");
        b.HasKey(s => new { s.DistrictId, s.CallOutId, s.MemberId });
        b.Property(s => s.Hours).HasPrecision(6, 1);
        b.Property(s => s.RecordedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.DistrictId, s.MemberId });
        b.HasOne<CallOut>().WithMany().HasForeignKey(s => new { s.DistrictId, s.CallOutId })
            .HasPrincipalKey(c => new { c.DistrictId, c.Id }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceEntry>().WithMany().HasForeignKey(s => new { s.DistrictId, s.ServiceEntryId })
            .HasPrincipalKey(e => new { e.DistrictId, e.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
