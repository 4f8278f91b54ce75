namespace ClaimTracker.Api.Common;

/// <summary>
/// A request the API refuses, thrown from anywhere in a handler or store and turned into an
/// RFC 9457 problem in one place (<see cref="ProblemHandling"/>). Throwing inside a write rolls
/// its transaction back, so a refused request never leaves half a change behind.
/// </summary>
public sealed class ApiProblem(int status, string type, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; init; }
    public IDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>Headers the answer carries: Location of a duplicate's original, WWW-Authenticate, Retry-After.</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public const string TypeBase = "https://claimtracker.dev/problems/";

    public static ApiProblem NotFound(string resource, string id) =>
        new(404, TypeBase + "not-found", "Not found", $"No {resource} has the id '{id}'.");

    public static ApiProblem Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblem Validation(IDictionary<string, string[]> errors) =>
        new(400, TypeBase + "validation", "The request is not valid", "One or more fields are not valid; see errors.") { Errors = errors };

    /// <summary>A 504: the request, or its database statement, ran out of time and was cancelled.</summary>
    public static ApiProblem Timeout(string detail) =>
        new(504, TypeBase + "timeout", "The request took too long", detail);

    public static ApiProblem Conflict(string type, string title, string detail) => new(409, TypeBase + type, title, detail);

    public static ApiProblem Unprocessable(string type, string title, string detail) => new(422, TypeBase + type, title, detail);

    public static ApiProblem PreconditionFailed(string etag) =>
        new(412, TypeBase + "precondition-failed", "The resource has changed",
            $"If-Match did not match the current ETag {etag}; read the resource again and reapply your change.");
}
