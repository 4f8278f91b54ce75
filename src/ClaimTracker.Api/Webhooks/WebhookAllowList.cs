using System.Net;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// <c>Webhooks:AllowedTargets</c>: host names, addresses and CIDR ranges, separated by commas or spaces, that webhooks may
/// reach although they are not public (a receiver on premises, or on this machine in tests). A listed name is trusted with
/// whatever it resolves to; a listed address or range allows exactly those addresses, whatever name leads there.
/// </summary>
public sealed class WebhookAllowList
{
    private readonly HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> networks = [];

    public static WebhookAllowList Parse(string? text)
    {
        var list = new WebhookAllowList();
        foreach (var entry in (text ?? "").Split([',', ' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(entry, out var network)) list.networks.Add(network);
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address)) list.networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else if (Uri.CheckHostName(entry.TrimEnd('.')) == UriHostNameType.Dns) list.names.Add(entry.TrimEnd('.'));
            else throw new FormatException($"'{entry}' is neither a host name, an address nor a CIDR range.");
        }
        return list;
    }

    /// <summary>Whether <paramref name="text"/> parses; for validating the setting at start.</summary>
    public static bool IsValid(string? text)
    {
        try
        {
            Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public bool Names(string host) => names.Contains(host.TrimEnd('.'));

    public bool Contains(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(plain));
    }
}
