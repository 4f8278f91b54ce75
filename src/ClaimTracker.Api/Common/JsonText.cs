using System.Text.Json;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Checks that every string and member name of a parsed JSON body is text. JSON lets an escape spell half a surrogate
/// pair (<c>"\ud800"</c>), which no string of characters holds: System.Text.Json parses it but throws an
/// InvalidOperationException when the value is read, which without this check was a 500. Typed bodies need no check:
/// the serializer already reports them as malformed JSON.
/// </summary>
public static class JsonText
{
    /// <summary>A 400 validation problem naming the first string or member name that is not valid text.</summary>
    public static void Require(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (!IsText(() => member.Name)) throw Invalid(path + ".*");
                    Require(member.Value, $"{path}.{member.Name}");
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Require(item, $"{path}[{index++}]");
                break;
            case JsonValueKind.String:
                if (!IsText(element.GetString)) throw Invalid(path);
                break;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ApiProblem Invalid(string path) => ApiProblem.Validation(path,
        "The value holds an unpaired surrogate escape (such as \\ud800), which is not a character; "
        + "send text as UTF-8 or paired escapes.");
}
