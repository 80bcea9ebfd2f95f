using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yihao.Web.Data;

#nullable disable

namespace Yihao.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The audit log is append-only, enforced by the database as well as the application: an update or a delete of an
    /// entry fails whoever sends it, a hand-typed statement in psql included.
    /// </summary>
    [DbContext(typeof(PostgresYihaoDb))]
    [Migration("20261206204700_AuditLogAppendOnly")]
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS " +
                "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries " +
                "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
        }
    }
}
