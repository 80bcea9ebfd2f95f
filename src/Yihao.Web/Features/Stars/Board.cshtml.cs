using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// A branch's star board (党员考核管理实时图): members × the year's months, and the chosen month's stars with their reasons and the
/// steps propose → confirm → publish. Printable on A4 as the poster posted in the meeting room.
/// </summary>
public sealed class BoardModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int BranchId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public int MemberId { get; set; }
    [BindProperty] public string? Star { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public Org? Branch { get; private set; }
    public DateOnly Chosen { get; private set; }
    public StarsView? View { get; private set; }
    public List<DateOnly> Months { get; private set; } = [];
    public Dictionary<(int Member, DateOnly Month), StarColor> Grid { get; private set; } = [];
    public Dictionary<DateOnly, double> Rates { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostProposeAsync() => ActAsync(async () => await ProblemOf(Boards.ProposeAsync(Me, Db, clock, BranchId, Chosen)));

    public Task<IActionResult> OnPostConfirmAsync() => ActAsync(async () => await ProblemOf(Boards.ConfirmAsync(Me, Db, clock, BranchId, Chosen)));

    public Task<IActionResult> OnPostPublishAsync() => ActAsync(async () => await ProblemOf(Boards.PublishAsync(Me, Db, clock, BranchId, Chosen)));

    public Task<IActionResult> OnPostOverrideAsync() => ActAsync(async () => await ProblemOf(Boards.OverrideAsync(Me, Db, clock, BranchId, new OverrideRequest(Chosen.ToString("yyyy-MM"), MemberId, Star, Reason))));

    public Task<IActionResult> OnPostObjectAsync() => ActAsync(async () => await ProblemOf(Boards.ObjectAsync(Me, Db, clock, BranchId, new ObjectionRequest(Chosen.ToString("yyyy-MM"), Reason))));

    static async Task<string?> ProblemOf<T>(Task<Outcome<T>> outcome)
    {
        var o = await outcome;
        return o.IsOk ? null : string.Join(" ", o.Messages().Select(m => m.Message));
    }

    async Task<IActionResult> ActAsync(Func<Task<string?>> act)
    {
        if (!await LoadAsync()) return NotFound();
        Problem = await act();
        return Problem is null ? Redirect($"/Stars/{BranchId}?month={Chosen:yyyy-MM}") : Page(); // a refused step changed nothing: the page as loaded stands
    }

    async Task<bool> LoadAsync()
    {
        Branch = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == BranchId);
        if (Branch is not { IsBranch: true }) return false;
        var today = DistrictTime.Today(clock);
        Chosen = Plans.ParseMonth(Month) ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var outcome = await Boards.GetAsync(Me, Db, clock, BranchId, Chosen);
        if (!outcome.IsOk) return false;
        var view = View = outcome.Value!;
        Months = Enumerable.Range(0, 12).Select(i => Chosen.AddMonths(i - 11)).ToList();
        var from = Months[0];
        var boards = await Db.StarBoards.AsNoTracking().Include(b => b.Stars).Where(b => b.OrgId == BranchId && b.Month >= from && b.Month <= Chosen).ToListAsync();
        Grid = boards.SelectMany(b => b.Stars.Select(s => (Key: (s.MemberId, b.Month), s.Star))).ToDictionary(x => x.Key, x => x.Star);
        foreach (var item in view.Items) Grid[(item.MemberId, Chosen)] = Enum.Parse<StarColor>(item.Star, true);
        var days = await Db.ActivityDays.AsNoTracking().Where(d => d.OrgId == BranchId && d.Month >= from && d.Month <= Chosen).ToListAsync();
        var rates = await AttendanceStats.ClosedRatesAsync(Db, days);
        Rates = days.Where(d => rates.ContainsKey(d.Id)).ToDictionary(d => d.Month, d => rates[d.Id]);
        // The chosen month's day may be under way: its rate so far, live.
        if (days.FirstOrDefault(d => d.Month == Chosen) is { State: ActivityState.Approved } running)
            Rates[Chosen] = (await AttendanceStats.ForAsync(Db, Branch, running.Month)).Rate;
        return true;
    }
}
