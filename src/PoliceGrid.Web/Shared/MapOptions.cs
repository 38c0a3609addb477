using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Shared;

/// <summary>The <c>Map</c> section, read by the map pages and by the Content-Security-Policy.</summary>
public sealed class MapOptions
{
    /// <summary>A tile URL template (e.g. <c>https://{s}.tile.example/{z}/{x}/{y}.png</c>); empty: outlines on a plain background.</summary>
    public string TileUrl { get; set; } = "";

    /// <summary>The scheme and host the tiles load from, for the Content-Security-Policy; null without tiles.</summary>
    public string? TileSource =>
        TileUrl is { Length: > 0 } && Uri.TryCreate(TileUrl.Replace("{s}.", "", StringComparison.Ordinal).Split('{')[0], UriKind.Absolute, out var tiles)
            && tiles.Scheme is "https" or "http"
            ? $"{tiles.Scheme}://{(TileUrl.Contains("{s}.", StringComparison.Ordinal) ? "*." : "")}{tiles.Authority}"
            : null;

    public sealed class Validation : IValidateOptions<MapOptions>
    {
        public ValidateOptionsResult Validate(string? name, MapOptions options) =>
            options.TileUrl.Length == 0 || options.TileSource is not null ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(new Text("Shell.MapTileUrlMustBeAnHttp", options.TileUrl).ToString());
    }
}
