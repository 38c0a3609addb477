using System.Text.Json;
using PoliceGrid.Web.Access;

namespace PoliceGrid.Web.Shared.Live;

/// <summary>The live feed's services and its one endpoint, <c>/api/live</c>, which every open board, inbox and event page listens to.</summary>
public static class LiveApi
{
    public static void AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<LiveListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveListener>());
    }

    /// <summary>A feature names what it drops or rebuilds when another instance announces a change of <paramref name="topic"/>.</summary>
    public static void AddLiveTopicHandler(this IServiceCollection services, LiveTopic topic, Func<IServiceProvider, CancellationToken, Task> onChangedAsync) =>
        services.AddSingleton(new LiveTopicHandler(topic, onChangedAsync));

    public static void MapLiveApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/live", Live).WithName("LiveUpdates").WithTags("Live")
            .WithSummary("Stream the changes the viewer may hear of (server-sent events)").Requires(Capability.ReportEvents);

    /// <summary>
    /// Server-sent events: one line per change the viewer may hear of (kind and id only; the page fetches what it may
    /// see). A comment every 15 s keeps proxies from closing the stream.
    /// </summary>
    static async Task Live(HttpContext http, AccessPolicy access, LiveFeed feed, CancellationToken ct)
    {
        var viewer = await access.CurrentAsync();
        using var subscription = feed.Subscribe();
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync("retry: 2000\n: connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(15));
        var tick = heartbeat.WaitForNextTickAsync(ct).AsTask();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = subscription.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(next, tick) == tick)
                {
                    await http.Response.WriteAsync(": ping\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    tick = heartbeat.WaitForNextTickAsync(ct).AsTask();
                    await next.WaitAsync(ct);
                }
                if (!await next)
                    break;
                while (subscription.Reader.TryRead(out var message))
                {
                    if (!AccessPolicy.CanHear(message, viewer))
                        continue;
                    var data = JsonSerializer.Serialize(new { kind = message.Kind, id = message.Id });
                    await http.Response.WriteAsync($"event: change\ndata: {data}\n\n", ct);
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }
}
