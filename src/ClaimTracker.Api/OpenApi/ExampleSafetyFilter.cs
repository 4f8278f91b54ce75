using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ClaimTracker.Api.OpenApi;

/// <summary>
/// Says which examples are safe to try (issue 19). "Try it out" with an example that writes changes the seeded worked
/// example, and one that reads what another example creates fails on a fresh start: both are marked, for people in the
/// description and for tools as x-changes-data / x-needs-earlier-example (ExampleRunTests runs every example).
/// </summary>
public sealed class ExampleSafetyFilter : IOperationFilter
{
    // POSTs that only read: they compute an answer from the body and store nothing.
    private static readonly HashSet<string> ReadOnly = ["MatchClaim", "ExtractAttributions"];

    // Reads whose example ids exist only once another example has run.
    private static readonly Dictionary<string, (string Operation, string Note)> NeedsEarlier = new()
    {
        ["GetSuggestion"] = ("SuggestAttributions", "the example id exists after POST /api/v1/documents/doc_1/suggestions has run."),
        ["GetWebhook"] = ("CreateWebhook", "the example id exists after POST /api/v1/webhooks has run."),
        ["ListWebhookDeliveries"] = ("CreateWebhook", "the example id exists after POST /api/v1/webhooks has run."),
        ["GetWebhookDelivery"] = ("CreateWebhook", "deliveries exist after POST /api/v1/webhooks and a change it subscribes to."),
        ["GetImportJob"] = ("ImportNdjson", ImportJobNote),
        ["ListImportJobErrors"] = ("ImportNdjson", ImportJobNote),
    };

    private const string ImportJobNote =
        "the example id exists after POST /api/v1/import.ndjson has run with Prefer: respond-async (or a body over 4 MiB).";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName ?? "";
        var method = context.ApiDescription.HttpMethod ?? "GET";
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        if (!HttpMethods.IsGet(method) && !ReadOnly.Contains(name))
        {
            operation.Extensions["x-changes-data"] = new JsonNodeExtension(JsonValue.Create(true));
            operation.Description += "\n\n*Try it out:* this example changes the stored data (the seeded worked example); "
                + "start again with a fresh database to undo it.";
        }
        else if (NeedsEarlier.TryGetValue(name, out var needs))
        {
            operation.Extensions["x-needs-earlier-example"] = new JsonNodeExtension(JsonValue.Create(needs.Operation));
            operation.Description += $"\n\n*Try it out:* {needs.Note}";
        }
    }
}
