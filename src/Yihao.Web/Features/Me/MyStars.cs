using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Me;

/// <summary>
/// One month of my star (我的星级): its colour, the board's state (proposed, confirmed, published, final) and the
/// reasons the rules or the secretary gave. <c>Live</c> when the month has no board yet and the star is what the rules
/// say from today's records, so it may still change.
/// </summary>
public sealed record MyStar(string Month, string Star, string State, IReadOnlyList<string> Reasons, bool Live);

/// <summary>A member's own stars: the twelve months up to this one, newest first, from whichever branch
/// rated them (a member who moved keeps the old branch's months).</summary>
public static class MyStars
{
    public static async Task<List<MyStar>> LoadAsync(YihaoDb db, TimeProvider clock, int memberId,
        CancellationToken ct = default)
    {
        var branch = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Org!)
            .FirstAsync(ct);
        var today = DistrictTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = thisMonth.AddMonths(-11);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.StarBoards.AsNoTracking()
            .Where(b => b.Month >= from && b.Month <= thisMonth)
            .Join(db.MemberStars.Where(s => s.MemberId == memberId), b => b.Id, s => s.BoardId,
                (b, s) => new { Board = b, Star = s })
            .ToListAsync(ct);
        var stars = stored.Select(x => new MyStar(x.Board.Month.ToString("yyyy-MM"), Words.Camel(x.Star.Star),
            Words.Camel(x.Board.StateAt(now)), Boards.ReasonsOf(x.Star), Live: false)).ToList();
        // This month and the last, when the branch's day is over and nothing is computed yet: what the rules say now.
        var lastMonth = thisMonth.AddMonths(-1);
        var unrated = await db.ActivityDays.AsNoTracking()
            .Where(d => d.OrgId == branch.Id && d.State == ActivityState.Closed
                && (d.Month == thisMonth || d.Month == lastMonth)
                && !db.StarBoards.Any(b => b.OrgId == branch.Id && b.Month == d.Month))
            .Select(d => d.Month).ToListAsync(ct);
        foreach (var month in unrated)
        {
            var live = await Boards.ShowAsync(db, clock, branch, month, ct);
            if (live.Items.FirstOrDefault(i => i.MemberId == memberId) is { } mine)
                stars.Add(new MyStar(live.Month, mine.Star, live.State, mine.Reasons, Live: true));
        }
        return [.. stars.OrderByDescending(s => s.Month, StringComparer.Ordinal)];
    }

    /// <summary>What the board's state means for the member: whether the star may still change and what they can
    /// do.</summary>
    public static string Meaning(MyStar s) => s.State switch
    {
        _ when s.Live => L.T("From the records so far; the secretary has not computed this month yet."),
        "proposed" => L.T("Proposed by the secretary; it may still change before the branch confirms it."),
        "confirmed" => L.T("Confirmed by the branch; it will be posted for everyone to see."),
        "published" => L.T("Posted for public view: if you disagree, object on the star board before the deadline."),
        _ => L.T("Final."),
    };
}
