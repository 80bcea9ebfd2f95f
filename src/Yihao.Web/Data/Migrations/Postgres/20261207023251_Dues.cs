using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months");

            migrationBuilder.CreateTable(
                name: "dues_payments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    from_month = table.Column<DateOnly>(type: "date", nullable: false),
                    to_month = table.Column<DateOnly>(type: "date", nullable: false),
                    method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    receipt_no = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reverses_id = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dues_payments", x => x.id);
                    table.UniqueConstraint("ak_dues_payments_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_dues_payments_dues_payments_district_id_reverses_id",
                        columns: x => new { x.district_id, x.reverses_id },
                        principalTable: "dues_payments",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dues_payments_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dues_payments_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dues_standards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    monthly_income = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dues_standards", x => x.id);
                    table.UniqueConstraint("ak_dues_standards_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_dues_standards_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dues_months",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    payment_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dues_months", x => new { x.district_id, x.member_id, x.month });
                    table.ForeignKey(
                        name: "fk_dues_months_dues_payments_district_id_payment_id",
                        columns: x => new { x.district_id, x.payment_id },
                        principalTable: "dues_payments",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dues_months_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months",
                columns: new[] { "member_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dues_months_district_id_month",
                table: "dues_months",
                columns: new[] { "district_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_months_district_id_payment_id",
                table: "dues_months",
                columns: new[] { "district_id", "payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_months_member_id",
                table: "dues_months",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_dues_payments_district_id_member_id_from_month",
                table: "dues_payments",
                columns: new[] { "district_id", "member_id", "from_month" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_payments_district_id_org_id_paid_on",
                table: "dues_payments",
                columns: new[] { "district_id", "org_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_payments_district_id_reverses_id",
                table: "dues_payments",
                columns: new[] { "district_id", "reverses_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dues_payments_member_id",
                table: "dues_payments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_dues_payments_org_id",
                table: "dues_payments",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_dues_standards_district_id_member_id_effective_from",
                table: "dues_standards",
                columns: new[] { "district_id", "member_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_standards_member_id",
                table: "dues_standards",
                column: "member_id");

            // The months' "dues paid" ticks become entries of the dues ledger, one payment per month ticked, for the
            // member's recorded monthly dues (the tick held no amount), before the tick goes: the stars of closed months
            // read the same months as paid as before.
            migrationBuilder.Sql("""
                INSERT INTO dues_payments (district_id, member_id, org_id, amount, from_month, to_month, method,
                    receipt_no, paid_on, note, reverses_id, recorded_by, recorded_at)
                SELECT r.district_id, r.member_id, m.org_id, m.monthly_dues, r.month, r.month, 'Other',
                    NULL, r.month, '由月度记实“已交党费”迁入', NULL, COALESCE(r.recorded_by, 'migration'), r.updated_at
                FROM member_months r JOIN members m ON m.id = r.member_id
                WHERE r.dues_paid;
                INSERT INTO dues_months (district_id, member_id, month, payment_id)
                SELECT p.district_id, p.member_id, p.from_month, p.id FROM dues_payments p;
                """);

            migrationBuilder.DropColumn(
                name: "dues_paid",
                table: "member_months");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dues_months");

            migrationBuilder.DropTable(
                name: "dues_standards");

            migrationBuilder.DropTable(
                name: "dues_payments");

            migrationBuilder.DropIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months");

            migrationBuilder.AddColumn<bool>(
                name: "dues_paid",
                table: "member_months",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months",
                columns: new[] { "member_id", "month" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "dues_paid" });
        }
    }
}
