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
        if (Problem is not null) return Page(); // a refused step changed nothing: the page as loaded stands
        Flash = L.T("Saved.");
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

    public Task<IActionResult> OnPostRevokeAsync(int linkId) => ActAsync(async () => await ProblemOf(DisplayLinks.RevokeAsync(Me, Db, clock, BranchId, linkId)));

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
