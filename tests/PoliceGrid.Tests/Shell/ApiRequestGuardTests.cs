using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PoliceGrid.Tests.Events;

namespace PoliceGrid.Tests.Shell;

/// <summary>
/// A form another site posts carries the sign-in cookie: a state-changing API call signed in by cookie needs JSON or
/// a valid antiforgery token, and an Origin that is this site.
/// </summary>
[Collection(EventsData.Name)]
public class ApiRequestGuardTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACrossSiteFormPostWithNoBodyIsRefusedAndChangesNothing(string provider)
    {
        var app = On(provider);
        var secadmin = await app.App.SignInAsync("secadmin", antiforgery: false);
        var account = await app.AccountOf("gridworker2");
        var before = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, a => a.Action == "unlock-account"));

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/unlock") { Content = new FormUrlEncodedContent([]) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        var fromElsewhere = await secadmin.SendAsync(crossSite);
        var form = await secadmin.PostAsync($"/api/accounts/{account}/unlock", new FormUrlEncodedContent([]));
        var bare = await secadmin.PostAsync($"/api/accounts/{account}/unlock", null);
        var text = await secadmin.PostAsync($"/api/accounts/{account}/unlock", new StringContent("x"));
        using var jsonFromElsewhere = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(new { title = "x" }) };
        jsonFromElsewhere.Headers.Add("Origin", "https://evil.example");
        var json = await (await app.App.SignInAsync("gridworker1", antiforgery: false)).SendAsync(jsonFromElsewhere);

        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Contains("防伪令牌", (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, a => a.Action == "unlock-account")));
        Assert.Equal(HttpStatusCode.OK, (await secadmin.GetAsync("/api/auth/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnApiCallWithAnAntiforgeryTokenOrJsonFromThisSiteGoesThrough(string provider)
    {
        var app = On(provider);
        var secadmin = await app.App.SignInAsync("secadmin");
        var account = await app.AccountOf("gridworker2");

        var withToken = await secadmin.PostAsync($"/api/accounts/{account}/unlock", null);
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(new { title = "x" }) };
        sameSite.Headers.Add("Origin", "http://localhost");
        var json = await (await app.App.SignInAsync("gridworker1", antiforgery: false)).SendAsync(sameSite);

        Assert.Equal(HttpStatusCode.NoContent, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode); // reached the use case, which wants a category
        Assert.True((await json.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out _));
    }
}
