using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "commitments_fulfilled",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "commitments_made",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "disputes_resolved",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "dues_collected_fen",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "pairing_visits",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "petitions_answered",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "things_done",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "volunteer_tenths",
                table: "month_rollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "dues_paid_years",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    paid = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dues_paid_years", x => new { x.district_id, x.year, x.member_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_district_id_kind_state_done_on_org_id",
                table: "service_entries",
                columns: new[] { "district_id", "kind", "state", "done_on", "org_id" });

            migrationBuilder.CreateIndex(
                name: "ix_members_district_id_joined_on",
                table: "members",
                columns: new[] { "district_id", "joined_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dues_paid_years");

            migrationBuilder.DropIndex(
                name: "ix_service_entries_district_id_kind_state_done_on_org_id",
                table: "service_entries");

            migrationBuilder.DropIndex(
                name: "ix_members_district_id_joined_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "commitments_fulfilled",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "commitments_made",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "disputes_resolved",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "dues_collected_fen",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "pairing_visits",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "petitions_answered",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "things_done",
                table: "month_rollups");

            migrationBuilder.DropColumn(
                name: "volunteer_tenths",
                table: "month_rollups");
        }
    }
}
