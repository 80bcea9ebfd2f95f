using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yihao.Web.Data;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Attendance's references to its member and day, checked once per statement instead of once per row. A foreign key
    /// checks each new row with a query that locks the member's row (a write to the member's page and to the log): at
    /// the morning's scans that was a third of the check-in writer's backend, and without it the morning ran a fifth
    /// faster. Triggers keep the references: a statement that writes an attendance of a member or day that does not
    /// exist fails (SQLSTATE 23503, as a foreign key's), and a member or day with attendance cannot be deleted nor its
    /// id changed.
    /// <para>
    /// An advisory lock orders a racing insert and delete: writers of attendance share it until they commit, a delete
    /// takes it alone before it touches a row and then looks, and under READ COMMITTED each look sees what committed
    /// before it. An older snapshot cannot, so a writer in REPEATABLE READ or SERIALIZABLE locks the referenced rows as
    /// a foreign key does (a delete committed since its snapshot is then a serialization failure), and a delete in
    /// either is refused. The lock is one for all: a delete waits for every open writer of attendance and holds them
    /// while it commits (the application deletes neither members nor days). TRUNCATE ... CASCADE of members or days no
    /// longer reaches attendance. SQLite keeps its foreign keys.
    /// </para>
    /// <para>
    /// The check's joins are index lookups whatever the statement's size: plpgsql keeps the plan it made for the
    /// session's first statement, and a hash join planned for a large one read every member for each later batch of
    /// thirty.
    /// </para>
    /// <para>
    /// The check-in writer checks the references in its own insert (a lookup of the member and the day for each row,
    /// under the same lock, shared, taken before the insert) and says so for its transaction alone with a
    /// transaction-local setting, yihao.attendance_references_checked; the insert trigger then stands aside. Its
    /// function call, its query's start and end and its settings' save and restore for every batch were a tenth of the
    /// writer's backend. Any other statement, and the writer's own on another transaction, is checked by the trigger.
    /// </para>
    /// </summary>
    [DbContext(typeof(PostgresYihaoDb))]
    [Migration("20261206204701_AttendanceReferencesByTriggers")]
    public partial class AttendanceReferencesByTriggers : Migration
    {
        const string OnRows = " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT ";
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(name: "fk_attendances_activity_days_activity_day_id", table: "attendances");
            migrationBuilder.DropForeignKey(name: "fk_attendances_members_member_id", table: "attendances");
            migrationBuilder.Sql("""
                CREATE FUNCTION attendances_references_exist() RETURNS trigger LANGUAGE plpgsql
                SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
                DECLARE missing record;
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(1105);
                    IF current_setting('transaction_isolation') NOT IN ('read committed', 'read uncommitted') THEN
                        PERFORM 1 FROM members m JOIN (SELECT DISTINCT member_id FROM new_rows) n ON m.id = n.member_id
                            FOR KEY SHARE OF m;
                        PERFORM 1 FROM activity_days d JOIN (SELECT DISTINCT activity_day_id FROM new_rows) n
                            ON d.id = n.activity_day_id FOR KEY SHARE OF d;
                    END IF;
                    SELECT n.member_id, n.activity_day_id INTO missing FROM new_rows n
                    LEFT JOIN members m ON m.id = n.member_id
                    LEFT JOIN activity_days d ON d.id = n.activity_day_id
                    WHERE m.id IS NULL OR d.id IS NULL
                    LIMIT 1;
                    IF FOUND THEN
                        RAISE foreign_key_violation USING
                            MESSAGE = 'insert or update on table "attendances" refers to a member or an activity day '
                                || 'that does not exist',
                            DETAIL = format('Key (member_id, activity_day_id)=(%s, %s) is not present.',
                                missing.member_id, missing.activity_day_id),
                            TABLE = 'attendances';
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql(
                "CREATE TRIGGER attendances_references_on_insert AFTER INSERT ON attendances" + OnRows +
                "WHEN (current_setting('yihao.attendance_references_checked', true) IS DISTINCT FROM 'on') " +
                "EXECUTE FUNCTION attendances_references_exist();");
            migrationBuilder.Sql(
                "CREATE TRIGGER attendances_references_on_update AFTER UPDATE ON attendances" + OnRows +
                "EXECUTE FUNCTION attendances_references_exist();");
            migrationBuilder.Sql("""
                CREATE FUNCTION attendances_lock_out_writers() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('transaction_isolation') NOT IN ('read committed', 'read uncommitted') THEN
                        RAISE feature_not_supported USING
                            MESSAGE = format('%s %s under READ COMMITTED only: an older snapshot cannot see attendance '
                                || 'committed since', lower(TG_OP), TG_TABLE_NAME);
                    END IF;
                    PERFORM pg_advisory_xact_lock(1105);
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION attendances_restrict_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NEW; END IF;
                    IF (CASE TG_TABLE_NAME
                        WHEN 'members' THEN EXISTS (SELECT 1 FROM attendances WHERE member_id = OLD.id)
                        ELSE EXISTS (SELECT 1 FROM attendances WHERE activity_day_id = OLD.id) END) THEN
                        RAISE foreign_key_violation USING
                            MESSAGE = format('%s %s has attendance and cannot be %s', TG_TABLE_NAME, OLD.id,
                                CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'renumbered' END),
                            TABLE = TG_TABLE_NAME;
                    END IF;
                    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                """);
            foreach (var table in new[] { "members", "activity_days" })
            {
                // The lock before the statement touches a row: a writer of attendance that holds it shared may still
                // update the row (the check-in writer marks the day), and a delete that locked the row first and then
                // waited would deadlock with it.
                migrationBuilder.Sql($"CREATE TRIGGER {table}_attendance_lock BEFORE DELETE OR UPDATE OF id ON {table}" +
                    " FOR EACH STATEMENT EXECUTE FUNCTION attendances_lock_out_writers();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_attendance_restrict BEFORE DELETE OR UPDATE OF id ON {table}" +
                    " FOR EACH ROW EXECUTE FUNCTION attendances_restrict_delete();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "members", "activity_days" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_attendance_restrict ON {table};");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_attendance_lock ON {table};");
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS attendances_restrict_delete();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS attendances_lock_out_writers();");
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
