using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true),
                    prev_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orgs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    depth = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orgs", x => x.id);
                    table.ForeignKey(
                        name: "fk_orgs_orgs_parent_id",
                        column: x => x.parent_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "star_policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    document = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_star_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stored_files",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    first_uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    first_uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    original_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stored_files", x => new { x.district_id, x.hash });
                });

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    subject_id = table.Column<int>(type: "integer", nullable: false),
                    rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    level = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warnings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activity_days",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    liaison_leader = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    study_material = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    review_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    liaison_checked_in_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    liaison_checked_in_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    code_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "call_outs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    what = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    needed = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    request_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_by_user_id = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "display_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: true),
                    inspector_user_id = table.Column<int>(type: "integer", nullable: false),
                    inspector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    checklist = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    gender = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    phone = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    monthly_dues = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    participation = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    mobile_where = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sample_draws",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: true),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    algorithm = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    candidates = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    inputs = table.Column<string>(type: "character varying(4000000)", maxLength: 4000000, nullable: false),
                    picked = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    drawn_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    drawn_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "star_boards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    policy_version_id = table.Column<int>(type: "integer", nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    confirmed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    published_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_star_boards", x => x.id);
                    table.ForeignKey(
                        name: "fk_star_boards_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_star_boards_star_policies_policy_version_id",
                        column: x => x.policy_version_id,
                        principalTable: "star_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    warning_id = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    who = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    what = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_ups_warnings_warning_id",
                        column: x => x.warning_id,
                        principalTable: "warnings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
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
                name: "day_photos",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    caption = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                    table.ForeignKey(
                        name: "fk_day_photos_stored_files_district_id_hash",
                        columns: x => new { x.district_id, x.hash },
                        principalTable: "stored_files",
                        principalColumns: new[] { "district_id", "hash" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "six_musts",
                columns: table => new
                {
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    badges_worn = table.Column<bool>(type: "boolean", nullable: false),
                    theory_study_held = table.Column<bool>(type: "boolean", nullable: false),
                    dues_collected = table.Column<bool>(type: "boolean", nullable: false),
                    liaison_leader_present = table.Column<bool>(type: "boolean", nullable: false),
                    stars_posted = table.Column<bool>(type: "boolean", nullable: false),
                    oath_renewed = table.Column<bool>(type: "boolean", nullable: false),
                    minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "findings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    inspection_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    attendance_id = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "problem_lists",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    inspection_id = table.Column<int>(type: "integer", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "aids",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    given_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "attendances",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    device = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    what = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    for_whom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    confirmed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    made_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    made_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "deliberation_topics",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    agenda_item_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raised = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    conclusion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decision = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    owner_member_id = table.Column<int>(type: "integer", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    drop_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    raised_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "leave_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: true),
                    what = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                name: "member_months",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_months", x => x.id);
                    table.ForeignKey(
                        name: "fk_member_months_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "phone_calls",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    inspection_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    attendance_id = table.Column<int>(type: "integer", nullable: true),
                    reached = table.Column<bool>(type: "boolean", nullable: false),
                    says = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    recorded = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    agrees = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    finding_id = table.Column<int>(type: "integer", nullable: true),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "service_pairings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    household = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    household_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "study_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    activity_day_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "thought_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    from_org_id = table.Column<int>(type: "integer", nullable: true),
                    to_org_id = table.Column<int>(type: "integer", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfers", x => x.id);
                    table.ForeignKey(
                        name: "fk_transfers_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfers_orgs_from_org_id",
                        column: x => x.from_org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfers_orgs_to_org_id",
                        column: x => x.to_org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: true),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    must_change_password = table.Column<bool>(type: "boolean", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_users_orgs_org_id",
                        column: x => x.org_id,
                        principalTable: "orgs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "member_stars",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    board_id = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    proposed = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    @override = table.Column<string>(name: "override", type: "character varying(24)", maxLength: 24, nullable: true),
                    override_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    overridden_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_stars", x => x.id);
                    table.ForeignKey(
                        name: "fk_member_stars_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_member_stars_star_boards_board_id",
                        column: x => x.board_id,
                        principalTable: "star_boards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "star_objections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    board_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_star_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_star_objections_star_boards_board_id",
                        column: x => x.board_id,
                        principalTable: "star_boards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    list_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    finding_id = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    severity = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    accepted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "commitment_fulfilments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    commitment_id = table.Column<int>(type: "integer", nullable: false),
                    evidence = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    fulfilled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed = table.Column<bool>(type: "boolean", nullable: true),
                    comment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    answered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "topic_follow_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    topic_id = table.Column<int>(type: "integer", nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    what = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    by_user_id = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    request_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "service_entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    what = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    for_whom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    for_whom_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    parties = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    dispute_outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    referral = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    answer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    pairing_id = table.Column<int>(type: "integer", nullable: true),
                    send_back_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    request_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_by_user_id = table.Column<int>(type: "integer", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "liaison_assignments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    org_id = table.Column<int>(type: "integer", nullable: false),
                    assigned_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "warning_notices",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    warning_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warning_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_warning_notices_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_warning_notices_warnings_warning_id",
                        column: x => x.warning_id,
                        principalTable: "warnings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "call_out_sign_ups",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    call_out_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    signed_up_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    came = table.Column<bool>(type: "boolean", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    service_entry_id = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                        name: "fk_call_out_sign_ups_service_entries_district_id_service_entry",
                        columns: x => new { x.district_id, x.service_entry_id },
                        principalTable: "service_entries",
                        principalColumns: new[] { "district_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_entry_members",
                columns: table => new
                {
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    entry_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "problem_evidence",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    event_id = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                name: "ix_attendances_member_id_activity_day_id",
                table: "attendances",
                columns: new[] { "member_id", "activity_day_id" },
                filter: "status = 'Unexcused'");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_district_id_entity_entity_id",
                table: "audit_entries",
                columns: new[] { "district_id", "entity", "entity_id" });

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

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_activity_day_id",
                table: "day_photos",
                column: "activity_day_id");

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_district_id_activity_day_id_hash",
                table: "day_photos",
                columns: new[] { "district_id", "activity_day_id", "hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_day_photos_district_id_hash",
                table: "day_photos",
                columns: new[] { "district_id", "hash" });

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
                name: "ix_display_links_org_id",
                table: "display_links",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_display_links_token_hash",
                table: "display_links",
                column: "token_hash",
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

            migrationBuilder.CreateIndex(
                name: "ix_findings_district_id_inspection_id",
                table: "findings",
                columns: new[] { "district_id", "inspection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_warning_id",
                table: "follow_ups",
                column: "warning_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_district_id_org_id_kind_planned_on_inspector_us",
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
                name: "ix_leave_requests_activity_day_id_member_id",
                table: "leave_requests",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_member_id",
                table: "leave_requests",
                column: "member_id");

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
                name: "ix_member_months_district_id_month",
                table: "member_months",
                columns: new[] { "district_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_member_months_member_id_month",
                table: "member_months",
                columns: new[] { "member_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_stars_board_id_member_id",
                table: "member_stars",
                columns: new[] { "board_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_stars_member_id",
                table: "member_stars",
                column: "member_id")
                .Annotation("Npgsql:IndexInclude", new[] { "board_id", "proposed", "override" });

            migrationBuilder.CreateIndex(
                name: "ix_members_district_id_id_number",
                table: "members",
                columns: new[] { "district_id", "id_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_org_id_name",
                table: "members",
                columns: new[] { "org_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_month_rollups_district_id_month",
                table: "month_rollups",
                columns: new[] { "district_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_activity_day_id_member_id",
                table: "notifications",
                columns: new[] { "activity_day_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_member_id_created_at",
                table: "notifications",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orgs_district_id_path",
                table: "orgs",
                columns: new[] { "district_id", "path" });

            migrationBuilder.CreateIndex(
                name: "ix_orgs_parent_id_name",
                table: "orgs",
                columns: new[] { "parent_id", "name" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_star_boards_org_id_month",
                table: "star_boards",
                columns: new[] { "org_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_star_boards_policy_version_id",
                table: "star_boards",
                column: "policy_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_star_objections_board_id_member_id",
                table: "star_objections",
                columns: new[] { "board_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_star_policies_district_id_effective_from",
                table: "star_policies",
                columns: new[] { "district_id", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_study_notes_activity_day_id_member_id",
                table: "study_notes",
                columns: new[] { "activity_day_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_study_notes_member_id",
                table: "study_notes",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_thought_reports_member_id_month",
                table: "thought_reports",
                columns: new[] { "member_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_thought_reports_org_id_month",
                table: "thought_reports",
                columns: new[] { "org_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_topic_follow_ups_district_id_by_user_id_request_key",
                table: "topic_follow_ups",
                columns: new[] { "district_id", "by_user_id", "request_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_topic_follow_ups_district_id_topic_id",
                table: "topic_follow_ups",
                columns: new[] { "district_id", "topic_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transfers_from_org_id",
                table: "transfers",
                column: "from_org_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_member_id_effective_on",
                table: "transfers",
                columns: new[] { "member_id", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_transfers_to_org_id_effective_on",
                table: "transfers",
                columns: new[] { "to_org_id", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_member_id",
                table: "users",
                column: "member_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_org_id",
                table: "users",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_warning_notices_user_id_read_at",
                table: "warning_notices",
                columns: new[] { "user_id", "read_at" });

            migrationBuilder.CreateIndex(
                name: "ix_warning_notices_warning_id_user_id",
                table: "warning_notices",
                columns: new[] { "warning_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_warnings_district_id_status_level",
                table: "warnings",
                columns: new[] { "district_id", "status", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_warnings_org_id",
                table: "warnings",
                column: "org_id");

            migrationBuilder.CreateIndex(
                name: "ix_warnings_subject_kind_subject_id_rule",
                table: "warnings",
                columns: new[] { "subject_kind", "subject_id", "rule" },
                unique: true,
                filter: "status <> 'Resolved'");
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
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "call_out_sign_ups");

            migrationBuilder.DropTable(
                name: "commitment_fulfilments");

            migrationBuilder.DropTable(
                name: "day_photos");

            migrationBuilder.DropTable(
                name: "display_links");

            migrationBuilder.DropTable(
                name: "dues_months");

            migrationBuilder.DropTable(
                name: "dues_standards");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "leave_requests");

            migrationBuilder.DropTable(
                name: "liaison_assignments");

            migrationBuilder.DropTable(
                name: "make_ups");

            migrationBuilder.DropTable(
                name: "member_months");

            migrationBuilder.DropTable(
                name: "member_stars");

            migrationBuilder.DropTable(
                name: "month_rollups");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "phone_calls");

            migrationBuilder.DropTable(
                name: "problem_evidence");

            migrationBuilder.DropTable(
                name: "sample_draws");

            migrationBuilder.DropTable(
                name: "service_entry_members");

            migrationBuilder.DropTable(
                name: "six_musts");

            migrationBuilder.DropTable(
                name: "star_objections");

            migrationBuilder.DropTable(
                name: "study_notes");

            migrationBuilder.DropTable(
                name: "thought_reports");

            migrationBuilder.DropTable(
                name: "topic_follow_ups");

            migrationBuilder.DropTable(
                name: "transfers");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "warning_notices");

            migrationBuilder.DropTable(
                name: "call_outs");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropTable(
                name: "dues_payments");

            migrationBuilder.DropTable(
                name: "problem_events");

            migrationBuilder.DropTable(
                name: "stored_files");

            migrationBuilder.DropTable(
                name: "service_entries");

            migrationBuilder.DropTable(
                name: "star_boards");

            migrationBuilder.DropTable(
                name: "deliberation_topics");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "warnings");

            migrationBuilder.DropTable(
                name: "problem_items");

            migrationBuilder.DropTable(
                name: "service_pairings");

            migrationBuilder.DropTable(
                name: "star_policies");

            migrationBuilder.DropTable(
                name: "activity_days");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "problem_lists");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "orgs");
        }
    }
}
