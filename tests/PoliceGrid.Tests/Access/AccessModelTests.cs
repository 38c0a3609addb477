using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Access;

/// <summary>The demo data plus one signed-in account for every role, on each provider.</summary>
public abstract class EveryRoleApp(string provider) : IAsyncLifetime
{
    public ProductApp App { get; private set; } = null!;
    public Dictionary<Role, HttpClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        App = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Events:SweepSeconds"] = "0" });
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            async Task<int> UnitOf(string userName) => await db.Users.Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync();
            var township = await db.Units.Where(u => u.Code == DemoSeed.DemoTownship).Select(u => u.Id).SingleAsync();
            foreach (var role in Enum.GetValues<Role>())
            {
                var unit = role switch
                {
                    Role.GridWorker or Role.MicroGridWorker or Role.GridChief => await UnitOf("gridworker1"),
                    Role.CommunityOfficer or Role.AuxiliaryOfficer or Role.PoliceAssistant => await UnitOf("officer"),
                    Role.StationHead => await UnitOf("stationhead"),
                    Role.CentreDirector => await UnitOf("director"),
                    Role.Dispatcher => await UnitOf("dispatcher"),
                    Role.Mediator => township,
                    Role.DepartmentOfficer => await UnitOf("civil"),
                    _ => await UnitOf("admin"),
                };
                var account = new Account
                {
                    UserName = "matrix-" + role.ToString().ToLowerInvariant(), DisplayName = "矩阵" + role, Role = role, Side = role.DefaultSide(),
                    UnitId = unit, IsDemo = true, GrantApprovedAt = DateTime.UtcNow, Department = role == Role.DepartmentOfficer ? "民政" : null,
                };
                var created = await users.CreateAsync(account, DemoSeed.Password);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        foreach (var role in Enum.GetValues<Role>())
            Clients[role] = await App.SignInAsync("matrix-" + role.ToString().ToLowerInvariant());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteEveryRole() : EveryRoleApp(DatabaseSetup.Sqlite);

public sealed class PostgresEveryRole() : EveryRoleApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class EveryRoleData : ICollectionFixture<SqliteEveryRole>, ICollectionFixture<PostgresEveryRole>
{
    public const string Name = "every role";
}

/// <summary>
/// The one access model, checked from the outside: every endpoint and page declares what it needs, and every role gets
/// exactly what the capability table gives it — the role matrix is generated from the table and the routes, not written
/// by hand, so a new route or a changed row is tested without anyone remembering to.
/// </summary>
[Collection(EveryRoleData.Name)]
public class AccessModelTests(SqliteEveryRole sqlite, PostgresEveryRole postgres)
{
    EveryRoleApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    /// <summary>Reviewed: the routes anyone may call without signing in.</summary>
    static readonly HashSet<string> Anonymous =
    [
        "/login", "/denied", "/error", "/error/{Code:int}", "/not-found", "/language/{code}", "/api/auth/login",
        "/open311/v2/services.{format}", "/open311/v2/requests.{format}", "/open311/v2/requests/{id}.{format}",
        // For the proxy, systemd and monitoring: a verdict for anyone, reasons and metrics only for the management network (HealthTests, MetricsTests).
        "/health/live", "/health/ready", "/metrics",
    ];

    /// <summary>The framework's own route for interactive redirects, which this server-rendered product does not use: it declares nothing, so the fallback refuses it.</summary>
    static readonly HashSet<string> Framework = ["/_framework/opaque-redirect"];

    /// <summary>Reviewed: the routes every signed-in account may call, whatever its capabilities.</summary>
    static readonly HashSet<string> SignedIn =
    [
        "/", "/logout", "/api/auth/logout", "/api/auth/me", "/api/antiforgery", "/api/auth/password", "/api/auth/two-factor",
        "/account/password", "/account/two-factor",
    ];

    sealed record Route(string Method, string Pattern, IReadOnlyList<IReadOnlyList<Capability>> Needs, bool IsAnonymous, bool TakesFiles);

    static IReadOnlyList<Route> Routes(ProductApp app)
    {
        var routes = new List<Route>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var needs = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => (IReadOnlyList<Capability>?)AccessSetup.Parse(a.Policy)).OfType<IReadOnlyList<Capability>>().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var takesFiles = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            foreach (var method in methods)
                routes.Add(new Route(method, pattern, needs, anonymous, takesFiles));
        }
        return routes;
    }

    [Fact]
    public void EveryEndpointAndPageDeclaresWhatItNeeds()
    {
        var routes = Routes(sqlite.App);
        Assert.Contains(routes, r => r.Pattern == "/command-room" && r.Needs.Count > 0);
        Assert.Contains(routes, r => r.Pattern == "/api/command-room/board" && r.Needs.Count > 0);
        var undeclared = routes.Where(r => r.IsAnonymous ? !Anonymous.Contains(r.Pattern) : r.Needs.Count == 0 && !SignedIn.Contains(r.Pattern) && !Framework.Contains(r.Pattern))
            .Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(undeclared.Count == 0, "Endpoints that declare no capability (add .Requires(...) or review them onto a list):\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task AnUndeclaredRouteIsRefusedEvenWhenSignedIn()
    {
        // The fallback policy: an endpoint that declares nothing is never met; /api/undeclared does not exist, so it
        // shows the fallback on the only thing that has no endpoint metadata at all.
        var options = sqlite.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        Assert.NotNull(options.FallbackPolicy);
        Assert.Contains(options.FallbackPolicy!.Requirements, r => r is UndeclaredEndpoint);
        var service = sqlite.App.Services.GetRequiredService<IAuthorizationService>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, "x")], "test"));
        Assert.False((await service.AuthorizeAsync(user, null, options.FallbackPolicy)).Succeeded);
    }

    public static TheoryData<string, Role> EveryRole()
    {
        var data = new TheoryData<string, Role>();
        foreach (var provider in new[] { DatabaseSetup.Sqlite, DatabaseSetup.Postgres })
            foreach (var role in Enum.GetValues<Role>())
                data.Add(provider, role);
        return data;
    }

    /// <summary>Each role against every capability-guarded API and page: refused exactly where the table says it lacks the capability.</summary>
    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task EachRoleReachesExactlyWhatTheCapabilityTableGivesIt(string provider, Role role)
    {
        var app = On(provider);
        var client = app.Clients[role];
        var held = Capabilities.Of(role);
        var wrong = new List<string>();
        foreach (var route in Routes(app.App).Where(r => r.Needs.Count > 0))
        {
            var allowed = route.Needs.All(anyOf => anyOf.Any(held.Contains));
            var (status, location, body) = await CallAsync(client, route);
            var refused = status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                || (status == HttpStatusCode.Redirect && (location.Contains("/denied", StringComparison.Ordinal) || location.Contains("/login", StringComparison.Ordinal)));
            if (allowed == refused)
                wrong.Add($"{route.Method} {route.Pattern}: {(allowed ? "should be allowed" : "should be refused")}, got {(int)status} {location} {body}");
        }
        Assert.True(wrong.Count == 0, $"{role}:\n" + string.Join("\n", wrong));
    }

    static async Task<(HttpStatusCode Status, string Location, string Body)> CallAsync(HttpClient client, Route route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route.Pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            "format" => "json",
            "code" => "en",
            _ => "999999999",
        });
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT" or "DELETE" or "PATCH")
            request.Content = route.TakesFiles ? new MultipartFormDataContent { { new StringContent("x"), "note" } }
                : path.StartsWith("/api/", StringComparison.Ordinal) ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var body = route.Pattern == "/api/live" ? "" : await response.Content.ReadAsStringAsync(cancel.Token);
        return (response.StatusCode, response.Headers.Location?.ToString() ?? "", body.Length > 300 ? body[..300] : body);
    }
}
