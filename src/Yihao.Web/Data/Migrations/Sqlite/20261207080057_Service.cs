using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Service : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_pairings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    household = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    household_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_pairings", x => x.id);
                    table.UniqueConstraint("ak_service_pairings_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_service_pairings_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_pairings_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    for_whom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    for_whom_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    parties = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    dispute_outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    referral = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    answer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    pairing_id = table.Column<int>(type: "INTEGER", nullable: true),
                    send_back_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    request_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    recorded_by_user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_entries", x => x.id);
                    table.UniqueConstraint("ak_service_entries_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_service_entries_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_entries_service_pairings_district_id_pairing_id",
                        columns: x => new { x.district_id, x.pairing_id },
                        principalTable: "service_pairings",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_entry_members",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_entry_members", x => new { x.district_id, x.entry_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_service_entry_members_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_entry_members_service_entries_district_id_entry_id",
                        columns: x => new { x.district_id, x.entry_id },
                        principalTable: "service_entries",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_district_id_done_on",
                table: "service_entries",
                columns: new[] { "district_id", "done_on" });

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_district_id_org_id_done_on",
                table: "service_entries",
                columns: new[] { "district_id", "org_id", "done_on" });

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_district_id_pairing_id",
                table: "service_entries",
                columns: new[] { "district_id", "pairing_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_district_id_recorded_by_user_id_request_key",
                table: "service_entries",
                columns: new[] { "district_id", "recorded_by_user_id", "request_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_entries_org_id",
                table: "service_entries",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_entry_members_district_id_member_id",
                table: "service_entry_members",
                columns: new[] { "district_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_entry_members_member_id",
                table: "service_entry_members",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_pairings_district_id_member_id_household",
                table: "service_pairings",
                columns: new[] { "district_id", "member_id", "household" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_pairings_district_id_org_id",
                table: "service_pairings",
                columns: new[] { "district_id", "org_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_pairings_member_id",
                table: "service_pairings",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_pairings_org_id",
                table: "service_pairings",
                column: "org_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_entry_members");

            migrationBuilder.DropTable(
                name: "service_entries");

            migrationBuilder.DropTable(
                name: "service_pairings");
        }
    }
}
