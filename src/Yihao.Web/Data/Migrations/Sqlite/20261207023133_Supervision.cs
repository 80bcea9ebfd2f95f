using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: true),
                    inspector_user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    inspector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    checklist = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.UniqueConstraint("ak_inspections_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_inspections_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sample_draws",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: true),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    seed = table.Column<long>(type: "INTEGER", nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    candidates = table.Column<string>(type: "TEXT", maxLength: 1000000, nullable: false),
                    inputs = table.Column<string>(type: "TEXT", maxLength: 4000000, nullable: false),
                    picked = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    drawn_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    drawn_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sample_draws", x => x.id);
                    table.UniqueConstraint("ak_sample_draws_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_sample_draws_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    inspection_id = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    attendance_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_findings", x => x.id);
                    table.UniqueConstraint("ak_findings_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_findings_inspections_district_id_inspection_id",
                        columns: x => new { x.district_id, x.inspection_id },
                        principalTable: "inspections",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "phone_calls",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    inspection_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    attendance_id = table.Column<int>(type: "INTEGER", nullable: true),
                    reached = table.Column<bool>(type: "INTEGER", nullable: false),
                    says = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    recorded = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    agrees = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    finding_id = table.Column<int>(type: "INTEGER", nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_calls", x => x.id);
                    table.UniqueConstraint("ak_phone_calls_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_phone_calls_inspections_district_id_inspection_id",
                        columns: x => new { x.district_id, x.inspection_id },
                        principalTable: "inspections",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_phone_calls_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_lists",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    inspection_id = table.Column<int>(type: "INTEGER", nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problem_lists", x => x.id);
                    table.UniqueConstraint("ak_problem_lists_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_problem_lists_inspections_district_id_inspection_id",
                        columns: x => new { x.district_id, x.inspection_id },
                        principalTable: "inspections",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_problem_lists_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    list_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    finding_id = table.Column<int>(type: "INTEGER", nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    accepted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problem_items", x => x.id);
                    table.UniqueConstraint("ak_problem_items_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_problem_items_findings_district_id_finding_id",
                        columns: x => new { x.district_id, x.finding_id },
                        principalTable: "findings",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_problem_items_problem_lists_district_id_list_id",
                        columns: x => new { x.district_id, x.list_id },
                        principalTable: "problem_lists",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problem_events", x => x.id);
                    table.UniqueConstraint("ak_problem_events_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_problem_events_problem_items_district_id_item_id",
                        columns: x => new { x.district_id, x.item_id },
                        principalTable: "problem_items",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_evidence",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    event_id = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_problem_evidence", x => x.id);
                    table.UniqueConstraint("ak_problem_evidence_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_problem_evidence_problem_events_district_id_event_id",
                        columns: x => new { x.district_id, x.event_id },
                        principalTable: "problem_events",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_problem_evidence_stored_files_district_id_hash",
                        columns: x => new { x.district_id, x.hash },
                        principalTable: "stored_files",
                        principalColumns: new[] { "district_id", "hash" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_findings_district_id_inspection_id",
                table: "findings",
                columns: new[] { "district_id", "inspection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_district_id_org_id_kind_planned_on_inspector_user_id",
                table: "inspections",
                columns: new[] { "district_id", "org_id", "kind", "planned_on", "inspector_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_district_id_state_planned_on",
                table: "inspections",
                columns: new[] { "district_id", "state", "planned_on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_org_id",
                table: "inspections",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_district_id_inspection_id_member_id",
                table: "phone_calls",
                columns: new[] { "district_id", "inspection_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_member_id",
                table: "phone_calls",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_problem_events_district_id_item_id",
                table: "problem_events",
                columns: new[] { "district_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_evidence_district_id_event_id",
                table: "problem_evidence",
                columns: new[] { "district_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_evidence_district_id_hash",
                table: "problem_evidence",
                columns: new[] { "district_id", "hash" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_evidence_district_id_item_id",
                table: "problem_evidence",
                columns: new[] { "district_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_items_district_id_finding_id",
                table: "problem_items",
                columns: new[] { "district_id", "finding_id" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_items_district_id_list_id",
                table: "problem_items",
                columns: new[] { "district_id", "list_id" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_items_district_id_state_due_on",
                table: "problem_items",
                columns: new[] { "district_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_lists_district_id_inspection_id",
                table: "problem_lists",
                columns: new[] { "district_id", "inspection_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_problem_lists_district_id_org_id_state",
                table: "problem_lists",
                columns: new[] { "district_id", "org_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_problem_lists_org_id",
                table: "problem_lists",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_sample_draws_district_id_subject",
                table: "sample_draws",
                columns: new[] { "district_id", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sample_draws_org_id",
                table: "sample_draws",
                column: "org_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "phone_calls");

            migrationBuilder.DropTable(
                name: "problem_evidence");

            migrationBuilder.DropTable(
                name: "sample_draws");

            migrationBuilder.DropTable(
                name: "problem_events");

            migrationBuilder.DropTable(
                name: "problem_items");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "problem_lists");

            migrationBuilder.DropTable(
                name: "inspections");
        }
    }
}
