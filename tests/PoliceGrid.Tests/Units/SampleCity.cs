using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace PoliceGrid.Tests.Units;

/// <summary>
/// A small city that is not Pingdingshan: 杭州市 with two counties, one outlined as a square of 0.2° so that
/// points can be placed by hand, and one with no outline.
/// </summary>
public static class SampleCity
{
    public const string Divisions = """
        code,name,level,parent_code
        3301,杭州市,city,33
        330102,上城区,county,3301
        330105,拱墅区,county,3301
        330102001,清波街道,township,330102
        330102002,湖滨街道,township,330102
        330102001001,清波社区,village,330102001
        330102001002,劳动路社区,village,330102001
        330102002001,东坡路社区,village,330102002
        330102002002,青年路社区,village,330102002
        330105001,米市巷街道,township,330105
        330105001001,米市巷社区,village,330105001
        """;

    public const double West = 120.0, South = 30.0, Size = 0.2;

    public static string Outlines(double west = West)
    {
        string P(double lon, double lat) => string.Create(CultureInfo.InvariantCulture, $"[{lon},{lat}]");
        var ring = string.Join(',', P(west, South), P(west + Size, South), P(west + Size, South + Size), P(west, South + Size), P(west, South));
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"330102\",\"name\":\"上城区\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}";
    }

    public static MultipartFormDataContent Form(string divisions, string? outlines)
    {
        var form = new MultipartFormDataContent();
        form.Add(File(divisions, "text/csv"), "divisions", "divisions.csv");
        if (outlines is not null)
            form.Add(File(outlines, "application/geo+json"), "outlines", "counties.geojson");
        return form;
    }

    static ByteArrayContent File(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}
