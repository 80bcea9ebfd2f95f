using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activity_days",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    org_id = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    liaison_leader = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    study_material = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    late = table.Column<bool>(type: "INTEGER", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    review_comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    code_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_days", x => x.id);
                    table.ForeignKey(
                        name: "fk_activity_days_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aids",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    given_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aids", x => x.id);
                    table.ForeignKey(
                        name: "fk_aids_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_agenda_items_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attendances",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendances", x => x.id);
                    table.ForeignKey(
                        name: "fk_attendances_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attendances_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "day_photos",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    caption = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_day_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_day_photos_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leave_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_leave_requests_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leave_requests_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "make_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    what = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_make_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_make_ups_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_make_ups_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "six_musts",
                columns: table => new
                {
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    badges_worn = table.Column<bool>(type: "INTEGER", nullable: false),
                    theory_study_held = table.Column<bool>(type: "INTEGER", nullable: false),
                    dues_collected = table.Column<bool>(type: "INTEGER", nullable: false),
                    liaison_leader_present = table.Column<bool>(type: "INTEGER", nullable: false),
                    stars_posted = table.Column<bool>(type: "INTEGER", nullable: false),
                    oath_renewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_six_musts", x => x.activity_day_id);
                    table.ForeignKey(
                        name: "fk_six_musts_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "study_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_id = table.Column<int>(type: "INTEGER", nullable: false),
                    activity_day_id = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_study_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_study_notes_activity_days_activity_day_id",
                        column: x => x.activity_day_id,
                        principalTable: "activity_days",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_study_notes_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activity_days_district_id_month_state",
                table: "activity_days",
                columns: new[] { "district_id", "month", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_days_org_id_month",
                table: "activity_days",
                columns: new[] { "org_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_activity_day_id",
                table: "agenda_items",
                column: "activity_day_id");

            migrationBuilder.CreateIndex(
                name: "ix_aids_member_id",
                table: "aids",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_attendances_activity_day_id_member_id",
                table: "attendances",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attendances_member_id",
                table: "attendances",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_activity_day_id",
                table: "day_photos",
                column: "activity_day_id");

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_activity_day_id_member_id",
                table: "leave_requests",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_member_id",
                table: "leave_requests",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_make_ups_activity_day_id_member_id",
                table: "make_ups",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_make_ups_district_id_done_on_due_on",
                table: "make_ups",
                columns: new[] { "district_id", "done_on", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_make_ups_member_id",
                table: "make_ups",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_activity_day_id_member_id",
                table: "notifications",
                columns: new[] { "activity_day_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_member_id_created_at",
                table: "notifications",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_key",
                table: "outbox_messages",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at_due_at",
                table: "outbox_messages",
                columns: new[] { "sent_at", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_study_notes_activity_day_id_member_id",
                table: "study_notes",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_study_notes_member_id",
                table: "study_notes",
                column: "member_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "aids");

            migrationBuilder.DropTable(
                name: "attendances");

            migrationBuilder.DropTable(
                name: "day_photos");

            migrationBuilder.DropTable(
                name: "leave_requests");

            migrationBuilder.DropTable(
                name: "make_ups");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "six_musts");

            migrationBuilder.DropTable(
                name: "study_notes");

            migrationBuilder.DropTable(
                name: "activity_days");
        }
    }
}
