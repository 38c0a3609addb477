using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>
/// Open311 GeoReport v2, so a citizen page, a 12345 hotline system or any Open311 client can report and follow events.
/// Reporting needs an API key (<c>Open311:ApiKeys:{key} = Citizen|Hotline12345</c>); following is public but shows only
/// requests that came from the public, with a neutral status note, no reporter data and the place rounded to about
/// 100 m. Our states map onto open/closed as docs/open311.md says.
/// </summary>
public static class Open311Api
{
    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/open311/v2").AllowAnonymous().DisableAntiforgery();
        api.MapGet("/services.{format}", Services).WithName("Open311Services");
        api.MapGet("/requests.{format}", Requests).WithName("Open311Requests");
        api.MapGet("/requests/{id}.{format}", Request).WithName("Open311Request");
        api.MapPost("/requests.{format}", Post).WithName("Open311PostRequest");
    }

    /// <summary>Our richer states as Open311's two.</summary>
    public static string StatusOf(EventStatus status) => status.IsOpen() ? "open" : "closed";

    sealed record Row(string Key, string? Value);

    static async Task<IResult> Services(string format, PoliceGridDb db)
    {
        if (Format(format) is not { } f)
            return NotFoundFormat();
        var categories = await db.EventCategories.AsNoTracking().Where(c => c.Active).OrderBy(c => c.Code).ToListAsync();
        var items = categories.Select(c => new List<Row>
        {
            new("service_code", c.Code), new("service_name", c.Name), new("description", $"{c.Name} / {c.NameEn}"),
            new("metadata", "false"), new("type", "realtime"), new("keywords", c.NameEn), new("group", c.MajorName),
        }).ToList();
        return Answer(f, "services", "service", items);
    }

    static async Task<IResult> Requests(string format, HttpRequest http, PoliceGridDb db, TimeProvider clock)
    {
        if (Format(format) is not { } f)
            return NotFoundFormat();
        var q = http.Query;
        var events = Public(db);
        if (q["service_request_id"].FirstOrDefault() is { Length: > 0 } ids)
        {
            var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(i => int.TryParse(i, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
            events = events.Where(e => wanted.Contains(e.Id));
        }
        else
        {
            var end = Date(q["end_date"]) ?? clock.GetUtcNow().UtcDateTime;
            var start = Date(q["start_date"]) ?? end.AddDays(-90);
            events = events.Where(e => e.ReportedAt >= start && e.ReportedAt <= end);
            if (q["service_code"].FirstOrDefault() is { Length: > 0 } codes)
            {
                var list = codes.Split(',', StringSplitOptions.TrimEntries).ToList();
                events = events.Where(e => db.EventCategories.Any(c => c.Id == e.CategoryId && list.Contains(c.Code)));
            }
            var status = q["status"].FirstOrDefault();
            if (status == "open")
                events = events.Where(e => e.Status < EventStatus.Closed);
            else if (status == "closed")
                events = events.Where(e => e.Status >= EventStatus.Closed);
        }
        return Answer(f, "service_requests", "request", await RowsAsync(db, events.OrderByDescending(e => e.ReportedAt).Take(1000)));
    }

    static async Task<IResult> Request(string id, string format, PoliceGridDb db)
    {
        if (Format(format) is not { } f)
            return NotFoundFormat();
        var n = int.TryParse(id, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        var rows = await RowsAsync(db, Public(db).Where(e => e.Id == n));
        return rows.Count == 0 ? Error(f, StatusCodes.Status404NotFound, "没有这个请求 / No such service request") : Answer(f, "service_requests", "request", rows);
    }

    static async Task<IResult> Post(string format, HttpRequest http, IConfiguration configuration, ReportEvent report)
    {
        if (Format(format) is not { } f)
            return NotFoundFormat();
        var form = http.HasFormContentType ? await http.ReadFormAsync() : null;
        string? Field(string name) => form?[name].FirstOrDefault() is { Length: > 0 } v ? v : http.Query[name].FirstOrDefault();
        var key = Field("api_key");
        var source = key is null ? null : configuration[$"Open311:ApiKeys:{key}"];
        if (source is null || !Enum.TryParse<EventSource>(source, out var eventSource))
            return Error(f, StatusCodes.Status403Forbidden, "api_key 无效 / Invalid api_key");
        double? Number(string name) => double.TryParse(Field(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        var description = Field("description") ?? "";
        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.Where(s => s is not null));
        var title = description.Length > 0 ? description[..Math.Min(40, description.Length)] : Field("service_code") ?? "";
        var outcome = await report.RunAsync(new ReportEvent.Reporter(null, "open311:" + eventSource, eventSource),
            new ReportEvent.Request(Field("service_code"), title, description, Number("long"), Number("lat"), Field("address_string"), null, null, null,
                name.Length > 0 ? name : null, Field("phone") ?? Field("email"), null));
        if (outcome.Event is not { } e)
        {
            var errors = outcome.Errors as Dictionary<string, string>;
            return Error(f, StatusCodes.Status400BadRequest, errors is { Count: > 0 } ? string.Join("; ", errors.Values) : outcome.Problem!.ToString());
        }
        return Answer(f, "service_requests", "request", [[new("service_request_id", Id(e.Id)), new("service_notice", $"已受理编号 {e.Number} / Received as {e.Number}"), new("account_id", null)]],
            StatusCodes.Status201Created);
    }

    /// <summary>Requests that came from the public: citizens and the 12345 hotline, never confidential ones.</summary>
    static IQueryable<Event> Public(PoliceGridDb db) =>
        db.Events.AsNoTracking().Where(e => (e.Source == EventSource.Citizen || e.Source == EventSource.Hotline12345) && !e.IsConfidential);

    static async Task<List<List<Row>>> RowsAsync(PoliceGridDb db, IQueryable<Event> events)
    {
        var found = await (from e in events
                           join c in db.EventCategories on e.CategoryId equals c.Id
                           select new { e, c.Code, c.Name, c.IsPolice, Agency = db.Units.Where(u => u.Id == e.HandlerUnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync();
        return found.Select(r => new List<Row>
        {
            new("service_request_id", Id(r.e.Id)),
            new("status", StatusOf(r.e.Status)),
            new("status_notes", $"{r.e.Status.Neutral().Zh} / {r.e.Status.Neutral().En}"),
            new("service_name", r.Name),
            new("service_code", r.Code),
            new("description", r.IsPolice ? null : r.e.Description),
            new("agency_responsible", r.Agency),
            new("service_notice", null),
            new("requested_datetime", Time(r.e.ReportedAt)),
            new("updated_datetime", Time(r.e.UpdatedAt)),
            new("expected_datetime", Time(r.e.DueAt)),
            new("address", r.e.Address),
            new("address_id", null),
            new("zipcode", null),
            new("lat", r.e.Lat is { } lat ? Math.Round(lat, 3).ToString(CultureInfo.InvariantCulture) : null),
            new("long", r.e.Lon is { } lon ? Math.Round(lon, 3).ToString(CultureInfo.InvariantCulture) : null),
            new("media_url", null),
        }).ToList();
    }

    static string? Format(string format) => format is "json" or "xml" ? format : null;

    static IResult NotFoundFormat() => Results.NotFound();

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    static string Time(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(RouteEvent.ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    static DateTime? Date(Microsoft.Extensions.Primitives.StringValues value) =>
        DateTimeOffset.TryParse(value.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : null;

    static IResult Error(string format, int status, string description) =>
        Answer(format, "errors", "error", [[new("code", status.ToString(CultureInfo.InvariantCulture)), new("description", description)]], status);

    static IResult Answer(string format, string root, string item, IReadOnlyList<List<Row>> items, int status = StatusCodes.Status200OK)
    {
        if (format == "json")
        {
            using var buffer = new MemoryStream();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
                   { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }))
            {
                json.WriteStartArray();
                foreach (var fields in items)
                {
                    json.WriteStartObject();
                    foreach (var (key, value) in fields)
                    {
                        if (value is null)
                            json.WriteNull(key);
                        else if (key is "lat" or "long" or "code" || (key == "metadata" && root == "services"))
                        {
                            json.WritePropertyName(key);
                            json.WriteRawValue(value);
                        }
                        else
                            json.WriteString(key, value);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
        }
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root);
            foreach (var fields in items)
            {
                xml.WriteStartElement(item);
                foreach (var (key, value) in fields)
                    xml.WriteElementString(key, value ?? "");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Results.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "text/xml", Encoding.UTF8, status);
    }
}
