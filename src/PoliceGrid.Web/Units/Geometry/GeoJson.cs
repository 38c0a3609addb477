using System.Text.Json;
using NetTopologySuite.Geometries;

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
            throw new GeoJsonException($"不是有效的 JSON：{e.Message}", $"not valid JSON: {e.Message}", null, e);
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
            throw new GeoJsonException("顶层必须是 JSON 对象", "the top level must be a JSON object");
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
        {
            throw new GeoJsonException("顶层 type 必须是 FeatureCollection", "the top-level type must be FeatureCollection");
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException("缺少 features 数组", "features array is missing");
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
            throw Fail(number, "不是 JSON 对象", "is not a JSON object");
        }

        if (!feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            throw Fail(number, "的 type 不是 Feature", "does not have type Feature");
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
            throw Fail(number, "缺少 geometry", "has no geometry");
        }

        return new GeoJsonFeature(properties, ReadGeometry(geometry, number));
    }

    /// <summary>Reads a Polygon or MultiPolygon geometry object; <paramref name="number"/> only labels error messages.</summary>
    public static Geometry ReadGeometry(JsonElement geometry, int number = 1)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            throw Fail(number, "的 geometry 不是 JSON 对象", "geometry is not a JSON object");
        }

        if (!geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw Fail(number, "的 geometry 缺少 type", "geometry has no type");
        }

        var type = typeElement.GetString();
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            throw Fail(number, $"的几何类型 {type} 不受支持（只支持 Polygon 和 MultiPolygon）", $"geometry type {type} is not supported (only Polygon and MultiPolygon)");
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw Fail(number, "的 geometry 缺少 coordinates 数组", "geometry has no coordinates array");
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
            throw Fail(number, "的 MultiPolygon 没有多边形", "MultiPolygon has no polygons");
        }

        return Factory.CreateMultiPolygon([.. polygons]);
    }

    private static Polygon ReadPolygon(JsonElement rings, int number)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw Fail(number, "的多边形没有环", "polygon has no rings");
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
            throw Fail(number, "的环不是坐标数组", "ring is not an array of positions");
        }

        var coords = new List<Coordinate>(ring.GetArrayLength() + 1);
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                throw Fail(number, "有无效坐标（应为 [经度, 纬度]）", "has an invalid position (expected [lon, lat])");
            }

            var lon = position[0].GetDouble();
            var lat = position[1].GetDouble();
            if (!double.IsFinite(lon) || !double.IsFinite(lat))
            {
                throw Fail(number, "有非有限坐标", "has a non-finite position");
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
            throw Fail(number, "的环少于 4 个坐标", "ring has fewer than 4 positions");
        }

        return Factory.CreateLinearRing([.. coords]);
    }

    private static GeoJsonException Fail(int number, string chinese, string english) =>
        new($"第{number}个要素{chinese}", $"feature {number} {english}", number);

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
                throw new ArgumentException($"只能写出 Polygon 或 MultiPolygon，而不是 {geometry.GeometryType} / only Polygon and MultiPolygon can be written, not {geometry.GeometryType}", nameof(geometry));
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
