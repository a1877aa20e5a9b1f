using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace Leaderboard.Web.Services;

/// <summary>
/// Absolute links name the portal's configured public address (<c>Leaderboard:PublicBaseUrl</c>), never the
/// request's Host header, which any client sets: without the setting they are relative to the request, which a
/// client resolves against the address it used. Forwarded headers (X-Forwarded-For/-Proto/-Host) are believed only
/// from the proxies and networks listed under <c>Leaderboard:ForwardedHeaders</c>; with none listed, they are ignored.
/// </summary>
public static class PublicAddress
{
    public const string BaseUrlSetting = "Leaderboard:PublicBaseUrl";
    private const string ProxiesSetting = "Leaderboard:ForwardedHeaders:KnownProxies";
    private const string NetworksSetting = "Leaderboard:ForwardedHeaders:KnownNetworks";

    /// <summary>The link to <paramref name="path"/> (starting with /) that a response may carry.</summary>
    public static string PublicUrl(this ControllerBase controller, string path)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var configuration = controller.HttpContext.RequestServices.GetRequiredService<IConfiguration>();
        return configuration[BaseUrlSetting] is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : path;
    }

    public static void AddForwardedHeadersFromSettings(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ProxiesSetting).Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection(NetworksSetting).Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // The framework trusts loopback by default; only what the settings list is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>Applies forwarded headers first of all, when proxies or networks are configured.</summary>
    public static void UseForwardedHeadersFromSettings(this WebApplication app)
    {
        if (app.Configuration.GetSection(ProxiesSetting).Get<string[]>() is { Length: > 0 } || app.Configuration.GetSection(NetworksSetting).Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }
    }
}
