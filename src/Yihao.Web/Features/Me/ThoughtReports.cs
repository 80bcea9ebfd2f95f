using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Me;

public sealed record ThoughtReportBody(string? Text);

public sealed record ThoughtReportView(int Id, int MemberId, string Name, string Month, string Text,
    DateTimeOffset SubmittedAt);

/// <summary>Thought reports (思想汇报): a member writes one a month; it belongs to the branch they are in when writing, and
/// to its day's archive.</summary>
public static class ThoughtReports
{
    public static async Task<Outcome<ThoughtReport>> SubmitAsync(Scope scope, YihaoDb db, TimeProvider clock,
        ThoughtReportBody r, CancellationToken ct = default)
    {
        if (scope.MemberId is not { } me) return Fail.Forbidden;
        var text = r.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return Fail.Invalid("text", "Write the report.");
        if (text.Length > ThoughtReport.MaxLength) return Fail.Invalid("text", "The text is too long.");
        var member = await db.Members.AsNoTracking().FirstAsync(m => m.Id == me, ct);
        var today = DistrictTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1);
        var report = await db.ThoughtReports.FirstOrDefaultAsync(t => t.MemberId == me && t.Month == month, ct);
        if (report is null) db.ThoughtReports.Add(report =
            new ThoughtReport { DistrictId = member.DistrictId, MemberId = me, Month = month });
        (report.OrgId, report.Text, report.SubmittedAt) = (member.OrgId, text, clock.GetUtcNow().UtcDateTime);
        return await Retry.SaveAsync(db, ct) is { } fail ? fail : report;
    }

    /// <summary>A branch's reports for a month, for its secretary and the day's archive.</summary>
    public static async Task<List<ThoughtReportView>> ForBranchAsync(YihaoDb db, int branchId, DateOnly month,
        CancellationToken ct = default) =>
        (await db.ThoughtReports.AsNoTracking().Where(t => t.OrgId == branchId && t.Month == month)
            .Join(db.Members, t => t.MemberId, m => m.Id, (t, m) => new { t, m.Name }).OrderBy(x => x.Name)
                .ToListAsync(ct))
        .Select(x => View(x.t, x.Name)).ToList();

    public static async Task<List<ThoughtReportView>> MineAsync(YihaoDb db, int memberId,
        CancellationToken ct = default) =>
        (await db.ThoughtReports.AsNoTracking().Where(t => t.MemberId == memberId).OrderByDescending(t => t.Month)
            .Join(db.Members, t => t.MemberId, m => m.Id, (t, m) => new { t, m.Name }).Take(24).ToListAsync(ct))
        .Select(x => View(x.t, x.Name)).ToList();

    public static ThoughtReportView View(ThoughtReport t, string name) =>
        new(t.Id, t.MemberId, name, t.Month.ToString("yyyy-MM"), t.Text,
            ActivityDays.ActivityDayView.Local(t.SubmittedAt));
}
