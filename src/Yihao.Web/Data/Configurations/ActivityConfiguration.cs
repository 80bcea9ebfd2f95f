using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

sealed class ActivityDayConfiguration : IEntityTypeConfiguration<ActivityDay>
{
    public void Configure(EntityTypeBuilder<ActivityDay> b)
    {
        b.ToTable("activity_days");
        b.Property(d => d.Place).HasMaxLength(200);
        b.Property(d => d.LiaisonLeader).HasMaxLength(50);
        b.Property(d => d.StudyMaterial).HasMaxLength(20_000);
        b.Property(d => d.ReviewedBy).HasMaxLength(100);
        b.Property(d => d.LiaisonCheckedInBy).HasMaxLength(100);
        b.Property(d => d.ReviewComment).HasMaxLength(1000);
        b.Property(d => d.CodeKey).HasMaxLength(64);
        b.HasIndex(d => new { d.OrgId, d.Month }).IsUnique();
        b.HasIndex(d => new { d.DistrictId, d.Month, d.State });
        b.HasOne<Org>().WithMany().HasForeignKey(d => d.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Agenda).WithOne().HasForeignKey(a => a.ActivityDayId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(d => d.Editable);
    }
}

sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("agenda_items");
        b.Property(a => a.Title).HasMaxLength(200);
    }
}

sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("attendances");
        b.Property(a => a.Reason).HasMaxLength(200);
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.Property(a => a.Device).HasMaxLength(64);
        b.OneRowPerMemberAndDay();
        // No index by member alone: each scan's row wrote a random page of it (its scan-time cost is in
        // docs/performance.md). The absences without leave, a few in a hundred rows, by member: the warnings' history
        // reads them from this index alone. Its first column is the member's, so EF counts it as the member key's
        // index: without it EF would add one by member alone again. (In the database it is named
        // ix_attendances_member_id_activity_day_id.)
        b.HasIndex(a => new { a.MemberId, a.ActivityDayId }, "ix_attendances_unexcused")
            .HasFilter("status = 'Unexcused'");
        b.Ignore(a => a.TookPart);
    }
}

sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> b)
    {
        b.ToTable("leave_requests");
        b.Property(l => l.Reason).HasMaxLength(500);
        b.Property(l => l.DecidedBy).HasMaxLength(100);
        b.OneRowPerMemberAndDay();
    }
}

sealed class MakeUpConfiguration : IEntityTypeConfiguration<MakeUp>
{
    public void Configure(EntityTypeBuilder<MakeUp> b)
    {
        b.ToTable("make_ups");
        b.Property(m => m.What).HasMaxLength(500);
        b.Property(m => m.RecordedBy).HasMaxLength(100);
        b.OneRowPerMemberAndDay();
        b.HasIndex(m => new { m.DistrictId, m.DoneOn, m.DueOn });
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.HasIndex(n => new { n.MemberId, n.CreatedAt });
        b.HasIndex(n => new { n.ActivityDayId, n.MemberId });
    }
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(o => o.Key).HasMaxLength(100);
        b.Property(o => o.Channel).HasMaxLength(20);
        b.Property(o => o.To).HasMaxLength(100);
        b.Property(o => o.Body).HasMaxLength(1000);
        b.Property(o => o.LastError).HasMaxLength(500);
        b.HasIndex(o => o.Key).IsUnique();
        b.HasIndex(o => new { o.SentAt, o.DueAt });
    }
}

sealed class StudyNoteConfiguration : IEntityTypeConfiguration<StudyNote>
{
    public void Configure(EntityTypeBuilder<StudyNote> b)
    {
        b.ToTable("study_notes");
        b.Property(n => n.Text).HasMaxLength(10_000);
        b.OneRowPerMemberAndDay();
    }
}

sealed class SixMustsConfiguration : IEntityTypeConfiguration<SixMusts>
{
    public void Configure(EntityTypeBuilder<SixMusts> b)
    {
        b.ToTable("six_musts");
        b.HasKey(s => s.ActivityDayId);
        b.Property(s => s.Minutes).HasMaxLength(20_000);
        b.HasOne<ActivityDay>().WithOne().HasForeignKey<SixMusts>(s => s.ActivityDayId)
            .OnDelete(DeleteBehavior.Restrict);
        b.Ignore(s => s.Compliant);
    }
}

sealed class AidConfiguration : IEntityTypeConfiguration<Aid>
{
    public void Configure(EntityTypeBuilder<Aid> b)
    {
        b.ToTable("aids");
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.ApprovedBy).HasMaxLength(100);
        b.HasIndex(a => a.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class DayPhotoConfiguration : IEntityTypeConfiguration<DayPhoto>
{
    public void Configure(EntityTypeBuilder<DayPhoto> b)
    {
        b.ToTable("day_photos");
        b.Property(p => p.Hash).HasMaxLength(StoredFile.HashLength);
        b.Property(p => p.Caption).HasMaxLength(200);
        b.Property(p => p.UploadedBy).HasMaxLength(100);
        // One row per photo and day: the same photo uploaded again to the same day is the row it already has.
        b.HasIndex(p => new { p.DistrictId, p.ActivityDayId, p.Hash }).IsUnique();
        // Where else a photo was used (重复使用): every day's photos with this hash.
        b.HasIndex(p => new { p.DistrictId, p.Hash });
        b.HasOne<ActivityDay>().WithMany().HasForeignKey(p => p.ActivityDayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(p => new { p.DistrictId, p.Hash })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

static class MemberDayRows
{
    /// <summary>Attendance, leave, make-ups and study notes: one row per member and day, tied to both.</summary>
    public static void OneRowPerMemberAndDay<T>(this EntityTypeBuilder<T> b) where T : class, IMemberDayRow
    {
        b.HasIndex(r => new { r.ActivityDayId, r.MemberId }).IsUnique();
        // Attendance's two keys are not in the PostgreSQL database: triggers check its references once per statement
        // (migration AttendanceReferencesByTriggers: the keys' row locks were a third of the check-in writer's
        // backend). The model keeps them, so that a save writes a new member or day before its attendance. A change
        // here that EF turns into a migration of attendance's keys must be written by hand for PostgreSQL (a test
        // asserts the keys stay out).
        b.HasOne<ActivityDay>().WithMany().HasForeignKey(r => r.ActivityDayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
