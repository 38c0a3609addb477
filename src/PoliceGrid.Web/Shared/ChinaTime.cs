namespace PoliceGrid.Web.Shared;

/// <summary>China has one time zone (UTC+8, no daylight saving); dates people write are China dates, whatever the server's clock.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>A UTC time as China local time, the way the pages show it.</summary>
    public static string Show(DateTime? utc) =>
        utc is { } t ? (t + Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
}
