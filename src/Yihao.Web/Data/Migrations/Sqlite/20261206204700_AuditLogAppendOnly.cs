using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yihao.Web.Data;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The audit log is append-only, enforced by the database as well as the application: an update or a delete of an
    /// entry fails whoever sends it, a hand-typed statement in a database shell included.
    /// </summary>
    [DbContext(typeof(SqliteYihaoDb))]
    [Migration("20261206204700_AuditLogAppendOnly")]
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, op) in new[] { ("no_update", "UPDATE"), ("no_delete", "DELETE") })
            {
                migrationBuilder.Sql($"CREATE TRIGGER audit_entries_{name} BEFORE {op} ON audit_entries " +
                    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
        }
    }
}
