using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>The district's rating policy: the version in force, its history, and for district admins a new version with
/// a "what if" over last year first.</summary>
public sealed class PolicyModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty] public string? Document { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    public PolicyView? Current { get; private set; }
    public List<PolicyView> Versions { get; private set; } = [];
    public WhatIfResult? Comparison { get; private set; }
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return NotFound();
        await LoadAsync();
        Document = Current!.Policy.ToJson();
        EffectiveFrom = DistrictTime.Today(clock).AddMonths(1).ToString("yyyy-MM");
        return Page();
    }

    public async Task<IActionResult> OnPostWhatIfAsync()
    {
        var outcome = await WhatIf.CompareAsync(Me, Db, clock, new WhatIfRequest(Document, null));
        if (outcome.IsOk) Comparison = outcome.Value;
        else Problems.AddRange(outcome.Messages().Select(m => Name(m.Field) + m.Message));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var outcome = await Policies.AddAsync(Me, Db, clock, new PolicyRequest(EffectiveFrom, Document));
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect("/Policy");
        }
        Problems.AddRange(outcome.Messages().Select(m => Name(m.Field) + m.Message));
        await LoadAsync();
        return Page();
    }

    static string Name(string field) => field.Length == 0 ? "" : field + ": ";

    async Task LoadAsync()
    {
        var today = DistrictTime.Today(clock);
        Current =
            Policies.View(await Policies.InForceAsync(Db, Me.DistrictId, new DateOnly(today.Year, today.Month, 1)));
        Versions =
            (await Db.StarPolicies.AsNoTracking().Where(p => p.DistrictId == Me.DistrictId)
            .OrderByDescending(p => p.EffectiveFrom).ToListAsync()).Select(Policies.View).ToList();
    }
}
