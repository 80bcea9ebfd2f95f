using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Commitments;

/// <summary>One member's row of the year's form: what they promise, for whom, the category (the due date is the
/// form's).</summary>
public sealed record YearRow(int MemberId, string? What, string? ForWhom, string? Category);

/// <summary>承诺榜: a branch's public board of a year, each member's commitments with their state, overdue marked; the
/// secretary makes one on a member's behalf, or the whole branch's year at once. The handlers are the API's.</summary>
public sealed class BoardModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public CommitmentRequest Pledge { get; set; } = new(null, null, null, null, null);
    [BindProperty] public List<YearRow> Rows { get; set; } = [];
    [BindProperty] public string? DueOn { get; set; }
    public CommitmentBoard Board { get; private set; } = null!;

    /// <summary>The branch's members now, for the forms (the secretary's and the admins' only).</summary>
    public List<(int Id, string Name)> Members { get; private set; } = [];
    public bool ActsFor { get; private set; }
    public bool Answers => CommitmentBook.MayConfirm(Me);
    public bool PledgeOpen { get; private set; }
    public bool YearOpen { get; private set; }
    public string Today => DistrictTime.Today(clock).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostOneAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ActsFor || !Members.Any(m => m.Id == Pledge.MemberId))
        {
            ModelState.AddModelError("Pledge.MemberId", L.T("Choose the member who makes the commitment."));
            PledgeOpen = true;
            return Page();
        }
        var made = await CommitmentBook.MakeAsync(Me, Db, clock, Pledge, HttpContext.RequestAborted);
        if (made.Kind == OutcomeKind.NotFound) return NotFound();
        if (made.IsOk)
        {
            var name = Members.First(m => m.Id == Pledge.MemberId).Name;
            Flash = L.T("Commitment made for {0}: it is on the branch's board.", name);
            return Redirect($"/Commitments/Board/{OrgId}?year={made.Value.Commitment.DueOn.Year}");
        }
        ModelState.Clear();
        ShowProblems(made, "Pledge");
        PledgeOpen = true;
        return Page();
    }

    /// <summary>The year's form: the rows with something promised become commitments, all or none.</summary>
    public async Task<IActionResult> OnPostYearAsync()
    {
        if (!await LoadAsync()) return NotFound();
        YearOpen = true;
        if (!ActsFor) return Forbid();
        var filled = Rows.Select((r, i) => (Row: r, Index: i))
            .Where(x => !string.IsNullOrWhiteSpace(x.Row.What) && Members.Any(m => m.Id == x.Row.MemberId)).ToList();
        ModelState.Clear();
        if (filled.Count == 0)
        {
            ModelState.AddModelError("Rows", L.T("Write at least one member's commitment."));
            return Page();
        }
        var request = new CommitmentBatchRequest([.. filled.Select(x =>
            new CommitmentRequest(x.Row.MemberId, x.Row.What, x.Row.ForWhom, DueOn, x.Row.Category))]);
        var made = await CommitmentBook.MakeManyAsync(Me, Db, clock, request, HttpContext.RequestAborted);
        if (made.IsOk)
        {
            Flash = L.T("{0} commitments made: they are on the branch's board.", made.Value!.Count);
            var year = Domain.Words.Date(DueOn)?.Year ?? Board.Year;
            return Redirect($"/Commitments/Board/{OrgId}?year={year}");
        }
        foreach (var (field, message) in made.Messages())
        {
            // rows[2].dueOn → the form's one due date; rows[2].what → the third filled row's field.
            var m = System.Text.RegularExpressions.Regex.Match(field, @"^rows\[(\d+)\]\.(\w+)$");
            if (!m.Success) ModelState.AddModelError("Rows", message);
            else if (m.Groups[2].Value == "dueOn") ModelState.AddModelError("DueOn", message);
            else
            {
                var prop = char.ToUpperInvariant(m.Groups[2].Value[0]) + m.Groups[2].Value[1..];
                ModelState.AddModelError($"Rows[{filled[int.Parse(m.Groups[1].Value)].Index}].{prop}", message);
            }
        }
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var board = await CommitmentBook.BoardAsync(Me, Db, clock, OrgId, Year, ct: ct);
        if (!board.IsOk)
        {
            if (board.Kind != OutcomeKind.Invalid) return false;
            Year = null;
            board = await CommitmentBook.BoardAsync(Me, Db, clock, OrgId, null, ct: ct);
            if (!board.IsOk) return false;
        }
        Board = board.Value!;
        ActsFor = CommitmentBook.ActsFor(Me) && await Me.Orgs(Db).AnyAsync(o => o.Id == OrgId
            && (o.Kind == Domain.OrgKind.Branch || o.Kind == Domain.OrgKind.TemporaryBranch), ct);
        if (ActsFor)
            Members = [.. (await Me.Members(Db).AsNoTracking().Where(m => m.OrgId == OrgId).OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Name }).ToListAsync(ct)).Select(m => (m.Id, m.Name))];
        if (Rows.Count == 0) Rows = [.. Members.Select(m => new YearRow(m.Id, null, null, null))];
        DueOn ??= new DateOnly(Board.Year, 12, 31).ToString("yyyy-MM-dd");
        return true;
    }
}
