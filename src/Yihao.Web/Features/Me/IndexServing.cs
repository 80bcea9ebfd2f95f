using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Features.Commitments;
using Yihao.Web.Features.Service;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Me;

/// <summary>我的 — serving the people: my commitments (made, fulfilled, confirmed or sent back) and my service
/// entries (recorded, waiting, confirmed, or sent back and mended). The handlers are the API's.</summary>
public sealed partial class IndexModel
{
    [BindProperty] public CommitmentRequest Pledge { get; set; } = new(null, null, null, null, null);
    [BindProperty] public FulfilmentRequest Fulfil { get; set; } = new(null, null);
    [BindProperty] public int CommitmentId { get; set; }
    [BindProperty]
    public ServiceEntryRequest Entry { get; set; } =
        new("thingDone", null, null, null, null, null, null, null, null, null, null, null, null, null);
    [BindProperty] public int? EntryId { get; set; }
    [BindProperty] public string? RequestKey { get; set; }

    /// <summary>A sent-back entry to mend (/Me?mend=12).</summary>
    [BindProperty(SupportsGet = true)] public int? Mend { get; set; }
    public List<CommitmentView> Commitments { get; private set; } = [];
    public List<ServiceEntryView> Entries { get; private set; } = [];
    public List<PairingView> Pairings { get; private set; } = [];
    public string Today => DistrictTime.Today(Clock).ToString("yyyy-MM-dd");

    /// <summary>The service form is open: mending, or showing what was typed with its problems.</summary>
    public bool EntryOpen { get; private set; }
    public bool PledgeOpen { get; private set; }

    public async Task<IActionResult> OnPostPledgeAsync()
    {
        var made = await CommitmentBook.MakeAsync(Me, Db, Clock, Pledge, HttpContext.RequestAborted);
        if (made.IsOk)
        {
            Flash = L.T("Commitment made: it is on the branch's board.");
            return Redirect("/Me#commitments");
        }
        PledgeOpen = true;
        return await ProblemsAsync(made, "Pledge");
    }

    public async Task<IActionResult> OnPostFulfilAsync()
    {
        var done = await CommitmentBook.FulfilAsync(Me, Db, Clock, CommitmentId, Fulfil, HttpContext.RequestAborted);
        if (done.Kind == OutcomeKind.NotFound) return NotFound();
        if (done.IsOk)
        {
            Flash = L.T("Fulfilment recorded: it waits for the secretary's confirmation.");
            return Redirect("/Me#commitments");
        }
        return await ProblemsAsync(done, "Fulfil");
    }

    public async Task<IActionResult> OnPostEntryAsync()
    {
        var ct = HttpContext.RequestAborted;
        var entry = Entry;
        if (EntryId is { } id && string.IsNullOrWhiteSpace(entry.ForWhomPhone))
        {
            // The phone is shown masked: left blank when mending, the one recorded stays.
            var stored = await ServiceLedger.Entries(Me, Db).AsNoTracking().Where(e => e.Id == id)
                .Select(e => e.ForWhomPhone).FirstOrDefaultAsync(ct);
            entry = entry with { ForWhomPhone = stored };
        }
        EntryOpen = true;
        if (EntryId is { } revise)
        {
            var revised = await ServiceLedger.ReviseAsync(Me, Db, Clock, revise, entry, ct);
            if (revised.Kind == OutcomeKind.NotFound) return NotFound();
            if (!revised.IsOk) return await ProblemsAsync(revised, "Entry");
        }
        else
        {
            var recorded = await ServiceLedger.RecordAsync(Me, Db, Clock, entry, RequestKey, ct);
            if (!recorded.IsOk) return await ProblemsAsync(recorded, "Entry");
        }
        Flash = L.T("Service recorded: it waits for the secretary's confirmation.");
        return Redirect("/Me#service");
    }

    /// <summary>After a post with a problem, what was typed in a field that did not bind (letters in the hours), so
    /// that it shows as typed beside the handler's problem.</summary>
    public Dictionary<string, string> Typed { get; private set; } = [];

    async Task<IActionResult> ProblemsAsync<T>(Outcome<T> outcome, string prefix)
    {
        Typed = ModelState.Where(kv => kv.Value!.Errors.Count > 0 && kv.Value.AttemptedValue is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.AttemptedValue!);
        ModelState.Clear();
        ShowProblems(outcome, prefix);
        if (Me.MemberId is not { } me) return NotFound();
        View = await MeApi.LoadAsync(Db, Clock, me, HttpContext.RequestAborted);
        Reports = await ThoughtReports.MineAsync(Db, me, HttpContext.RequestAborted);
        await LoadServingAsync();
        return Page();
    }

    async Task LoadServingAsync()
    {
        var ct = HttpContext.RequestAborted;
        Commitments = await CommitmentBook.MineAsync(Me, Db, Clock, ct);
        Entries = (await ServiceLedger.ListAsync(Me, Db, new ServiceFilter(null, null, null, null, null), ct))
            .Value ?? [];
        Pairings = (await ServiceLedger.PairingsAsync(Me, Db, Me.OrgId, ct)).Value ?? [];
        RequestKey ??= Guid.NewGuid().ToString("N");
        if (Mend is { } m && EntryId is null && Entries.FirstOrDefault(e => e.Id == m && e.State == "sentBack")
            is { } e)
        {
            EntryId = e.Id;
            Entry = new(e.Kind, e.What, null, e.ForWhom, null, e.Place, L.Date(e.DoneOn), e.Outcome, e.Parties,
                e.DisputeOutcome, e.Hours, e.Referral, e.Answer, e.PairingId);
        }
        EntryOpen |= EntryId is not null;
    }
}
