using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Attendance's references to its member and day, checked once per statement instead of once per row. A foreign key checks
    /// each new row with a query that locks the member's row (a write to the member's page and to the log): at the morning's
    /// scans, inserting thousands of attendances a second, that was most of the insert's cost and a fifth of the check-ins'
    /// throughput. The references hold as before: a statement that writes an attendance of a member or day that does not exist
    /// fails (SQLSTATE 23503, as a foreign key's), and a member or day with attendance cannot be deleted. An advisory lock
    /// orders the two: writers of attendance share it until they commit, a delete takes it alone and then looks, so a delete
    /// and an insert racing each other cannot both succeed. SQLite keeps its foreign keys, which cost it little.
    /// </summary>
    public partial class AttendanceReferencesPerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(name: "fk_attendances_activity_days_activity_day_id", table: "attendances");
            migrationBuilder.DropForeignKey(name: "fk_attendances_members_member_id", table: "attendances");
            migrationBuilder.Sql("""
                CREATE FUNCTION attendances_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE missing record;
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(1105);
                    SELECT n.member_id, n.activity_day_id INTO missing FROM new_rows n
                    WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = n.member_id)
                       OR NOT EXISTS (SELECT 1 FROM activity_days d WHERE d.id = n.activity_day_id)
                    LIMIT 1;
                    IF FOUND THEN
                        RAISE foreign_key_violation USING
                            MESSAGE = 'insert or update on table "attendances" refers to a member or an activity day that does not exist',
                            DETAIL = format('Key (member_id, activity_day_id)=(%s, %s) is not present.', missing.member_id, missing.activity_day_id),
                            TABLE = 'attendances';
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER attendances_references_on_insert AFTER INSERT ON attendances REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendances_references_exist();");
            migrationBuilder.Sql("CREATE TRIGGER attendances_references_on_update AFTER UPDATE ON attendances REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendances_references_exist();");
            migrationBuilder.Sql("""
                CREATE FUNCTION attendances_restrict_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NEW; END IF;
                    PERFORM pg_advisory_xact_lock(1105);
                    IF TG_TABLE_NAME = 'members' AND EXISTS (SELECT 1 FROM attendances WHERE member_id = OLD.id)
                       OR TG_TABLE_NAME = 'activity_days' AND EXISTS (SELECT 1 FROM attendances WHERE activity_day_id = OLD.id) THEN
                        RAISE foreign_key_violation USING
                            MESSAGE = format('%s %s has attendance and cannot be deleted', TG_TABLE_NAME, OLD.id),
                            TABLE = TG_TABLE_NAME;
                    END IF;
                    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER members_attendance_restrict BEFORE DELETE OR UPDATE OF id ON members FOR EACH ROW EXECUTE FUNCTION attendances_restrict_delete();");
            migrationBuilder.Sql("CREATE TRIGGER activity_days_attendance_restrict BEFORE DELETE OR UPDATE OF id ON activity_days FOR EACH ROW EXECUTE FUNCTION attendances_restrict_delete();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS activity_days_attendance_restrict ON activity_days;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS members_attendance_restrict ON members;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS attendances_restrict_delete();");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS attendances_references_on_update ON attendances;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS attendances_references_on_insert ON attendances;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS attendances_references_exist();");
            migrationBuilder.AddForeignKey(
                name: "fk_attendances_activity_days_activity_day_id",
                table: "attendances",
                column: "activity_day_id",
                principalTable: "activity_days",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(
                name: "fk_attendances_members_member_id",
                table: "attendances",
                column: "member_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
