using System.Net;
using ClaimTracker.Api.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Which URLs may receive events: absolute http(s), without credentials, and not this server's own API, which a
/// subscription could otherwise make call itself (the same host and port as the request, or a loopback address on
/// a port this server listens on). The dispatcher never follows redirects, so an answer cannot send it there either.
/// </summary>
public static class WebhookUrls
{
    /// <summary>A 400 problem on url unless events may go there: see <see cref="Problem"/> and <see cref="WebhookTargets"/>.</summary>
    public static async Task CheckAsync(string url, WebhookTargets targets, HttpContext context)
    {
        var problem = Problem(url, context) ?? await targets.ProblemAsync(new Uri(url), context.RequestAborted);
        if (problem is not null) throw ApiProblem.Validation("url", problem);
    }

    public static string? Problem(string url, HttpContext context)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "url must be an absolute http or https URL.";
        if (uri.Host.Length == 0) return "url must name a host.";
        if (uri.UserInfo.Length > 0) return "url must not carry credentials; receivers verify the webhook-signature header instead.";
        if (uri.Fragment.Length > 0) return "url must not have a #fragment.";
        return PointsAtSelf(uri, context) ? "url points at this server's own API; events must go to another service." : null;
    }

    internal static bool PointsAtSelf(Uri uri, HttpContext context)
    {
        var request = context.Request;
        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        if (string.Equals(uri.IdnHost, request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == requestPort) return true;
        return IsLoopback(uri) && OwnPorts(context).Contains(uri.Port);
    }

    internal static bool IsLoopback(Uri uri)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        // 0.0.0.0 and :: reach the local machine too when dialled.
        return IPAddress.TryParse(host, out var address)
            && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
    }

    private static HashSet<int> OwnPorts(HttpContext context)
    {
        var ports = new HashSet<int> { context.Request.Host.Port ?? (context.Request.IsHttps ? 443 : 80) };
        if (context.Connection.LocalPort > 0) ports.Add(context.Connection.LocalPort);
        var addresses = context.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // Kestrel reports wildcard hosts as http://[::]:5000 or http://+:5000, which Uri cannot parse.
            var colon = address.LastIndexOf(':');
            if (colon > 0 && int.TryParse(address.AsSpan(colon + 1).TrimEnd('/'), out var port)) ports.Add(port);
        }
        return ports;
    }
}
