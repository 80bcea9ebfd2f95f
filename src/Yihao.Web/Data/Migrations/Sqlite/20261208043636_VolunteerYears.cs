using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VolunteerYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "volunteer_years",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    months = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_volunteer_years", x => new { x.district_id, x.year, x.org_id, x.member_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_month_rollups_ledgers",
                table: "month_rollups",
                columns: new[] { "district_id", "month", "org_id", "disputes_resolved", "things_done", "pairing_visits", "petitions_answered", "volunteer_tenths", "commitments_made", "commitments_fulfilled", "dues_collected_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_paid_years_district_id_year_paid",
                table: "dues_paid_years",
                columns: new[] { "district_id", "year", "paid" });

            migrationBuilder.CreateIndex(
                name: "ix_volunteer_years_district_id_year_member_id_months",
                table: "volunteer_years",
                columns: new[] { "district_id", "year", "member_id", "months" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "volunteer_years");

            migrationBuilder.DropIndex(
                name: "ix_month_rollups_ledgers",
                table: "month_rollups");

            migrationBuilder.DropIndex(
                name: "ix_dues_paid_years_district_id_year_paid",
                table: "dues_paid_years");
        }
    }
}
