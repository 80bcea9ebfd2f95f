using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>Everything the day left behind (档案): plan, attendance, leave, make-ups, the six musts and minutes, study
/// notes, the month's thought reports, photos.</summary>
public sealed record ArchiveData(
    ActivityDay Day, string BranchName, AttendanceSheet Sheet, IReadOnlyList<(LeaveRequest Leave, string Name)> Leaves,
    IReadOnlyList<MakeUpView> MakeUps, SixMustsView SixMusts, IReadOnlyList<(StudyNote Note, string Name)> Notes,
        IReadOnlyList<ArchivePhoto> Photos,
    IReadOnlyList<Me.ThoughtReportView> Reports, DayCompliance Compliance)
{
    public static async Task<ArchiveData?> LoadAsync(
        Scope scope, YihaoDb db, TimeProvider clock, ActivityPolicy policy, int dayId, CancellationToken ct = default)
    {
        var day = await Plans.FindAsync(scope, db, dayId, ct);
        if (day is null || scope.IsMember) return null;
        var branch = await db.Orgs.Where(o => o.Id == day.OrgId).Select(o => o.Name).FirstAsync(ct);
        var today = DistrictTime.Today(clock);
        var leaves = await db.LeaveRequests.AsNoTracking().Where(l => l.ActivityDayId == dayId)
            .Join(db.Members, l => l.MemberId, m => m.Id, (l, m) => new { l, m.Name }).ToListAsync(ct);
        var makeUps = await db.MakeUps.AsNoTracking().Where(m => m.ActivityDayId == dayId)
            .Join(db.Members, m => m.MemberId, x => x.Id, (m, x) => new { m, x.Name }).ToListAsync(ct);
        var notes = await db.StudyNotes.AsNoTracking().Where(n => n.ActivityDayId == dayId)
            .Join(db.Members, n => n.MemberId, m => m.Id, (n, m) => new { n, m.Name }).ToListAsync(ct);
        var photos = await ArchivePhoto.ForDayAsync(scope, db, day, ct);
        var musts = SixMustsView.Of(
            await db.SixMusts.AsNoTracking().FirstOrDefaultAsync(s => s.ActivityDayId == dayId, ct));
        var photoCount = await db.DayPhotos.CountAsync(p => p.ActivityDayId == dayId, ct);
        var compliance = DayCompliance.Of(day, musts, photoCount, policy.PhotoRequired, clock.GetUtcNow().UtcDateTime);
        return new ArchiveData(day, branch, await CheckIns.SheetAsync(db, day, ct),
            leaves.Select(x => (x.l, x.Name)).ToList(),
            makeUps.Select(r =>
                new MakeUpView(r.m.MemberId, r.Name, r.m.DueOn, r.m.DoneOn, r.m.What, r.m.IsOverdue(today))).ToList(),
            musts, notes.Select(x => (x.n, x.Name)).ToList(), photos,
            await Me.ThoughtReports.ForBranchAsync(db, day.OrgId, day.Month, ct), compliance);
    }

    static string Status(string? s) => s is null ? "—" : L.Of(Enum.Parse<AttendanceStatus>(s, true));

    static string Yes(bool b) => b ? "✓" : "✗";

    /// <summary>When the member took part; none for an absence, excused or not (closing the day stamps those with
    /// its own time, which is not when anyone came).</summary>
    public static DateTime? TimeOf(AttendanceRow r) =>
        r.Status is "excused" or "unexcused" ? null : r.At;

    /// <summary>The archive as a workbook, one sheet per record, headers in the user's language.</summary>
    public byte[] ToXlsx()
    {
        var d = Day;
        var sheets = new Dictionary<string, object>
        {
            [L.T("Overview")] = new[]
            {
                Row(L.T("Branch"), BranchName), Row(L.T("Month"), d.Month.ToString("yyyy-MM")),
                Row(L.T("Starts"), DistrictTime.Local(d.StartsAt).ToString("yyyy-MM-dd HH:mm")),
                    Row(L.T("Ends"), DistrictTime.Local(d.EndsAt).ToString("yyyy-MM-dd HH:mm")),
                Row(L.T("Place"), d.Place), Row(L.T("Liaison leader"), d.LiaisonLeader ?? ""),
                    Row(L.T("State"), L.State(d.State)),
                Row(L.T("Expected"), Sheet.Expected.ToString()), Row(L.T("Present"), Sheet.Present.ToString()),
                Row(L.T("Attendance rate"),
                    Sheet.Expected == 0 ? "" : ((double)(Sheet.Present + Sheet.Online + Sheet.AtDoor) / Sheet.Expected)
                    .ToString("P1")),
                Row(L.T("Six musts"),
                    Compliance.MissingText is { } gaps ? $"{Compliance.Label}（{gaps}）" : Compliance.Label),
            }.Concat(d.Agenda.OrderBy(a => a.Position)
                .Select(a => Row(L.T("Agenda") + " · " + L.Of(a.Category), a.Title))).ToList(),
            [L.T("Attendance")] = Sheet.Items.Select(r => new Dictionary<string, object?>
            {
                [L.T("Member name")] = r.Name,
                [L.T("Status")] = Status(r.Status),
                [L.T("Time")] = TimeOf(r) is { } at ? DistrictTime.Local(at).ToString("yyyy-MM-dd HH:mm") : "",
                [L.T("Note")] = r.Reason ?? "",
            }).ToList(),
            [L.T("Leave requests")] =
                Leaves.Select(x => new Dictionary<string,
                object?>
                {
                    [L.T("Member name")] = x.Name,
                    [L.T("Reason")] = x.Leave.Reason,
                    [L.T("Decision")] = L.Of(x.Leave.Decision)
                }).ToList(),
            [L.T("Make-ups")] = MakeUps.Select(m => new Dictionary<string, object?>
            {
                [L.T("Member name")] = m.Name,
                [L.T("Due")] = m.DueOn.ToString("yyyy-MM-dd"),
                [L.T("Done")] = m.DoneOn?.ToString("yyyy-MM-dd") ?? "",
                [L.T("What was studied")] = m.What ?? "",
                [L.T("Overdue")] = m.Overdue ? "✓" : "",
            }).ToList(),
            [L.T("Six musts")] = new[]
            {
                Row(L.T("Party badges worn"), Yes(SixMusts.BadgesWorn)),
                    Row(L.T("Theory study held"), Yes(SixMusts.TheoryStudyHeld)),
                Row(L.T("Dues collected"), Yes(SixMusts.DuesCollected)),
                    Row(L.T("Liaison leader present"), Yes(SixMusts.LiaisonLeaderPresent)),
                Row(L.T("Stars posted publicly"), Yes(SixMusts.StarsPosted)),
                    Row(L.T("Oath renewed"), Yes(SixMusts.OathRenewed)),
                Row(L.T("Minutes"), SixMusts.Minutes ?? ""),
            }.ToList(),
            [L.T("Study notes")] =
                Notes.Select(x => new Dictionary<string,
                object?>
                { [L.T("Member name")] = x.Name, [L.T("Study note")] = x.Note.Text }).ToList(),
            [L.T("Thought reports")] =
                Reports.Select(x => new Dictionary<string,
                object?>
                { [L.T("Member name")] = x.Name, [L.T("Thought report")] = x.Text }).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    static Dictionary<string,
        object?> Row(string item, string value) => new() { [L.T("Item")] = item, [L.T("Value")] = value };
}

/// <summary>
/// A photo in the archive, with the other days that used the same file (重复使用的照片): those in the viewer's scope by name,
/// the others only as a count, so that supervision sees a reuse without a branch learning of another's days.
/// </summary>
public sealed record ArchivePhoto(int Id, string? Caption, IReadOnlyList<PhotoUse> AlsoUsedOn, int AlsoUsedElsewhere)
{
    public bool Reused => AlsoUsedOn.Count > 0 || AlsoUsedElsewhere > 0;

    public static async Task<List<ArchivePhoto>> ForDayAsync(Scope scope, YihaoDb db, ActivityDay day,
        CancellationToken ct)
    {
        var photos = await db.DayPhotos.AsNoTracking().Where(p => p.ActivityDayId == day.Id).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Caption, p.Hash }).ToListAsync(ct);
        if (photos.Count == 0) return [];
        var hashes = photos.Select(p => p.Hash).Distinct().ToList();
        var others = await db.DayPhotos.AsNoTracking()
            .Where(p => p.DistrictId == day.DistrictId && hashes.Contains(p.Hash) && p.ActivityDayId != day.Id)
            .Select(p => new { p.Hash, p.ActivityDayId }).ToListAsync(ct);
        var otherDays = others.Select(o => o.ActivityDayId).Distinct().ToList();
        var seen = otherDays.Count == 0 ? [] : await Plans.Visible(scope, db.ActivityDays, db)
            .Where(d => otherDays.Contains(d.Id))
            .Join(db.Orgs, d => d.OrgId, o => o.Id, (d, o) => new PhotoUse(d.Id, d.Month, o.Name))
            .ToDictionaryAsync(u => u.ActivityDayId, ct);
        return [.. photos.Select(p =>
        {
            var uses = others.Where(o => o.Hash == p.Hash).Select(o => o.ActivityDayId).Distinct().ToList();
            var named = uses.Where(seen.ContainsKey).Select(d => seen[d]).OrderBy(u => u.Month)
                .ThenBy(u => u.ActivityDayId);
            return new ArchivePhoto(p.Id, p.Caption, [.. named], uses.Count(d => !seen.ContainsKey(d)));
        })];
    }
}
