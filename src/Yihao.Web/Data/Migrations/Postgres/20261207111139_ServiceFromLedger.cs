using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The free-text service once typed on a member's month goes into the service ledger as confirmed entries marked
    /// as migrated, and the text column goes: the stars read service from the ledger alone.
    /// </summary>
    public partial class ServiceFromLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "migrated",
                table: "service_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Each member's month with a service typed becomes a thing done (为群众办事) of the member's branch, on the
            // month's first day, confirmed, recorded by the secretary who typed it (the branch's first secretary
            // account, or none when the branch has none), and marked as migrated; its key names the month record so
            // that its member row finds it.
            migrationBuilder.Sql("""
                INSERT INTO service_entries (district_id, org_id, kind, state, what, done_on, request_key,
                    recorded_by_user_id, recorded_by, recorded_at, confirmed_by, confirmed_at, migrated)
                SELECT mm.district_id, m.org_id, 'ThingDone', 'Confirmed', TRIM(mm.service), mm.month,
                    'migrated:' || mm.id,
                    COALESCE((SELECT MIN(u.id) FROM users u WHERE u.org_id = m.org_id
                        AND u.role = 'branchSecretary'), 0),
                    COALESCE(mm.recorded_by, ''), mm.updated_at, COALESCE(mm.recorded_by, ''), mm.updated_at, TRUE
                FROM member_months mm JOIN members m ON m.id = mm.member_id
                WHERE mm.service IS NOT NULL AND TRIM(mm.service) <> '';
                """);
            migrationBuilder.Sql("""
                INSERT INTO service_entry_members (district_id, entry_id, member_id)
                SELECT e.district_id, e.id, mm.member_id
                FROM service_entries e JOIN member_months mm ON e.request_key = 'migrated:' || mm.id
                WHERE e.migrated = TRUE;
                """);

            migrationBuilder.DropColumn(
                name: "service",
                table: "member_months");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "migrated",
                table: "service_entries");

            migrationBuilder.AddColumn<string>(
                name: "service",
                table: "member_months",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }
    }
}
