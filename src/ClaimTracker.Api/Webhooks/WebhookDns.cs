using System.Net;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Name resolution for webhook targets, a service of its own so that tests can play a DNS server that answers one address
/// when a subscription is checked and another when it is delivered (DNS rebinding).
/// </summary>
public class WebhookDns
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
