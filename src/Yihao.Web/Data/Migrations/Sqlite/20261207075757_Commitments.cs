using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Commitments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    for_whom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    made_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    confirmed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    made_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    made_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.UniqueConstraint("ak_commitments_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_commitments_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitments_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commitment_fulfilments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    commitment_id = table.Column<int>(type: "INTEGER", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    fulfilled_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed = table.Column<bool>(type: "INTEGER", nullable: true),
                    comment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_fulfilments", x => x.id);
                    table.UniqueConstraint("ak_commitment_fulfilments_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_commitment_fulfilments_commitments_district_id_commitment_id",
                        columns: x => new { x.district_id, x.commitment_id },
                        principalTable: "commitments",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_fulfilments_district_id_commitment_id",
                table: "commitment_fulfilments",
                columns: new[] { "district_id", "commitment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_district_id_confirmed_on",
                table: "commitments",
                columns: new[] { "district_id", "confirmed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_district_id_member_id_due_on_what",
                table: "commitments",
                columns: new[] { "district_id", "member_id", "due_on", "what" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitments_district_id_org_id_due_on",
                table: "commitments",
                columns: new[] { "district_id", "org_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_member_id",
                table: "commitments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_org_id",
                table: "commitments",
                column: "org_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commitment_fulfilments");

            migrationBuilder.DropTable(
                name: "commitments");
        }
    }
}
