using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

/// <summary>Healthy when the database answers a query.</summary>
sealed class DatabaseHealthCheck(YihaoDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy(db.Database.ProviderName)
                : HealthCheckResult.Unhealthy("no connection");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.GetType().Name);
        }
    }

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
        }));
    }
}
