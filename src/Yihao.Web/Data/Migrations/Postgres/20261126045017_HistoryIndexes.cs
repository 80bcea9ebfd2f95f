using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HistoryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_member_stars_member_id",
                table: "member_stars");

            migrationBuilder.DropIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months");

            migrationBuilder.CreateIndex(
                name: "ix_member_stars_member_id",
                table: "member_stars",
                column: "member_id")
                .Annotation("Npgsql:IndexInclude", new[] { "board_id", "proposed", "override" });

            migrationBuilder.CreateIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months",
                columns: new[] { "member_id", "month" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "dues_paid" });

            migrationBuilder.CreateIndex(
                name: "ix_attendances_member_id_activity_day_id",
                table: "attendances",
                columns: new[] { "member_id", "activity_day_id" },
                filter: "status = 'Unexcused'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_member_stars_member_id",
                table: "member_stars");

            migrationBuilder.DropIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months");

            migrationBuilder.DropIndex(
                name: "ix_attendances_member_id_activity_day_id",
                table: "attendances");

            migrationBuilder.CreateIndex(
                name: "ix_member_stars_member_id",
                table: "member_stars",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months",
                columns: new[] { "member_id", "month" },
                unique: true);
        }
    }
}
