using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

// Like the dues ledger: the id is the primary key (SQLite generates only a single-column key), (district_id, id) the
// alternate key that fulfilments refer to.
sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.ToTable("commitments");
        b.HasAlternateKey(c => new { c.DistrictId, c.Id });
        b.Property(c => c.What).HasMaxLength(CommitmentRules.WhatMax);
        b.Property(c => c.ForWhom).HasMaxLength(CommitmentRules.ForWhomMax);
        b.Property(c => c.MadeBy).HasMaxLength(100);
        // A doubled request (the same member, the same words, the same day) is one commitment.
        b.HasIndex(c => new { c.DistrictId, c.MemberId, c.DueOn, c.What }).IsUnique();
        b.HasIndex(c => new { c.DistrictId, c.OrgId, c.DueOn });
        b.HasIndex(c => new { c.DistrictId, c.ConfirmedOn }); // the stars' facts of a month, the counts
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class CommitmentFulfilmentConfiguration : IEntityTypeConfiguration<CommitmentFulfilment>
{
    public void Configure(EntityTypeBuilder<CommitmentFulfilment> b)
    {
        b.ToTable("commitment_fulfilments");
        b.HasAlternateKey(f => new { f.DistrictId, f.Id });
        b.Property(f => f.Evidence).HasMaxLength(CommitmentRules.EvidenceMax);
        b.Property(f => f.Comment).HasMaxLength(CommitmentRules.CommentMax);
        b.Property(f => f.RecordedBy).HasMaxLength(100);
        b.Property(f => f.AnsweredBy).HasMaxLength(100);
        b.HasIndex(f => new { f.DistrictId, f.CommitmentId });
        b.HasOne<Commitment>().WithMany().HasForeignKey(f => new { f.DistrictId, f.CommitmentId })
            .HasPrincipalKey(c => new { c.DistrictId, c.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
