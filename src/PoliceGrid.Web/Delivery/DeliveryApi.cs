using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>The inbox's routes and the delivery services: the outbox worker, its channels and the acknowledgement chase.</summary>
public static class DeliveryApi
{
    public static void AddDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration("Delivery").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DeliveryOptions>, DeliveryOptions.Validation>();
        builder.Services.AddScoped<Notify>();
        builder.Services.AddSingleton<AckDeadlines>();
        builder.Services.AddScoped<EditAckDeadlines>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<DeliveryFigures>();
        builder.Services.AddScoped<SendDeliveries>();
        builder.Services.AddScoped<ChaseAcknowledgements>();
        builder.Services.AddSingleton<IMessageChannel, InboxChannel>();
        // Channels keep their rate gate, so one instance each; HttpClient from the factory (handlers pooled and renewed).
        builder.Services.AddHttpClient(SmsGateway.Name, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHttpClient(DingTalkRobot.Name, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHttpClient(WeComApp.Name, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHttpClient(WebPush.Name, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IMessageChannel>(s => ActivatorUtilities.CreateInstance<SmsGateway>(s, HttpOf(s, SmsGateway.Name)));
        builder.Services.AddSingleton<IMessageChannel>(s => ActivatorUtilities.CreateInstance<DingTalkRobot>(s, HttpOf(s, DingTalkRobot.Name)));
        builder.Services.AddSingleton<IMessageChannel>(s => ActivatorUtilities.CreateInstance<WeComApp>(s, HttpOf(s, WeComApp.Name)));
        builder.Services.AddSingleton<IMessageChannel>(s => ActivatorUtilities.CreateInstance<WebPush>(s, HttpOf(s, WebPush.Name)));
        builder.Services.AddScoped<PushSubscriptions>();
        builder.Services.AddHostedService<DeliveryWorker>();
    }

    static HttpClient HttpOf(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public static void MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inbox").WithTags("Inbox").Requires(Capability.ReceiveMessages);
        api.MapGet("/", List).WithName("ListInbox").WithSummary("List the viewer's messages, those waiting for acknowledgement first");
        api.MapGet("/waiting", Waiting).WithName("CountInboxWaiting").WithSummary("Count the viewer's messages waiting for acknowledgement, with the newest");
        api.MapPost("/{id:int}/acknowledge", Acknowledge).WithName("AcknowledgeMessage").WithSummary("Acknowledge a message");
        api.MapPost("/acknowledge-all", AcknowledgeAll).WithName("AcknowledgeAllMessages").WithSummary("Acknowledge every waiting message of the viewer");

        var push = app.MapGroup("/api/push").WithTags("Inbox").Requires(Capability.ReceiveMessages);
        push.MapGet("/key", PushKey).WithName("GetPushKey").WithSummary("The server's VAPID public key, when Web Push is on");
        push.MapPost("/subscriptions", Subscribe).WithName("SubscribeToPush").WithSummary("Turn on Web Push in this browser (the browser's PushSubscription as JSON)");
        push.MapPost("/subscriptions/remove", Unsubscribe).WithName("UnsubscribeFromPush").WithSummary("Turn off Web Push in this browser");
    }

    static Results<Ok<PushSubscriptions.Key>, ProblemHttpResult> PushKey(PushSubscriptions subscriptions) =>
        subscriptions.PublicKey is { } key ? TypedResults.Ok(key) : Problems.NotFound();

    static async Task<Results<NoContent, ProblemHttpResult>> Subscribe(PushSubscriptions.Browser browser, AccessPolicy access, PushSubscriptions subscriptions)
    {
        var result = await subscriptions.SubscribeAsync((await access.CurrentAsync()).AccountId, browser);
        return result.IsDone ? TypedResults.NoContent() : result.ToProblem();
    }

    static async Task<NoContent> Unsubscribe(PushSubscriptions.Browser browser, AccessPolicy access, PushSubscriptions subscriptions)
    {
        await subscriptions.UnsubscribeAsync((await access.CurrentAsync()).AccountId, browser.Endpoint);
        return TypedResults.NoContent();
    }

    static async Task<Ok<IReadOnlyList<Inbox.Row>>> List(AccessPolicy access, Inbox inbox, bool? waiting) =>
        TypedResults.Ok(await inbox.ListAsync(await access.CurrentAsync(), waiting ?? false));

    static async Task<Ok<Inbox.Waiting>> Waiting(AccessPolicy access, Inbox inbox, Lang lang) =>
        TypedResults.Ok(await inbox.WaitingAsync((await access.CurrentAsync()).AccountId, lang));

    static async Task<Results<NoContent, ProblemHttpResult>> Acknowledge(int id, AccessPolicy access, Inbox inbox)
    {
        var result = await inbox.AcknowledgeAsync(await access.CurrentAsync(), id);
        return result.IsDone ? TypedResults.NoContent() : result.ToProblem();
    }

    static async Task<Ok<int>> AcknowledgeAll(AccessPolicy access, Inbox inbox) =>
        TypedResults.Ok(await inbox.AcknowledgeAllAsync(await access.CurrentAsync()));
}
