using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Yihao.Web.Data;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Study notes by their length: the copied-text anomaly (docs/supervision.md) reads only the notes over the
    /// policy's length, and most notes are a line or two. EF's model has no index on an expression, so it is written
    /// here; the query's `length(text)` is the index's.
    /// </summary>
    [DbContext(typeof(SqliteYihaoDb))]
    [Migration("20261207210000_StudyNoteTextLength")]
    public partial class StudyNoteTextLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE INDEX ix_study_notes_district_id_text_length ON study_notes (district_id, length(text));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_study_notes_district_id_text_length;");
        }
    }
}
