using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Civic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "call_outs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    needed = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    request_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_by_user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_outs", x => x.id);
                    table.UniqueConstraint("ak_call_outs_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_call_outs_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliberation_topics",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    agenda_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    raised = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    conclusion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    owner_member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    drop_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliberation_topics", x => x.id);
                    table.UniqueConstraint("ak_deliberation_topics_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_deliberation_topics_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deliberation_topics_members_owner_member_id",
                        column: x => x.owner_member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deliberation_topics_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "call_out_sign_ups",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    call_out_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    signed_up_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    came = table.Column<bool>(type: "INTEGER", nullable: false),
                    hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    service_entry_id = table.Column<int>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_out_sign_ups", x => new { x.district_id, x.call_out_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_call_out_sign_ups_call_outs_district_id_call_out_id",
                        columns: x => new { x.district_id, x.call_out_id },
                        principalTable: "call_outs",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_out_sign_ups_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_out_sign_ups_service_entries_district_id_service_entry_id",
                        columns: x => new { x.district_id, x.service_entry_id },
                        principalTable: "service_entries",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "topic_follow_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    topic_id = table.Column<int>(type: "INTEGER", nullable: false),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    by_user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    request_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_follow_ups", x => x.id);
                    table.UniqueConstraint("ak_topic_follow_ups_district_id_id", x => new { x.district_id, x.id });
                    table.ForeignKey(
                        name: "fk_topic_follow_ups_deliberation_topics_district_id_topic_id",
                        columns: x => new { x.district_id, x.topic_id },
                        principalTable: "deliberation_topics",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_out_sign_ups_district_id_member_id",
                table: "call_out_sign_ups",
                columns: new[] { "district_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_call_out_sign_ups_district_id_service_entry_id",
                table: "call_out_sign_ups",
                columns: new[] { "district_id", "service_entry_id" });

            migrationBuilder.CreateIndex(
                name: "ix_call_out_sign_ups_member_id",
                table: "call_out_sign_ups",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_outs_district_id_created_by_user_id_request_key",
                table: "call_outs",
                columns: new[] { "district_id", "created_by_user_id", "request_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_call_outs_district_id_state_starts_at",
                table: "call_outs",
                columns: new[] { "district_id", "state", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_call_outs_org_id",
                table: "call_outs",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_activity_day_id",
                table: "deliberation_topics",
                column: "activity_day_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_district_id_agenda_item_id",
                table: "deliberation_topics",
                columns: new[] { "district_id", "agenda_item_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_district_id_org_id_state_due_on",
                table: "deliberation_topics",
                columns: new[] { "district_id", "org_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_district_id_state_due_on",
                table: "deliberation_topics",
                columns: new[] { "district_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_org_id",
                table: "deliberation_topics",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliberation_topics_owner_member_id",
                table: "deliberation_topics",
                column: "owner_member_id");

            migrationBuilder.CreateIndex(
                name: "ix_topic_follow_ups_district_id_by_user_id_request_key",
                table: "topic_follow_ups",
                columns: new[] { "district_id", "by_user_id", "request_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_topic_follow_ups_district_id_topic_id",
                table: "topic_follow_ups",
                columns: new[] { "district_id", "topic_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_out_sign_ups");

            migrationBuilder.DropTable(
                name: "topic_follow_ups");

            migrationBuilder.DropTable(
                name: "call_outs");

            migrationBuilder.DropTable(
                name: "deliberation_topics");
        }
    }
}
