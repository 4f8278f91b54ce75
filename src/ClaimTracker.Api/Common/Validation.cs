using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace ClaimTracker.Api.Common;

/// <summary>
/// The one validation mechanism: request bodies declare their rules with data annotations
/// (which the OpenAPI document also publishes), and this endpoint filter checks every body
/// argument before the handler runs, answering a 400 problem with field-level errors.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatedBody body) Check(body);
        }
        return await next(context);
    }

    public static void Check(object body)
    {
        if (Errors(body) is { } errors) throw ApiProblem.Validation(errors);
    }

    /// <summary>The errors of a body by camelCase field, or null when it is valid; for callers that report errors under their own paths (imports).</summary>
    public static Dictionary<string, string[]>? Errors(object body)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true)) return null;
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: Camel(m), r.ErrorMessage)))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "is not valid").Distinct().ToArray());
    }

    private static string Camel(string name) => name.Length == 0 ? "$" : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>Marks a request body that <see cref="ValidationFilter"/> checks.</summary>
public interface IValidatedBody;

/// <summary>
/// Text that can be stored and shown safely: no control characters (line breaks and tabs only
/// where <see cref="Multiline"/>), no unpaired UTF-16 surrogates (they cannot be stored as
/// UTF-8 unchanged), and, unless <see cref="AllowBlank"/>, not only white space.
/// On a list, every item is checked, and <see cref="MaxItemLength"/> bounds each one.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CleanTextAttribute : ValidationAttribute
{
    public bool Multiline { get; init; }
    public bool AllowBlank { get; init; }
    public int MaxItemLength { get; init; } = int.MaxValue;

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var items = value switch
        {
            null => [],
            string s => [s],
            IEnumerable list => list.Cast<object?>().Select(i => i as string).ToArray(),
            _ => [],
        };
        foreach (var item in items)
        {
            var problem = item is null ? "must not contain null" : Problem(item);
            if (problem is not null) return new ValidationResult($"{context.DisplayName} {problem}.", [context.MemberName!]);
        }
        return ValidationResult.Success;
    }

    private string? Problem(string text)
    {
        if (!AllowBlank && string.IsNullOrWhiteSpace(text)) return "must not be blank";
        if (text.Length > MaxItemLength) return $"items must be at most {MaxItemLength} characters";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return "contains an unpaired surrogate (invalid Unicode)";
            if (c is '\ufffe' or '\uffff') return $"contains the noncharacter U+{(int)c:X4}";
            if (Multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c)) return $"contains the control character U+{(int)c:X4}";
        }
        return null;
    }
}
