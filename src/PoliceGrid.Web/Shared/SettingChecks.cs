namespace PoliceGrid.Web.Shared;

/// <summary>Checks shared by the options validators: each failure names the setting, in both languages.</summary>
public static class SettingChecks
{
    /// <summary>Null when <paramref name="value"/> is base64 of at least <paramref name="minimumBytes"/> bytes (or exactly, when <paramref name="exact"/>).</summary>
    public static string? Base64Key(string name, string? value, int minimumBytes, bool exact = false)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            return new Text("Shell.N0IsNotBase64", name).ToString();
        }
        return (exact ? bytes.Length == minimumBytes : bytes.Length >= minimumBytes) ? null
            : exact ? new Text("Shell.N0MustBeBase64Of1", name, minimumBytes).ToString()
            : new Text("Shell.N0MustBeBase64OfAt", name, minimumBytes).ToString();
    }
}
