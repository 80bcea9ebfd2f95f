using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.CallOuts;

/// <summary>One call-out for its organizer: the sign-ups, ticked and given hours on a phone in one save.</summary>
public sealed class CallOutModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public List<Line> Lines { get; set; } = [];
    public CallOutView CallOut { get; private set; } = null!;

    /// <summary>After a save with a problem, the rows as they were posted (ticks and hours), by member.</summary>
    public Dictionary<int, Line> Typed { get; private set; } = [];

    public sealed class Line
    {
        public int MemberId { get; set; }
        public bool Came { get; set; }
        public decimal? Hours { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        // Only the rows ticked, or ticked before, are sent on: an unticked new row says nothing.
        var lines = Lines.Select(l => new AttendanceLine(l.MemberId, l.Came, l.Came ? l.Hours : null)).ToList();
        if (!await LoadAsync()) return NotFound();
        var recorded = CallOut.SignUps.Where(s => s.ServiceEntryId is not null).Select(s => s.MemberId).ToHashSet();
        lines = [.. lines.Where(l => l.Came || recorded.Contains(l.MemberId))];
        var outcome = await CallOutsDesk.RecordAsync(Me, Db, clock, Id, new AttendanceRequest(lines),
            HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            var came = lines.Where(l => l.Came).ToList();
            Flash = L.T("Recorded: {0} came, {1} hours, in the service ledger as volunteering.", came.Count,
                came.Sum(l => l.Hours ?? 0).ToString("0.#"));
            return Redirect($"/CallOuts/{Id}");
        }
        // What was ticked and typed stays; a line's problem stands beside its member's row.
        Typed = Lines.GroupBy(l => l.MemberId).ToDictionary(g => g.Key, g => g.First());
        var rows = CallOut.SignUps.Select((s, i) => (s.MemberId, i)).ToDictionary(x => x.MemberId, x => x.i);
        foreach (var (field, message) in outcome.Messages())
        {
            var m = System.Text.RegularExpressions.Regex.Match(field, @"^lines\[(\d+)\]\.");
            var row = m.Success && int.Parse(m.Groups[1].Value) is var n && n < lines.Count
                && rows.TryGetValue(lines[n].MemberId, out var r) ? r : -1;
            ModelState.AddModelError(row < 0 ? "" : $"Lines[{row}]", message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        var outcome = await CallOutsDesk.CloseAsync(Me, Db, Id, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        Flash = outcome.IsOk ? L.T("Closed: no more sign-ups.")
            : string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Redirect($"/CallOuts/{Id}");
    }

    async Task<bool> LoadAsync()
    {
        if (Me.IsMember) return false;
        var outcome = await CallOutsDesk.GetAsync(Me, Db, Id, HttpContext.RequestAborted);
        if (!outcome.IsOk) return false;
        CallOut = outcome.Value!;
        return true;
    }
}
