using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>
/// Open311 GeoReport v2, so a citizen page, a 12345 hotline system or any Open311 client can report and follow events.
/// Reporting needs an API key in the form body (<c>Open311:ApiKeys:{key} = Citizen|Hotline12345</c>) and is limited
/// per key and per client address. Only categories the administrator made public are offered and listed; following
/// is public but shows only requests that came from the public, with the text a moderator approved (else the category
/// and a neutral status), no reporter data, the point rounded to about 100 m and the address cut to its road.
/// Our states map onto open/closed as docs/open311.md says.
/// </summary>
public static class Open311Api
{
    public static void AddOpen311(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Open311Options>().BindConfiguration("Open311").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Open311Options>, Open311Options.Validation>();
        builder.Services.AddSingleton<Open311Limits>();
        builder.Services.AddScoped<ModeratePublicText>();
    }

    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        // Public by design (GeoReport v2): posting is checked by API key, not by sign-in.
        var api = app.MapGroup("/open311/v2").DisableAntiforgery().AllowAnonymous().WithTags("Open311");
        api.MapGet("/services.{format}", Services).WithName("Open311Services").WithSummary("List the public service categories (GeoReport v2)");
        api.MapGet("/requests.{format}", Requests).WithName("Open311Requests").WithSummary("List public service requests (GeoReport v2)");
        api.MapGet("/requests/{id}.{format}", Request).WithName("Open311Request").WithSummary("Get one public service request (GeoReport v2)");
        api.MapPost("/requests.{format}", Post).WithName("Open311PostRequest").WithSummary("Report a service request with an API key (GeoReport v2)");
        app.MapPost("/api/events/{id:int}/public-text", ModeratePublicText.HandleAsync).Requires(Capability.ModeratePublicRequests)
            .WithName("ApproveEventPublicText").WithTags("Open311").WithSummary("Approve or withdraw the text the public may read of a request");
    }

    /// <summary>Our richer states as Open311's two.</summary>
    public static string StatusOf(EventStatus status) => status.IsOpen() ? "open" : "closed";

    sealed record Row(string Key, string? Value);

    static async Task<ContentHttpResult> Services(string format, PoliceGridDb db)
    {
        if (Format(format) is not { } f)
            return BadFormat();
        var categories = await db.EventCategories.AsNoTracking().Where(c => c.Active && c.IsPublic).OrderBy(c => c.Code).ToListAsync();
        var items = categories.Select(c => new List<Row>
        {
            new("service_code", c.Code), new("service_name", c.Name), new("description", $"{c.Name} / {c.NameEn}"),
            new("metadata", "false"), new("type", "realtime"), new("keywords", c.NameEn), new("group", c.MajorName),
        }).ToList();
        return Answer(f, "services", "service", items);
    }

    static async Task<ContentHttpResult> Requests(string format, HttpRequest http, PoliceGridDb db, TimeProvider clock)
    {
        if (Format(format) is not { } f)
            return BadFormat();
        var q = http.Query;
        var events = Public(db);
        if (q["service_request_id"].FirstOrDefault() is { Length: > 0 } ids)
        {
            var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
            if (wanted.Contains(-1))
                return Error(f, StatusCodes.Status400BadRequest, new Text("Events.ServiceRequestIdMustBeComma").ToString());
            events = events.Where(e => wanted.Contains(e.Id));
        }
        else
        {
            // A filter we cannot read is refused: ignoring it would answer a different question than the one asked.
            if (!TryDate(q["end_date"], out var endDate) || !TryDate(q["start_date"], out var startDate))
                return Error(f, StatusCodes.Status400BadRequest, new Text("Events.DatesMustBeISO8601E").ToString());
            var end = endDate ?? clock.GetUtcNow().UtcDateTime;
            var start = startDate ?? end.AddDays(-90);
            if (start > end)
                return Error(f, StatusCodes.Status400BadRequest, new Text("Events.StartDateMustNotBeAfter").ToString());
            events = events.Where(e => e.ReportedAt >= start && e.ReportedAt <= end);
            if (q["service_code"].FirstOrDefault() is { Length: > 0 } codes)
            {
                var list = codes.Split(',', StringSplitOptions.TrimEntries).ToList();
                events = events.Where(e => db.EventCategories.Any(c => c.Id == e.CategoryId && list.Contains(c.Code)));
            }
            if (q["status"].FirstOrDefault() is { } status)
            {
                var wanted = status.Split(',', StringSplitOptions.TrimEntries);
                if (wanted.Any(w => w is not ("open" or "closed")))
                    return Error(f, StatusCodes.Status400BadRequest, new Text("Events.StatusMustBeOpenOrClosed").ToString());
                if (!wanted.Contains("closed"))
                    events = events.Where(e => e.Status < EventStatus.Closed);
                else if (!wanted.Contains("open"))
                    events = events.Where(e => e.Status >= EventStatus.Closed);
            }
        }
        return Answer(f, "service_requests", "request", await RowsAsync(db, events.OrderByDescending(e => e.ReportedAt).Take(1000)));
    }

    static async Task<ContentHttpResult> Request(string id, string format, PoliceGridDb db)
    {
        if (Format(format) is not { } f)
            return BadFormat();
        var n = int.TryParse(id, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        var rows = await RowsAsync(db, Public(db).Where(e => e.Id == n));
        return rows.Count == 0 ? Error(f, StatusCodes.Status404NotFound, new Text("Events.NoSuchServiceRequest").ToString()) : Answer(f, "service_requests", "request", rows);
    }

    static async Task<ContentHttpResult> Post(string format, HttpRequest http, Microsoft.Extensions.Options.IOptions<Open311Options> options, ReportEvent report, Open311Limits limits, PoliceGridDb db)
    {
        if (Format(format) is not { } f)
            return BadFormat();
        // A key in the URL ends up in proxy and server logs and in browser history.
        if (http.Query.ContainsKey("api_key"))
            return Error(f, StatusCodes.Status400BadRequest, new Text("Events.SendApiKeyInTheRequest").ToString());
        var form = http.HasFormContentType ? await http.ReadFormAsync() : null;
        string? Field(string name) => form?[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        var key = Field("api_key");
        if ((key is null ? null : options.Value.SourceOf(key)) is not { } eventSource)
            return Error(f, StatusCodes.Status403Forbidden, new Text("Events.InvalidApiKey").ToString());
        if (limits.TryAcquire(key!, http.HttpContext.Connection.RemoteIpAddress) is { } retryAfter)
        {
            http.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Error(f, StatusCodes.Status429TooManyRequests, new Text("Events.TooManyRequestsTryAgainIn", retryAfter).ToString());
        }
        if (form?.Where(field => field.Key != "media").SelectMany(field => field.Value).Any(v => v is not null && v.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) == true)
            return Error(f, StatusCodes.Status400BadRequest, new Text("Events.TheRequestContainsControlCharacters").ToString());
        if (Field("lat") is null && Field("long") is null && Field("address_string") is null && Field("address_id") is null)
            return Error(f, StatusCodes.Status400BadRequest, new Text("Events.GiveAPlaceLatAndLong").ToString());
        var code = Field("service_code");
        if (code is null || !await db.EventCategories.AnyAsync(c => c.Code == code && c.Active && c.IsPublic))
            return Error(f, StatusCodes.Status400BadRequest, new Text("Events.NoSuchService").ToString());
        double? Number(string name) => double.TryParse(Field(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        if ((Field("lat") is not null && Number("lat") is null) || (Field("long") is not null && Number("long") is null))
            return Error(f, StatusCodes.Status400BadRequest, new Text("Events.LatAndLongMustBeNumbers").ToString());
        var description = Field("description") ?? "";
        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.Where(s => s is not null));
        var title = description.Length > 0 ? description[..Math.Min(40, description.Length)] : Field("service_code") ?? "";
        var outcome = await report.RunAsync(new ReportEvent.Reporter(null, "open311:" + eventSource, eventSource),
            new ReportEvent.Request(Field("service_code"), title, description, Number("long"), Number("lat"), Field("address_string"), null, null, null,
                name.Length > 0 ? name : null, Field("phone") ?? Field("email"), null));
        if (outcome.Value?.Event is not { } e)
            return Error(f, StatusCodes.Status400BadRequest, outcome.FieldProblems.Count > 0 ? string.Join("; ", outcome.FieldProblems.Select(p => p.Message)) : outcome.Message!.ToString());
        return Answer(f, "service_requests", "request", [[new("service_request_id", Id(e.Id)), new("service_notice", new Text("Events.ReceivedAs0", e.Number).ToString()), new("account_id", null)]],
            StatusCodes.Status201Created);
    }

    /// <summary>Requests that came from the public (citizens, the 12345 hotline) in a public category, never confidential ones.</summary>
    static IQueryable<Event> Public(PoliceGridDb db) =>
        db.Events.AsNoTracking().Where(e => (e.Source == EventSource.Citizen || e.Source == EventSource.Hotline12345) && !e.IsConfidential
            && db.EventCategories.Any(c => c.Id == e.CategoryId && c.IsPublic));

    static async Task<List<List<Row>>> RowsAsync(PoliceGridDb db, IQueryable<Event> events)
    {
        var found = await (from e in events
                           join c in db.EventCategories on e.CategoryId equals c.Id
                           select new { e, c.Code, c.Name, c.NameEn, Agency = db.Units.Where(u => u.Id == e.HandlerUnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync();
        return found.Select(r => new List<Row>
        {
            new("service_request_id", Id(r.e.Id)),
            new("status", StatusOf(r.e.Status)),
            new("status_notes", $"{r.e.Status.Neutral().Zh} / {r.e.Status.Neutral().En}"),
            new("service_name", r.Name),
            new("service_code", r.Code),
            // The reporter's words may name people and numbers: only a moderator's approved text goes out.
            new("description", r.e.PublicText ?? new Text("Shell.LabelValue", Text.Data(r.Name, r.NameEn), r.e.Status.Neutral()).ToString()),
            new("agency_responsible", r.Agency),
            new("service_notice", null),
            new("requested_datetime", Time(r.e.ReportedAt)),
            new("updated_datetime", Time(r.e.UpdatedAt)),
            new("expected_datetime", Time(r.e.DueAt)),
            new("address", PublicAddress.Coarsen(r.e.Address)),
            new("address_id", null),
            new("zipcode", null),
            new("lat", r.e.Lat is { } lat ? Math.Round(lat, 3).ToString(CultureInfo.InvariantCulture) : null),
            new("long", r.e.Lon is { } lon ? Math.Round(lon, 3).ToString(CultureInfo.InvariantCulture) : null),
            new("media_url", null),
        }).ToList();
    }

    static string? Format(string format) => format is "json" or "xml" ? format : null;

    static ContentHttpResult BadFormat() => Error("json", StatusCodes.Status400BadRequest, new Text("Events.TheFormatMustBeJsonOr").ToString());

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    static string Time(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(RouteEvent.ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An absent date is fine (null); a present one must be ISO 8601 (W3C date-time), else false.</summary>
    static bool TryDate(Microsoft.Extensions.Primitives.StringValues value, out DateTime? date)
    {
        date = null;
        if (value.FirstOrDefault() is not { Length: > 0 } text)
            return true;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        date = parsed.UtcDateTime;
        return true;
    }

    /// <summary>Drops what XML 1.0 cannot carry (control characters kept from before they were refused), so one record cannot break the feed.</summary>
    static string XmlSafe(string value)
    {
        if (value.All(c => XmlConvert.IsXmlChar(c)))
            return value;
        var safe = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
                safe.Append(value[i]);
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                safe.Append(value[i]).Append(value[++i]);
        }
        return safe.ToString();
    }

    static ContentHttpResult Error(string format, int status, string description) =>
        Answer(format, "errors", "error", [[new("code", status.ToString(CultureInfo.InvariantCulture)), new("description", description)]], status);

    static ContentHttpResult Answer(string format, string root, string item, IReadOnlyList<List<Row>> items, int status = StatusCodes.Status200OK)
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
            return TypedResults.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
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
                    xml.WriteElementString(key, XmlSafe(value ?? ""));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return TypedResults.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "text/xml", Encoding.UTF8, status);
    }
}
