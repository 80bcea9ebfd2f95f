using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>A branch's activity days and the form to plan a month; for towns and the district, the queue of plans to
/// review.</summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock, IOptions<ActivityPolicy> policy) : YihaoPage(db)
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty] public string? Month { get; set; }
    public Org? Branch { get; private set; }
    public List<(ActivityDay Day, double? Rate)> Days { get; private set; } = [];
    public List<ActivityDayView> Queue { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => Me.IsMember ? Redirect("/Me") : await LoadAsync() ? Page()
        : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync() || Branch is null) return NotFound();
        var outcome = await Plans.DraftAsync(Me, Db, clock, policy.Value, Branch.Id,
            new PlanRequest(Month, null, null, L.T("To be decided"), null,
                [new AgendaInput("theoryStudy", L.T("Study the Party Constitution"))], null));
        if (outcome.IsOk) return Redirect($"/ActivityDays/{outcome.Value!.Id}");
        Problem = string.Join(" ", outcome.Messages().Select(m => m.Message));
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var id = OrgId ?? Me.OrgId;
        var org = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return false;
        if (org.IsBranch)
        {
            Branch = org;
            var days = await Db.ActivityDays.AsNoTracking().Where(d => d.OrgId == org.Id)
                .OrderByDescending(d => d.Month).Take(36).ToListAsync();
            var rates = await AttendanceStats.ClosedRatesAsync(Db, days);
            Days = days.Select(d => (d, rates.TryGetValue(d.Id, out var r) ? r : (double?)null)).ToList();
            var next = DistrictTime.Today(clock).AddMonths(1);
            Month ??= $"{next:yyyy-MM}";
        }
        if (Me.Role is Roles.TownAdmin or Roles.DistrictAdmin)
            Queue = (await ActivityDaysApi.ReviewQueueAsync(Me, Db, HttpContext.RequestAborted))
                .Where(d => Branch is null || d.OrgId == Branch.Id).ToList();
        return true;
    }
}
