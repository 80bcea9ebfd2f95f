using System.Text.Json;

namespace Yihao.Tests.Support;

/// <summary>The rollups' check (<c>GET /api/v1/rollups/check</c>) as a district admin, after a kind of
/// write.</summary>
public static class Drift
{
    /// <summary>No rollup differs from what the records say now; and, unless the records leave none, some
    /// exist.</summary>
    public static async Task NoneAsync(HttpClient admin, string after, bool some = true)
    {
        var response = await admin.GetAsync("/api/v1/rollups/check");
        response.EnsureSuccessStatusCode();
        var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var drift = check.GetProperty("drift");
        Assert.True(drift.GetArrayLength() == 0, $"after {after}: {drift}");
        Assert.True(!some || check.GetProperty("rows").GetInt32() > 0, after);
    }
}
