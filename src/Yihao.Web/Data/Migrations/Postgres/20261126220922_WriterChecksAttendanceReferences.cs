using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The check-in writer checks attendance's references in its own insert (a lookup of the member and the day for each row,
    /// under the references' lock, shared, taken before the insert as the triggers take it), and says so for its transaction
    /// alone with a transaction-local setting. The insert trigger then stands aside: its function call, its query's start and
    /// end and its settings' save and restore for every batch were a tenth of the writer's backend, on top of the lookups.
    /// Any other statement, and the writer's own on another transaction, is checked by the trigger as before.
    /// </summary>
    public partial class WriterChecksAttendanceReferences : Migration
    {
        const string Trigger = "CREATE TRIGGER attendances_references_on_insert AFTER INSERT ON attendances REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT ";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER attendances_references_on_insert ON attendances;");
            migrationBuilder.Sql(Trigger + "WHEN (current_setting('yihao.attendance_references_checked', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION attendances_references_exist();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER attendances_references_on_insert ON attendances;");
            migrationBuilder.Sql(Trigger + "EXECUTE FUNCTION attendances_references_exist();");
        }
    }
}
