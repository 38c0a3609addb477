using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Audit;

public static class AuditSetup
{
    /// <summary>The audit key and anchor, and the denial audit of every refused request.</summary>
    public static void AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>().BindConfiguration("Audit").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptions.Validation>();
        builder.Services.AddSingleton(services => AuditKeys.From(services.GetRequiredService<IOptions<AuditOptions>>().Value,
            services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled));
        builder.Services.AddSingleton(services => AuditAnchor.From(services.GetRequiredService<IOptions<AuditOptions>>().Value, services.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        builder.Services.AddScoped<AuditQueries>();
    }

    /// <summary>
    /// Leaves a denied audit row for a 403 that a handler answered itself (authorization's own refusals are recorded by
    /// <see cref="AuditedAuthorizationResults"/>, which also sees the pages' refusals that end as a redirect).
    /// </summary>
    public static void UseAuditedDenials(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden && !context.Items.ContainsKey(AuditedAuthorizationResults.Recorded))
                await RecordAsync(context);
        });

    /// <summary>In a scope of its own, so that nothing the refused request left unsaved is saved with the row.</summary>
    internal static async Task RecordAsync(HttpContext context)
    {
        context.Items[AuditedAuthorizationResults.Recorded] = true;
        await using var scope = context.RequestServices.CreateAsyncScope();
        // The path only: a query string may carry the very ID number that was asked for.
        await scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .WriteAsync("forbidden", outcome: AuditOutcome.Denied, detail: $"{context.Request.Method} {context.Request.Path}");
    }
}

/// <summary>Records each request that authorization refuses (403 on the API, the redirect to /denied on pages), then answers as usual.</summary>
public sealed class AuditedAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    internal const string Recorded = "policegrid:denial-audited";
    readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
            await AuditSetup.RecordAsync(context);
        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
