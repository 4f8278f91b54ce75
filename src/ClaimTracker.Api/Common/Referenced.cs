namespace ClaimTracker.Api.Common;

/// <summary>The 409 answered when deleting a row that others still refer to.</summary>
public static class Referenced
{
    public static ApiProblem Problem(string resource, string id, Dictionary<string, long> references) =>
        new(409, ApiProblem.TypeBase + "still-referenced", "Still referenced",
            $"The {resource} '{id}' is still referred to ({string.Join(", ", references.Where(r => r.Value > 0).Select(r => $"{r.Value} {r.Key}"))}). "
            + "Delete those first, or repeat with ?cascade=true to delete what depends on it too.")
        {
            Extensions = { ["references"] = references },
        };
}
