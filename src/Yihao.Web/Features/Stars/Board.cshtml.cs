using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// A branch's star board (党员考核管理实时图): members × the year's months, and the chosen month's stars with their reasons and
/// the steps propose → confirm → publish. Printable on A4 as the poster posted in the meeting room.
/// </summary>
public sealed class BoardModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int BranchId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public int MemberId { get; set; }
    [BindProperty] public string? Star { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public Org? Branch => Grid?.Branch;
    public DateOnly Chosen { get; private set; }
    public BoardGrid? Grid { get; private set; }
    public StarsView? View => Grid?.View;

    /// <summary>Whether the month's stars are computed (a board is stored); before that the page shows what the rules
    /// say now.</summary>
    public bool Stored { get; private set; }
    public List<DisplayLinkView> Links { get; private set; } = [];
    public string? NewLink { get; private set; }

    /// <summary>The new link as a QR code (a data: address), for the meeting room's screen to be opened by a
    /// phone or a smart TV's camera.</summary>
    public string? NewLinkQr => NewLink is null ? null : DisplayLinks.QrDataUrl(NewLink);
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostProposeAsync() => ActAsync(async () => await Said(
        Boards.ProposeAsync(Me, Db, clock, BranchId, Chosen), r => L.T(
            "Stars computed for {0} members: {1} red, {2} yellow, {3} blue. Check them, then confirm for the branch.",
            r.Board.Items.Count, r.Board.Items.Count(i => i.Star == "red"),
                r.Board.Items.Count(i => i.Star == "yellow"),
            r.Board.Items.Count(i => i.Star == "blue"))));

    public Task<IActionResult> OnPostConfirmAsync() => ActAsync(async () => await Said(
        Boards.ConfirmAsync(Me, Db, clock, BranchId, Chosen),
        _ => L.T("Confirmed for the branch. Next: publish the board.")));

    public Task<IActionResult> OnPostPublishAsync() => ActAsync(async () => await Said(
        Boards.PublishAsync(Me, Db, clock, BranchId, Chosen), v => L.T("Published; objections until {0}.",
            v.PublishedUntil is { } until ? DistrictTime.Local(until).ToString("MM-dd HH:mm") : "")));

    /// <summary>A step's outcome as the page says it: the problem, or what was done and what follows.</summary>
    static async Task<(string? Problem, string? Said)> Said<T>(Task<Outcome<T>> outcome, Func<T, string> said)
    {
        var o = await outcome;
        return o.IsOk ? (null, said(o.Value!)) : (string.Join(" ", o.Messages().Select(m => m.Message)), null);
    }

    public Task<IActionResult> OnPostOverrideAsync() =>
        ActAsync(async () =>
        await ProblemOf(
            Boards.OverrideAsync(Me, Db, clock, BranchId,
            new OverrideRequest(Chosen.ToString("yyyy-MM"), MemberId, Star, Reason))));

    public Task<IActionResult> OnPostObjectAsync() =>
        ActAsync(async () =>
        await ProblemOf(
            Boards.ObjectAsync(Me, Db, clock, BranchId, new ObjectionRequest(Chosen.ToString("yyyy-MM"), Reason))));

    static async Task<(string? Problem, string? Said)> ProblemOf<T>(Task<Outcome<T>> outcome)
    {
        var o = await outcome;
        return (o.IsOk ? null : string.Join(" ", o.Messages().Select(m => m.Message)), null);
    }

    async Task<IActionResult> ActAsync(Func<Task<(string? Problem, string? Said)>> act)
    {
        if (!await LoadAsync()) return NotFound();
        (Problem, var said) = await act();
        if (Problem is not null) return Page(); // a refused step changed nothing: the page as loaded stands
        Flash = said ?? L.T("Saved.");
        return Redirect($"/Stars/{BranchId}?month={Chosen:yyyy-MM}");
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var outcome = await DisplayLinks.CreateAsync(Me, Db, clock, BranchId);
        if (outcome.IsOk) NewLink = DisplayLinks.Url(Request, outcome.Value!);
        else Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        Links = await DisplayLinks.ListAsync(Db, BranchId);
        return Page();
    }

    public Task<IActionResult> OnPostRevokeAsync(int linkId) =>
        ActAsync(async () => await ProblemOf(DisplayLinks.RevokeAsync(Me, Db, clock, BranchId, linkId)));

    async Task<bool> LoadAsync()
    {
        var branch = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == BranchId);
        if (branch is not { IsBranch: true }) return false;
        Chosen = BoardGrid.MonthOf(Month, clock);
        Stored = await Db.StarBoards.AnyAsync(b => b.OrgId == branch.Id && b.Month == Chosen);
        Grid = await BoardGrid.LoadAsync(Db, clock, branch, Chosen);
        if (Boards.MayRate(Me)) Links = await DisplayLinks.ListAsync(Db, BranchId);
        return true;
    }
}
