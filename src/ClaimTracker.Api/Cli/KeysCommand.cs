using System.CommandLine;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;

namespace ClaimTracker.Api.Cli;

/// <summary><c>keys create|list|revoke</c>: API keys from a shell, e.g. to get back in when no admin key is at hand.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke API keys.");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Revoke());
        return keys;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "Who or what uses the key; recorded as the actor of its changes.", Required = true };
        var scope = new Option<string>("--scope") { Description = "read, write or admin.", Required = true };
        scope.AcceptOnlyFromAmong(Enum.GetNames<Scope>());
        var command = new Command("create", "Create an API key and print it once: it is stored only as a hash.") { name, scope };
        command.SetAction(async (result, _) =>
        {
            var keyName = result.GetValue(name)!.Trim();
            if (keyName.Length is 0 or > 100 || keyName.Any(char.IsControl)) throw new CliException("--name must be 1 to 100 printable characters.");
            using var cli = CliHost.Open(result, mustExist: true);
            await cli.MigrateAsync();
            var created = await cli.Get<ApiKeyStore>().CreateAsync(WriteOrigin.System, keyName, Enum.Parse<Scope>(result.GetValue(scope)!));
            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync(created.Key);
            await output.WriteLineAsync($"Created {created.ApiKey.Id} '{created.ApiKey.Name}' with scope {created.ApiKey.Scope}. The key above is shown this once.");
            return AdminCommandLine.Done;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List every key: id, scope, name, creation, last use and revocation. Never a secret.");
        command.SetAction(async (result, _) =>
        {
            using var cli = CliHost.Open(result, mustExist: true);
            await cli.MigrateAsync();
            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync($"{"ID",-16} {"SCOPE",-6} {"CREATED",-20} {"LAST USED",-20} {"REVOKED",-20} NAME");
            string? cursor = null;
            do
            {
                var page = await cli.Get<ApiKeyStore>().ListAsync(new PageQuery { Limit = PageQuery.MaxLimit, Cursor = cursor });
                foreach (var key in page.Items)
                    await output.WriteLineAsync($"{key.Id,-16} {key.Scope,-6} {Show(key.CreatedAt),-20} {Show(key.LastUsedAt),-20} {Show(key.RevokedAt),-20} {key.Name}");
                cursor = page.NextCursor;
            } while (cursor is not null);
            return AdminCommandLine.Done;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("key-id") { Description = "The key's id, e.g. key_k3x9m2p7qa (see 'keys list')." };
        var command = new Command("revoke", "Revoke a key: a server running on the database refuses it within 30 seconds (at once when revoked through the API).") { id };
        command.SetAction(async (result, _) =>
        {
            using var cli = CliHost.Open(result, mustExist: true);
            await cli.MigrateAsync();
            var keyId = result.GetValue(id)!;
            var revoked = await cli.Get<ApiKeyStore>().RevokeAsync(keyId) ?? throw new CliException($"No API key has the id '{keyId}'.");
            await result.InvocationConfiguration.Output.WriteLineAsync($"Revoked {revoked.Id} '{revoked.Name}' at {Show(revoked.RevokedAt)}.");
            return AdminCommandLine.Done;
        });
        return command;
    }

    private static string Show(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
