using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// Runs the warning rules on a schedule: for every district, this month and the month before (whose make-ups may still
/// fall overdue), once an hour by the injected clock, after refreshing SQLite's planner statistics. Closing a day runs
/// its branch's rules at once (see DayClosing).
/// </summary>
public sealed class WarningSchedule(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config,
    ILogger<WarningSchedule> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMinutes(config.GetValue("Warnings:EveryMinutes", 60));
        if (every <= TimeSpan.Zero) return; // switched off (the tests run the rules themselves)
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The warning rules failed; they run again at the next turn");
            }
            await Task.Delay(every, clock, stoppingToken);
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        db.Actor.UserName = AuditActor.WarningRules;
        try
        {
            await DatabaseSetup.OptimizeAsync(db, ct);
        }
        catch (System.Data.Common.DbException e)
        {
            // Statistics a little old only make some reads slower: the rules still run.
            log.LogWarning(e, "Refreshing the planner statistics failed");
        }
        var today = DistrictTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1);
        foreach (var district in await db.Orgs.Where(o => o.ParentId == null).Select(o => o.Id).ToListAsync(ct))
            foreach (var m in new[] { month.AddMonths(-1), month })
                await Warnings.EvaluateAsync(db, clock, district, m, ct: ct);
    }
}
