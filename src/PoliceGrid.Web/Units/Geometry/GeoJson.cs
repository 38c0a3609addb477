using System.Text.Json;
using NetTopologySuite.Geometries;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Units.Geometry;

// Inside this namespace the bare name would resolve to the namespace itself.
using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>
/// Minimal GeoJSON (RFC 7946) reading and writing for unit outlines: only Polygon and MultiPolygon geometries,
/// because outlines are areas and no GeoJSON package is available to us.
/// </summary>
public static class GeoJson
{
    /// <summary>The one factory for all outlines, so geometries from different sources compare and combine freely.</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new GeoJsonException(Words.Zh("Units.NotValidJSON0", e.Message), Words.En("Units.NotValidJSON0", e.Message), null, e);
        }

        using (doc)
        {
            return ReadFeatureCollection(doc.RootElement);
        }
    }

    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json);
        return ReadFeatureCollection(reader.ReadToEnd());
    }

    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GeoJsonException(Words.Zh("Units.TheTopLevelMustBeA"), Words.En("Units.TheTopLevelMustBeA"));
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
        {
            throw new GeoJsonException(Words.Zh("Units.TheTopLevelTypeMustBe"), Words.En("Units.TheTopLevelTypeMustBe"));
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException(Words.Zh("Units.FeaturesArrayIsMissing"), Words.En("Units.FeaturesArrayIsMissing"));
        }

        var result = new List<GeoJsonFeature>(features.GetArrayLength());
        var number = 0;
        foreach (var feature in features.EnumerateArray())
        {
            number++;
            result.Add(ReadFeature(feature, number));
        }

        return result;
    }

    private static GeoJsonFeature ReadFeature(JsonElement feature, int number)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw Fail(number, Words.Zh("Units.IsNotAJSONObject"), Words.En("Units.IsNotAJSONObject"));
        }

        if (!feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            throw Fail(number, Words.Zh("Units.DoesNotHaveTypeFeature"), Words.En("Units.DoesNotHaveTypeFeature"));
        }

        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in props.EnumerateObject())
            {
                properties[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => p.Value.GetRawText(),
                };
            }
        }

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            throw Fail(number, Words.Zh("Units.HasNoGeometry"), Words.En("Units.HasNoGeometry"));
        }

        return new GeoJsonFeature(properties, ReadGeometry(geometry, number));
    }

    /// <summary>Reads a Polygon or MultiPolygon geometry object; <paramref name="number"/> only labels error messages.</summary>
    public static Geometry ReadGeometry(JsonElement geometry, int number = 1)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            throw Fail(number, Words.Zh("Units.GeometryIsNotAJSONObject"), Words.En("Units.GeometryIsNotAJSONObject"));
        }

        if (!geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw Fail(number, Words.Zh("Units.GeometryHasNoType"), Words.En("Units.GeometryHasNoType"));
        }

        var type = typeElement.GetString();
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            throw Fail(number, Words.Zh("Units.GeometryType0IsNotSupported", type), Words.En("Units.GeometryType0IsNotSupported", type));
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw Fail(number, Words.Zh("Units.GeometryHasNoCoordinatesArray"), Words.En("Units.GeometryHasNoCoordinatesArray"));
        }

        if (type == "Polygon")
        {
            return ReadPolygon(coordinates, number);
        }

        var polygons = new List<Polygon>();
        foreach (var polygon in coordinates.EnumerateArray())
        {
            polygons.Add(ReadPolygon(polygon, number));
        }

        if (polygons.Count == 0)
        {
            throw Fail(number, Words.Zh("Units.MultiPolygonHasNoPolygons"), Words.En("Units.MultiPolygonHasNoPolygons"));
        }

        return Factory.CreateMultiPolygon([.. polygons]);
    }

    private static Polygon ReadPolygon(JsonElement rings, int number)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw Fail(number, Words.Zh("Units.PolygonHasNoRings"), Words.En("Units.PolygonHasNoRings"));
        }

        var list = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            list.Add(ReadRing(ring, number));
        }

        return Factory.CreatePolygon(list[0], [.. list.Skip(1)]);
    }

    private static LinearRing ReadRing(JsonElement ring, int number)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            throw Fail(number, Words.Zh("Units.RingIsNotAnArrayOf"), Words.En("Units.RingIsNotAnArrayOf"));
        }

        var coords = new List<Coordinate>(ring.GetArrayLength() + 1);
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                throw Fail(number, Words.Zh("Units.HasAnInvalidPositionExpectedLon"), Words.En("Units.HasAnInvalidPositionExpectedLon"));
            }

            var lon = position[0].GetDouble();
            var lat = position[1].GetDouble();
            if (!double.IsFinite(lon) || !double.IsFinite(lat))
            {
                throw Fail(number, Words.Zh("Units.HasANonFinitePosition"), Words.En("Units.HasANonFinitePosition"));
            }

            coords.Add(new Coordinate(lon, lat));
        }

        // Some producers omit the closing position; closing it here is harmless and saves a support call.
        if (coords.Count > 0 && !coords[0].Equals2D(coords[^1]))
        {
            coords.Add(coords[0].Copy());
        }

        if (coords.Count < 4)
        {
            throw Fail(number, Words.Zh("Units.RingHasFewerThan4Positions"), Words.En("Units.RingHasFewerThan4Positions"));
        }

        return Factory.CreateLinearRing([.. coords]);
    }

    private static GeoJsonException Fail(int number, string chinese, string english) =>
        new(Words.Zh("Units.FeatureProblem", number, chinese), Words.En("Units.FeatureProblem", number, english), number);

    /// <summary>Writes a Polygon or MultiPolygon geometry object, shells counter-clockwise and holes clockwise as RFC 7946 asks.</summary>
    public static void WriteGeometry(Utf8JsonWriter writer, Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geometry);
        writer.WriteStartObject();
        switch (geometry)
        {
            case Polygon polygon:
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygonCoordinates(writer, polygon);
                break;
            case MultiPolygon multi:
                writer.WriteString("type", "MultiPolygon");
                writer.WritePropertyName("coordinates");
                writer.WriteStartArray();
                foreach (var part in multi.Geometries)
                {
                    WritePolygonCoordinates(writer, (Polygon)part);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(new Text("Units.OnlyPolygonAndMultiPolygonCanBe", geometry.GeometryType).ToString(), nameof(geometry));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a whole FeatureCollection, e.g. the outlines a map page draws.</summary>
    public static void WriteFeatureCollection(Utf8JsonWriter writer, IEnumerable<GeoJsonFeature> features)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(features);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var feature in features)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteStartObject("properties");
            foreach (var (key, value) in feature.Properties)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("geometry");
            WriteGeometry(writer, feature.Geometry);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Convenience for endpoints and tests: the FeatureCollection as a string.</summary>
    public static string ToFeatureCollectionJson(IEnumerable<GeoJsonFeature> features)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteFeatureCollection(writer, features);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePolygonCoordinates(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.Shell, counterClockwise: true);
        foreach (var hole in polygon.Holes)
        {
            WriteRing(writer, hole, counterClockwise: false);
        }

        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring, bool counterClockwise)
    {
        var coords = ring.Coordinates;
        var reverse = NetTopologySuite.Algorithm.Orientation.IsCCW(coords) != counterClockwise;
        writer.WriteStartArray();
        for (var i = 0; i < coords.Length; i++)
        {
            var c = coords[reverse ? coords.Length - 1 - i : i];
            writer.WriteStartArray();
            writer.WriteNumberValue(c.X);
            writer.WriteNumberValue(c.Y);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
