using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// What every answer carries so that a browser cannot be turned against its user: a Content-Security-Policy without
/// inline script, nosniff, no referrer, no framing; HSTS over HTTPS; no-store on everything that is not a static file.
/// A proxy's X-Forwarded-For/-Proto is believed only from the addresses in <c>Security:KnownProxies</c>.
/// </summary>
public static class SecurityHeaders
{
    public static void AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration("Security").Configure<IConfiguration>(SecurityOptions.ReadCommaList).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptions.Validation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((options, security) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only the proxies named in the settings are trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in security.Value.Proxies())
                options.KnownProxies.Add(proxy);
        });
        // Every cookie the product writes is Secure when the request came over HTTPS.
        builder.Services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>Before static files: forwarded headers first, then headers on every answer.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<MapOptions>>().Value.TileSource);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Request.IsHttps)
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                // Static files (css, js, images) stay cacheable; pages and API answers may carry personal data.
                if (!context.Items.ContainsKey(StaticFile))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCookiePolicy();
    }

    /// <summary>For <see cref="StaticFileOptions.OnPrepareResponse"/>: marks the answer as a static file, which may be cached.</summary>
    public static void MarkStaticFile(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext file) => file.Context.Items[StaticFile] = true;

    const string StaticFile = "policegrid:static-file";

    static string ContentSecurityPolicy(string? tileSource)
    {
        var images = "'self' data: blob:";
        // Map tiles (Map:TileUrl) load from their own host.
        if (tileSource is not null)
            images += " " + tileSource;
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + images
            + "; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}

/// <summary>
/// Writes and reads a cookie as <c>__Host-name</c> (Secure, whole site, this host only) when the request came over HTTPS,
/// and under its plain name over HTTP, where browsers refuse the prefix (demo mode on a laptop).
/// </summary>
public sealed class HostPrefixCookies : ICookieManager
{
    readonly ChunkingCookieManager inner = new();

    public static string NameFor(HttpContext context, string name) => context.Request.IsHttps ? "__Host-" + name : name;

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, NameFor(context, key), value, Secured(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, NameFor(context, key), Secured(context, options));

    /// <summary>The options a __Host- cookie must have: Secure, path /, no domain.</summary>
    public static CookieOptions Secured(HttpContext context, CookieOptions options)
    {
        if (!context.Request.IsHttps)
            return options;
        return new CookieOptions(options) { Secure = true, Path = "/", Domain = null };
    }
}
