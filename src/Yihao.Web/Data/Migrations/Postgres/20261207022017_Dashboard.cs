using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "month_rollups",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<int>(type: "integer", nullable: false),
                    held_on_time = table.Column<int>(type: "integer", nullable: false),
                    members = table.Column<int>(type: "integer", nullable: false),
                    present = table.Column<int>(type: "integer", nullable: false),
                    excused = table.Column<int>(type: "integer", nullable: false),
                    unexcused = table.Column<int>(type: "integer", nullable: false),
                    online = table.Column<int>(type: "integer", nullable: false),
                    at_door = table.Column<int>(type: "integer", nullable: false),
                    plans_submitted = table.Column<int>(type: "integer", nullable: false),
                    plans_on_time = table.Column<int>(type: "integer", nullable: false),
                    plans_reviewed = table.Column<int>(type: "integer", nullable: false),
                    plans_reviewed_on_time = table.Column<int>(type: "integer", nullable: false),
                    make_ups = table.Column<int>(type: "integer", nullable: false),
                    make_ups_in_time = table.Column<int>(type: "integer", nullable: false),
                    make_ups_late = table.Column<int>(type: "integer", nullable: false),
                    make_ups_open = table.Column<int>(type: "integer", nullable: false),
                    make_ups_open_due = table.Column<DateOnly>(type: "date", nullable: true),
                    stars_red = table.Column<int>(type: "integer", nullable: false),
                    stars_yellow = table.Column<int>(type: "integer", nullable: false),
                    stars_blue = table.Column<int>(type: "integer", nullable: false),
                    warnings_yellow = table.Column<int>(type: "integer", nullable: false),
                    warnings_red = table.Column<int>(type: "integer", nullable: false),
                    warnings_open = table.Column<int>(type: "integer", nullable: false),
                    warnings_followed_up = table.Column<int>(type: "integer", nullable: false),
                    warnings_resolved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_month_rollups", x => new { x.district_id, x.org_id, x.month });
                });

            migrationBuilder.CreateIndex(
                name: "ix_month_rollups_district_id_month",
                table: "month_rollups",
                columns: new[] { "district_id", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "month_rollups");
        }
    }
}
