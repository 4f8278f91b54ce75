using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Webhooks;

/// <summary>
/// Which hosts and addresses webhooks may reach: the public internet, and what <c>Webhooks:AllowedTargets</c> lists for
/// receivers on premises. A subscription is checked when it is written (its host name resolved), and every delivery
/// again on the address actually dialled (<see cref="ConnectAsync"/>), so a name that resolves to a public address when
/// checked and to 127.0.0.1 when delivered (DNS rebinding) still cannot reach loopback or private services.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options, WebhookDns dns)
{
    /// <summary>Names of cloud metadata services, refused without asking DNS.</summary>
    private static readonly string[] MetadataNames =
        ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"];

    private readonly WebhookAllowList allowed = WebhookAllowList.Parse(options.Value.AllowedTargets);

    /// <summary>Why events may not go to <paramref name="uri"/>'s host, or null when they may.</summary>
    public async Task<string?> ProblemAsync(Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal)) return Refusal(host, literal);
        if (allowed.Names(host)) return null;
        if (NameProblem(host) is { } problem) return problem;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            addresses = await dns.ResolveAsync(host, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return null; // unknown today: every delivery checks the address it dials
        }
        return addresses.Select(a => Refusal(host, a)).FirstOrDefault(p => p is not null);
    }

    /// <summary>
    /// The dispatcher's connection: resolves the host, drops every address that is not allowed, and dials the rest in turn.
    /// Refuses the connection with <see cref="WebhookTargetRefusedException"/> when none is left.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        if (!allowed.Names(host) && NameProblem(host) is { } problem) throw new WebhookTargetRefusedException(problem);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await dns.ResolveAsync(host, cancellationToken);
        var refusals = addresses.Select(a => (Address: a, Refusal: Refusal(host, a))).ToList();
        var dialable = refusals.Where(r => r.Refusal is null).Select(r => r.Address).ToList();
        if (dialable.Count == 0)
            throw new WebhookTargetRefusedException(refusals.Select(r => r.Refusal).FirstOrDefault() ?? $"{host} has no address.");

        Exception? last = null;
        foreach (var address in dialable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
        }
        throw last!;
    }

    private string? Refusal(string host, IPAddress address)
    {
        if (allowed.Names(host) || allowed.Contains(address)) return null;
        return AddressRanges.Kind(address) is { } kind
            ? $"{host} is {(host == address.ToString() ? "" : $"at {address}, ")}{kind}; webhooks go to public addresses "
              + $"unless {WebhookOptions.Section}:{nameof(WebhookOptions.AllowedTargets)} lists it."
            : null;
    }

    private static string? NameProblem(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
            return $"{host} is this machine; webhooks go to public addresses unless Webhooks:AllowedTargets lists it.";
        return MetadataNames.Contains(name) ? $"{host} is a cloud metadata service." : null;
    }
}

/// <summary>A delivery's connection was refused because its address is not one webhooks may reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
