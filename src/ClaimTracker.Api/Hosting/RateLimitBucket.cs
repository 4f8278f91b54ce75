using System.Net;
using System.Net.Sockets;
using ClaimTracker.Api.Auth;

namespace ClaimTracker.Api.Hosting;

/// <summary>
/// Which token bucket a request draws from. A key has its own, wherever it calls from; a caller without a (valid) key
/// draws from its address's, so one noisy client cannot starve the others. Health checks have buckets of their own,
/// so that API traffic, even from the monitor's own address, never makes <c>/health</c> answer 429.
/// </summary>
public static class RateLimitBucket
{
    public static string Of(HttpContext context)
    {
        var client = Client(context.Connection.RemoteIpAddress);
        if (context.Request.Path.StartsWithSegments("/health")) return "health " + client;
        return context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value is { } key ? "key " + key : "client " + client;
    }

    /// <summary>
    /// The client's address; for IPv6 its /64, since one host is usually given a whole /64 and could otherwise pick a
    /// fresh address, and so a fresh bucket, for every request.
    /// </summary>
    private static string Client(IPAddress? address)
    {
        if (address is null) return "local"; // in-process callers (tests, a Unix socket) have no address
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
