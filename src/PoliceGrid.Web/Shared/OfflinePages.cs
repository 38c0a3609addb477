using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// The grid worker's pages that open with no signal (issue 13). The service worker (ServiceWorker/sw.js) keeps a page
/// only when it carries <c>X-Offline-Page: field</c>, which is given to grid-side accounts without police detail alone,
/// so nothing police-only is ever kept on a phone. Sign-out clears what the browser kept (<see cref="ClearSiteData"/>).
/// </summary>
public static class OfflinePages
{
    public const string Header = "X-Offline-Page";

    /// <summary>Home, collect a household, report an event and her tasks (the events list).</summary>
    public static readonly IReadOnlyList<string> Paths = ["/", "/register/collect", "/events/new", "/events"];

    /// <summary>What sign-out answers: the outbox, drafts, kept pages and the service worker are wiped from the phone.</summary>
    public const string ClearSiteData = "\"cache\", \"storage\"";

    public static void UseOfflinePages(this WebApplication app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (HttpMethods.IsGet(context.Request.Method) && Paths.Contains(context.Request.Path.Value ?? "")
            && user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimsPrincipalExtensions.SideClaim)?.Value == nameof(Side.Grid)
            && user.Role() is { } role && !Capabilities.Of(role).Contains(Capability.SeePoliceDetail))
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                    context.Response.Headers[Header] = "field";
                return Task.CompletedTask;
            });
        await next(context);
    });
}
