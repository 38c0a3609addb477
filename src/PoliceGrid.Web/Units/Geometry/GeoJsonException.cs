namespace PoliceGrid.Web.Units.Geometry;

/// <summary>Malformed or unsupported GeoJSON input. The message is bilingual because it is shown to admins as is.</summary>
public sealed class GeoJsonException : Exception
{
    public GeoJsonException(string chinese, string english, int? featureNumber = null, Exception? inner = null)
        : base($"{chinese} / {english}", inner)
    {
        FeatureNumber = featureNumber;
    }

    public GeoJsonException()
    {
    }

    public GeoJsonException(string message) : base(message)
    {
    }

    public GeoJsonException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>1-based number of the offending feature, matching the wording of the message; null when not feature-specific.</summary>
    public int? FeatureNumber { get; }
}
