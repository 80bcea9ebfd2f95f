using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountsReportsLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "must_change_password",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "liaison_checked_in_at",
                table: "activity_days",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "liaison_checked_in_by",
                table: "activity_days",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "display_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_display_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_display_links_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "liaison_assignments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    assigned_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_liaison_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_liaison_assignments_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_liaison_assignments_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "thought_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thought_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_thought_reports_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_display_links_org_id",
                table: "display_links",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_display_links_token_hash",
                table: "display_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_liaison_assignments_org_id",
                table: "liaison_assignments",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_liaison_assignments_user_id_org_id",
                table: "liaison_assignments",
                columns: new[] { "user_id", "org_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_thought_reports_member_id_month",
                table: "thought_reports",
                columns: new[] { "member_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_thought_reports_org_id_month",
                table: "thought_reports",
                columns: new[] { "org_id", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "display_links");

            migrationBuilder.DropTable(
                name: "liaison_assignments");

            migrationBuilder.DropTable(
                name: "thought_reports");

            migrationBuilder.DropColumn(
                name: "must_change_password",
                table: "users");

            migrationBuilder.DropColumn(
                name: "liaison_checked_in_at",
                table: "activity_days");

            migrationBuilder.DropColumn(
                name: "liaison_checked_in_by",
                table: "activity_days");
        }
    }
}
