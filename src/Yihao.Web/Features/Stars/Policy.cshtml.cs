using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>The district's rating policy: the version in force, its history, and for district admins a new version with
/// a "what if" over last year first.</summary>
public sealed class PolicyModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    [BindProperty] public string? Document { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }

    /// <summary>"json" when the document was edited as text; otherwise the form was.</summary>
    [BindProperty] public string? Mode { get; set; }

    public PolicyForm.Group? Form { get; private set; }
    public PolicyView? Current { get; private set; }
    public List<PolicyView> Versions { get; private set; } = [];
    public WhatIfResult? Comparison { get; private set; }
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsMember) return NotFound();
        await LoadAsync();
        Document = Current!.Policy.ToJson();
        Form = PolicyForm.Of(JsonNode.Parse(Document)!.AsObject());
        EffectiveFrom = DistrictTime.Today(clock).AddMonths(1).ToString("yyyy-MM");
        return Page();
    }

    public async Task<IActionResult> OnPostWhatIfAsync()
    {
        await LoadAsync();
        if (!Posted()) return Shown();
        var outcome = await WhatIf.CompareAsync(Me, Db, clock, new WhatIfRequest(Document, null));
        if (outcome.IsOk) Comparison = outcome.Value;
        else Show(outcome.Messages().Select(m => (m.Field, m.Message)));
        return Shown();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        if (!Posted()) return Shown();
        var outcome = await Policies.AddAsync(Me, Db, clock, new PolicyRequest(EffectiveFrom, Document));
        if (outcome.IsOk)
        {
            Flash = L.T("Saved: the new policy takes effect from {0}.", EffectiveFrom);
            return Redirect("/Policy");
        }
        Show(outcome.Messages().Select(m => (m.Field, m.Message)));
        return Shown();
    }

    /// <summary>
    /// The document posted: the form's fields over the policy in force (the JSON box's text when that was edited). A
    /// field that is not a number is shown beside itself, and nothing is tried.
    /// </summary>
    bool Posted()
    {
        if (Mode == "json") return true;
        var (document, problems) = PolicyForm.Apply(JsonNode.Parse(Current!.Policy.ToJson())!.AsObject(), Request.Form);
        Document = document.ToJsonString(StarPolicy.Json);
        Show(problems.Select(p => (p.Field, L.T(p.Problem))));
        return problems.Count == 0;
    }

    /// <summary>Each problem beside its field; one about the whole document (or a field the form lacks) on
    /// top.</summary>
    void Show(IEnumerable<(string Field, string Message)> problems)
    {
        var fields = Mode == "json" ? [] : PolicyForm.Paths(PolicyForm.Of(JsonNode.Parse(Document!)!.AsObject()));
        fields.Add("effectiveFrom");
        foreach (var (named, message) in problems)
            if (Inside(named) is var field && fields.Contains(field)) ModelState.AddModelError(PolicyForm.Prefix + field, message);
            else Problems.Add(field.Length == 0 || field == "document" ? message : $"{field}: {message}");
    }

    /// <summary>A problem's field as the document names it (the API names it inside the request's
    /// document).</summary>
    static string Inside(string field) =>
        field.StartsWith("document.", StringComparison.Ordinal) ? field["document.".Length..] : field;

    /// <summary>The page again with what was posted: the form shows the posted values, the box the posted
    /// text.</summary>
    PageResult Shown()
    {
        var current = PolicyForm.Of(JsonNode.Parse(Current!.Policy.ToJson())!.AsObject());
        Form = Mode == "json" ? current : PolicyForm.Posted(current, Request.Form);
        return Page();
    }

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
