using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Shell;

/// <summary>The OpenAPI document describes the whole API: every route under /api and /open311, each with a tag and a summary.</summary>
[Collection(DemoData.Name)]
public partial class OpenApiTests(SqliteDemo sqlite, PostgresDemo postgres)
{
    ProductApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite.App : postgres.App;

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task EveryApiEndpointIsDescribedWithATagAndASummary(string provider)
    {
        var app = On(provider);
        var response = await (await app.SignInAsync("admin")).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var described = new Dictionary<string, JsonElement>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.IsGet(o.Name) || HttpMethods.IsPost(o.Name) || HttpMethods.IsPut(o.Name)
                         || HttpMethods.IsDelete(o.Name) || HttpMethods.IsPatch(o.Name)))
                described[$"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}"] = operation.Value;

        var wrong = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = Normalise(endpoint.RoutePattern.RawText!);
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) && pattern != "/api" && !pattern.StartsWith("/open311/", StringComparison.Ordinal))
                continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var key = $"{method} {pattern}";
                if (!described.TryGetValue(key, out var operation))
                    wrong.Add($"{key}: not in the document");
                // Without .WithTags the platform tags an endpoint with the application's name: that is no tag of ours.
                else if (!operation.TryGetProperty("tags", out var tags) || !tags.EnumerateArray().Any(t => t.GetString() is { Length: > 0 } tag && tag != DefaultTag))
                    wrong.Add($"{key}: no tag");
                else if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                    wrong.Add($"{key}: no summary");
            }
        }
        Assert.True(wrong.Count == 0, "Endpoints the OpenAPI document lacks or leaves without a tag or summary (.WithTags, .WithSummary):\n"
            + string.Join("\n", wrong.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task OnlyTheSystemAdministratorReadsTheDocument(string provider)
    {
        var app = On(provider);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("dispatcher")).GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    const string DefaultTag = "PoliceGrid.Web";

    /// <summary>A route as the document writes it: parameters without constraints, defaults or optional marks, no trailing slash.</summary>
    static string Normalise(string pattern)
    {
        var path = "/" + Parameter().Replace(pattern.Trim('/'), m => "{" + m.Groups["name"].Value + "}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(:[^}=?]*)*(=[^}?]*)?\??\}")]
    private static partial Regex Parameter();
}
