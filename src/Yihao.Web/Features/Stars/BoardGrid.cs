using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// The real-time chart (党员考核管理实时图): the chosen month's board, members × the twelve months up to it in coloured stars,
/// and the branch's attendance rate per month (the chosen month's live while its day is under way). Shared by the board
/// page and the meeting-room display.
/// </summary>
public sealed record BoardGrid(Org Branch, DateOnly Month, StarsView View, IReadOnlyList<DateOnly> Months,
    IReadOnlyDictionary<(int Member, DateOnly Month), StarColor> Stars, IReadOnlyDictionary<DateOnly, double> Rates)
{
    public static async Task<BoardGrid> LoadAsync(YihaoDb db, TimeProvider clock, Org branch, DateOnly month,
        CancellationToken ct = default)
    {
        var view = await Boards.ShowAsync(db, clock, branch, month, ct);
        var months = Enumerable.Range(0, 12).Select(i => month.AddMonths(i - 11)).ToList();
        var from = months[0];
        var boards = await db.StarBoards.AsNoTracking().Include(b => b.Stars)
            .Where(b => b.OrgId == branch.Id && b.Month >= from && b.Month <= month).ToListAsync(ct);
        var stars = boards.SelectMany(b => b.Stars.Select(s => (Key: (s.MemberId, b.Month), s.Star)))
            .ToDictionary(x => x.Key, x => x.Star);
        foreach (var item in view.Items) stars[(item.MemberId, month)] = Enum.Parse<StarColor>(item.Star, true);
        var days = await db.ActivityDays.AsNoTracking()
            .Where(d => d.OrgId == branch.Id && d.Month >= from && d.Month <= month).ToListAsync(ct);
        var closed = await AttendanceStats.ClosedRatesAsync(db, days, ct);
        var rates = days.Where(d => closed.ContainsKey(d.Id)).ToDictionary(d => d.Month, d => closed[d.Id]);
        if (days.FirstOrDefault(d => d.Month == month) is { State: ActivityState.Approved } running)
            rates[month] = (await AttendanceStats.ForAsync(db, branch, running.Month, ct)).Rate;
        return new BoardGrid(branch, month, view, months, stars, rates);
    }

    /// <summary>The month a board opens on: the month before, which is the one being rated, unless one is asked
    /// for.</summary>
    public static DateOnly MonthOf(string? asked, TimeProvider clock) =>
        Plans.ParseMonth(asked) ?? new DateOnly(DistrictTime.Today(clock).Year, DistrictTime.Today(clock).Month, 1)
            .AddMonths(-1);
}
