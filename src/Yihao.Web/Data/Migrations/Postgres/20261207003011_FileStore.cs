using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FileStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Photos move from bytes in their rows to the file store (docs/files.md). The bytes are not carried over: only a
            // database made from today's Initial can hold such rows, and on PostgreSQL the new key then refuses to be added
            // (the migration fails rather than losing photos quietly). Folded into Initial when merged.
            migrationBuilder.DropColumn(
                name: "bytes",
                table: "day_photos");

            migrationBuilder.DropColumn(
                name: "content_type",
                table: "day_photos");

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "day_photos",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "entity_id",
                table: "audit_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60);

            migrationBuilder.CreateTable(
                name: "stored_files",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    first_uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    first_uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    original_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stored_files", x => new { x.district_id, x.hash });
                });

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_district_id_activity_day_id_hash",
                table: "day_photos",
                columns: new[] { "district_id", "activity_day_id", "hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_district_id_hash",
                table: "day_photos",
                columns: new[] { "district_id", "hash" });

            migrationBuilder.AddForeignKey(
                name: "fk_day_photos_stored_files_district_id_hash",
                table: "day_photos",
                columns: new[] { "district_id", "hash" },
                principalTable: "stored_files",
                principalColumns: new[] { "district_id", "hash" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_day_photos_stored_files_district_id_hash",
                table: "day_photos");

            migrationBuilder.DropTable(
                name: "stored_files");

            migrationBuilder.DropIndex(
                name: "ix_day_photos_district_id_activity_day_id_hash",
                table: "day_photos");

            migrationBuilder.DropIndex(
                name: "ix_day_photos_district_id_hash",
                table: "day_photos");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "day_photos");

            migrationBuilder.AddColumn<byte[]>(
                name: "bytes",
                table: "day_photos",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "content_type",
                table: "day_photos",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "entity_id",
                table: "audit_entries",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);
        }
    }
}
