namespace Yihao.Web.Infrastructure;

/// <summary>The district's calendar: times are stored in UTC, days and months are China Standard Time.</summary>
public static class DistrictTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    /// <summary>A wall-clock time in the district, as UTC.</summary>
    public static DateTime Utc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow().UtcDateTime));

    static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8),
            "China Standard Time", "China Standard Time");
        }
    }
}
