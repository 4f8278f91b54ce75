using System.Net;
using System.Net.Sockets;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// The addresses a webhook must not reach unless an admin allows them: anything but the public internet. Loopback, private
/// (RFC 1918), CGNAT, link-local (with the cloud metadata service at 169.254.169.254), unspecified, multicast and reserved
/// IPv4; loopback, unspecified, link-local, site-local, unique-local (with AWS's fd00:ec2::254) and multicast IPv6; IPv6
/// forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address, and Teredo is refused.
/// </summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (this-network) address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (where cloud metadata services answer)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/3"), "a multicast or reserved address"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("100::/64"), "a discard address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    /// <summary>Cloud metadata and platform services on public-looking addresses: Azure's wire server, Alibaba's metadata.</summary>
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("168.63.129.16"), IPAddress.Parse("100.100.100.200")];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>What kind of non-public address <paramref name="address"/> is, or null for a public one.</summary>
    public static string? Kind(IPAddress address)
    {
        if (Metadata.Contains(address)) return "a cloud metadata address";
        foreach (var (network, kind) in Refused)
            if (network.Contains(address)) return kind;
        return Embedded(address) is { } inner && Kind(inner) is { } innerKind ? $"an IPv6 form of {innerKind}" : null;
    }

    /// <summary>The IPv4 address an IPv6 address carries, for the forms that route to it; null otherwise.</summary>
    public static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (Compatible.Contains(address) || Nat64.Contains(address)) return new IPAddress(bytes[12..16]);
        return SixToFour.Contains(address) ? new IPAddress(bytes[2..6]) : null;
    }
}
