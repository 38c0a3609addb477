using System.Globalization;

namespace PoliceGrid.Web.Disputes.Pages;

/// <summary>Reading a posted page form's fields: what the dispute pages share.</summary>
public static class DisputeForm
{
    public static string? Value(HttpContext http, string name) => http.Request.Form[name].FirstOrDefault();

    public static int? Number(HttpContext http, string name) => int.TryParse(Value(http, name), CultureInfo.InvariantCulture, out var v) ? v : null;

    public static T? Enum<T>(HttpContext http, string name) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(Value(http, name), out var v) && System.Enum.IsDefined(v) ? v : null;

    public static DateOnly? Date(HttpContext http, string name) =>
        DateOnly.TryParseExact(Value(http, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A China-local date and time from a datetime-local field, as UTC.</summary>
    public static DateTime? LocalTime(HttpContext http, string name) =>
        DateTime.TryParseExact(Value(http, name), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? DateTime.SpecifyKind(t - Shared.ChinaTime.Offset, DateTimeKind.Utc) : null;

    public static IReadOnlyList<int> Ints(HttpContext http, string name) =>
        http.Request.Form[name].Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : (int?)null).OfType<int>().ToList();
}
