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
            return $"{name} 不是 base64 / {name} is not base64";
        }
        return (exact ? bytes.Length == minimumBytes : bytes.Length >= minimumBytes) ? null
            : exact ? $"{name} 须为 {minimumBytes} 字节的 base64 / {name} must be base64 of {minimumBytes} bytes"
            : $"{name} 须为至少 {minimumBytes} 字节的 base64 / {name} must be base64 of at least {minimumBytes} bytes";
    }
}
