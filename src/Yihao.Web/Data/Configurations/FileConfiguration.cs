using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yihao.Web.Domain;

namespace Yihao.Web.Data.Configurations;

sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.HasKey(f => new { f.DistrictId, f.Hash });
        b.Property(f => f.Hash).HasMaxLength(StoredFile.HashLength);
        b.Property(f => f.ContentType).HasMaxLength(40);
        b.Property(f => f.FirstUploadedBy).HasMaxLength(100);
        b.Property(f => f.OriginalName).HasMaxLength(200);
    }
}
