using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Access;

/// <summary>
/// Turns the capability table into authorization policies and refuses every endpoint that declares nothing: a route
/// added without a policy answers 403, never data. A policy named <c>capability:A|B</c> is met by holding A or B.
/// </summary>
public static class AccessSetup
{
    public const string PolicyPrefix = "capability:";

    /// <summary>
    /// Reads the viewer before a page renders. The layout awaits it while the page's own components start their
    /// queries, all on the request's one DbContext: a viewer still loading then is a second operation at once, which EF
    /// refuses (it did, on loaded servers). Loaded here, the layout finds it ready and queries nothing.
    /// </summary>
    public static void UseViewerBeforePages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.RootComponentMetadata>() is not null)
            await context.RequestServices.GetRequiredService<AccessPolicy>().FindCurrentAsync();
        await next(context);
    });

    public static void AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AccessPolicy>();
        services.AddScoped<IAuthorizationHandler, CapabilityHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, CapabilityPolicies>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new UndeclaredEndpoint()).Build());
    }

    /// <summary>Requires one of the capabilities of the caller: <c>api.MapGet(...).Requires(Capability.ReadRegister)</c>.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder endpoint, params Capability[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(PolicyName(anyOf));

    public static string PolicyName(IEnumerable<Capability> anyOf) => PolicyPrefix + string.Join('|', anyOf);

    /// <summary>The capabilities a policy name asks for (any one of them), or null when it is not a capability policy.</summary>
    public static IReadOnlyList<Capability>? Parse(string? policy)
    {
        if (policy is null || !policy.StartsWith(PolicyPrefix, StringComparison.Ordinal))
            return null;
        var names = policy[PolicyPrefix.Length..].Split('|');
        var capabilities = new List<Capability>();
        foreach (var name in names)
        {
            if (!Enum.TryParse<Capability>(name, out var capability) || !Enum.IsDefined(capability))
                return null;
            capabilities.Add(capability);
        }
        return capabilities;
    }
}

/// <summary>On a page: <c>@attribute [Requires(Capability.CommandRoom)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresAttribute(params Capability[] anyOf) : AuthorizeAttribute(AccessSetup.PolicyName(anyOf));

public sealed record CapabilityRequirement(IReadOnlyList<Capability> AnyOf) : IAuthorizationRequirement;

/// <summary>Never met: what an endpoint that declares no policy gets.</summary>
public sealed class UndeclaredEndpoint : IAuthorizationRequirement;

sealed class CapabilityPolicies(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        AccessSetup.Parse(policyName) is { } anyOf
            ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new CapabilityRequirement(anyOf)).Build()
            : await base.GetPolicyAsync(policyName);
}

/// <summary>Asks the signed-in account's current capabilities (read from the database, so a revoked grant counts at once).</summary>
sealed class CapabilityHandler(AccessPolicy access) : AuthorizationHandler<CapabilityRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CapabilityRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
            return;
        var viewer = await access.FindCurrentAsync();
        if (viewer is not null && requirement.AnyOf.Any(viewer.Can))
            context.Succeed(requirement);
    }
}
