using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

/// <summary>
/// Derived from the records and rebuilt from them at will, so it holds no foreign key: a branch's rows stay as they
/// are when the branch closes, like its days.
/// </summary>
sealed class MonthRollupConfiguration : IEntityTypeConfiguration<MonthRollup>
{
    public void Configure(EntityTypeBuilder<MonthRollup> b)
    {
        b.ToTable("month_rollups");
        b.HasKey(r => new
        {
            r.DistrictId,
            r.OrgId,
            r.Month,
        });
        b.HasIndex(r => new { r.DistrictId, r.Month }); // a district's month, or twelve, at once
        // The ledgers' counts of a period summed from the index alone (the check-in's additions leave it alone).
        b.HasIndex(r => new
        {
            r.DistrictId,
            r.Month,
            r.OrgId,
            r.DisputesResolved,
            r.ThingsDone,
            r.PairingVisits,
            r.PetitionsAnswered,
            r.VolunteerTenths,
            r.CommitmentsMade,
            r.CommitmentsFulfilled,
            r.DuesCollectedFen,
        })
            .HasDatabaseName("ix_month_rollups_ledgers");
    }
}

/// <summary>Derived from the dues months like the rollups, and rebuilt with them: no foreign key. Keyed by year first,
/// so that a window's rows of a district are one range.</summary>
sealed class DuesPaidYearConfiguration : IEntityTypeConfiguration<DuesPaidYear>
{
    public void Configure(EntityTypeBuilder<DuesPaidYear> b)
    {
        b.ToTable("dues_paid_years");
        b.HasKey(y => new
        {
            y.DistrictId,
            y.Year,
            y.MemberId,
        });
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.MemberId).ValueGeneratedNever();
        b.HasIndex(y => new
        {
            y.DistrictId,
            y.Year,
            y.Paid,
        }); // the window's rows grouped by their bits, from the index alone
    }
}

/// <summary>Derived from the volunteering entries like the rollups, and rebuilt with them: no foreign key. Keyed by
/// year and branch, so that a node's rows are ranges; the second index counts a district's distinct members from the
/// index alone.</summary>
sealed class VolunteerYearConfiguration : IEntityTypeConfiguration<VolunteerYear>
{
    public void Configure(EntityTypeBuilder<VolunteerYear> b)
    {
        b.ToTable("volunteer_years");
        b.HasKey(y => new
        {
            y.DistrictId,
            y.Year,
            y.OrgId,
            y.MemberId,
        });
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.OrgId).ValueGeneratedNever();
        b.Property(y => y.MemberId).ValueGeneratedNever();
        b.HasIndex(y => new
        {
            y.DistrictId,
            y.Year,
            y.MemberId,
            y.Months,
        });
    }
}
