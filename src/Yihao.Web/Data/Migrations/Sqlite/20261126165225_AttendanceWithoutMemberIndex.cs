using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yihao.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Attendance loses its index by member alone. At the morning's scans, members of a thousand branches in one group commit,
    /// each new row wrote a page of it picked at random: on SQLite a third more pages for each commit to write and sync, and
    /// the burst ran a fifth faster without it. A member's own history is read through the days of the branches the member
    /// has been in, by the member-and-day key; absences by member keep their partial index. Deleting a member (which the
    /// application never does) now reads all of attendance to refuse it when the member has any.
    /// </summary>
    public partial class AttendanceWithoutMemberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attendances_member_id",
                table: "attendances");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_attendances_member_id",
                table: "attendances",
                column: "member_id");
        }
    }
}
