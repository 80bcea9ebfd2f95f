using Microsoft.AspNetCore.Mvc;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Supervision;

/// <summary>A day's anomalies (异常) with their evidence, on the day's and the inspection's pages: for supervisors only,
/// nothing for anyone else.</summary>
public sealed class DayAnomaliesViewComponent(YihaoDb db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Scope scope, int dayId)
    {
        if (!Inspections.Supervises(scope)) return Content("");
        var found = await Anomalies.ListAsync(scope, db, clock, dayId, null, null, HttpContext.RequestAborted);
        return View("~/Features/Supervision/_DayAnomalies.cshtml", found.Value ?? []);
    }
}
