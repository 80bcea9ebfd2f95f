namespace Yihao.Web.Infrastructure;

/// <summary>The district's calendar: times are stored in UTC, days and months are China Standard Time.</summary>
public static class DistrictTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    /// <summary>A wall-clock time in the district, as UTC.</summary>
    public static DateTime Utc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>A meeting's time as the pages show it: "2026-12-01 09:00 – 11:00" (the end's date when it differs).
    /// </summary>
    public static string Span(DateTime startUtc, DateTime endUtc)
    {
        var (start, end) = (Local(startUtc), Local(endUtc));
        var endFormat = end.Date == start.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return start.ToString("yyyy-MM-dd HH:mm", invariant) + " – " + end.ToString(endFormat, invariant);
    }

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
