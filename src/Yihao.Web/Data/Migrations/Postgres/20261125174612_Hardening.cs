using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_member_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_orgs_parent_id",
                table: "orgs");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "orgs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "members",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_users_member_id",
                table: "users",
                column: "member_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orgs_parent_id_name",
                table: "orgs",
                columns: new[] { "parent_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_member_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_orgs_parent_id_name",
                table: "orgs");

            migrationBuilder.DropColumn(
                name: "version",
                table: "orgs");

            migrationBuilder.DropColumn(
                name: "version",
                table: "members");

            migrationBuilder.CreateIndex(
                name: "ix_users_member_id",
                table: "users",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_orgs_parent_id",
                table: "orgs",
                column: "parent_id");
        }
    }
}
