using System.Text.Json;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.ClaimReviews;

/// <summary>One imported ClaimReview as the inputs the stores take, with the JSON path it was read from.</summary>
public sealed record ClaimReviewIn(
    string Path, ClaimInput Claim, ReviewInput Review, IReadOnlyList<SourceInput> Claimants, IReadOnlyList<DocumentInput> Appearances, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads ClaimReview JSON-LD (one object, an array, or a page's <c>@graph</c>) into store inputs. JSON-LD is
/// open-world, so properties it does not map are ignored; everything it needs is checked, by the same
/// validation as the JSON routes, and every problem is reported at once under its JSON path (422).
/// </summary>
public sealed partial class ClaimReviewReader
{
    // One request's work is bounded (issue 16): each claimant is attributed in each appearance, so one 23 KB ClaimReview
    // with 500 × 500 of them made 250,000 attributions in one 46 s transaction that held up every other write.
    public const int MaxClaimants = 50, MaxAppearances = 100, MaxAttributionsPerReview = 1_000, MaxReviews = 1_000, MaxAttributions = 10_000;

    private readonly Dictionary<string, List<string>> errors = [];
    private readonly Dictionary<string, JsonElement> nodes = [];

    // What was guessed while reading the current ClaimReview (a name from a url, a time without zone), for its answer.
    private List<string> warnings = [];

    public static IReadOnlyList<ClaimReviewIn> Read(JsonElement root)
    {
        var reader = new ClaimReviewReader();
        var items = reader.Items(root);
        if (items.Count > MaxReviews) reader.Error("$", $"{items.Count} ClaimReviews in one request; send at most {MaxReviews:N0} at a time.");
        var attributions = items.Sum(i => i.Claimants.Count * i.Appearances.Count);
        if (attributions > MaxAttributions)
            reader.Error("$", $"These ClaimReviews would make {attributions:N0} attributions (claimants × appearances); "
                + $"one request makes at most {MaxAttributions:N0}: send fewer at a time.");
        if (reader.errors.Count == 0) return items;
        throw new ApiProblem(422, ApiProblem.TypeBase + "invalid-claimreview", "Not a ClaimReview this service can import",
            $"{reader.errors.Values.Sum(e => e.Count)} problem(s) found; nothing was imported. See errors, keyed by JSON path.")
        {
            Errors = reader.errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        };
    }

    private List<ClaimReviewIn> Items(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("@graph", out var graph))
        {
            if (graph.ValueKind != JsonValueKind.Array) return Fail("$.@graph", "must be an array of nodes.");
            foreach (var node in graph.EnumerateArray())
                if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String) nodes[id.GetString()!] = node;
            // A page's graph also holds its WebPage, Organization… nodes: only the ClaimReviews are imported.
            var reviews = graph.EnumerateArray().Select((node, i) => (Node: node, Path: $"$.@graph[{i}]")).Where(n => IsClaimReview(n.Node)).ToList();
            if (reviews.Count == 0) return Fail("$.@graph", "contains no node of @type ClaimReview.");
            return reviews.Select(r => Item(r.Node, r.Path, root.TryGetProperty("@context", out var context) ? context : null)).ToList();
        }
        if (root.ValueKind == JsonValueKind.Object) return [Item(root, "$", null)];
        if (root.ValueKind != JsonValueKind.Array) return Fail("$", "Send a ClaimReview object, an array of them, or an object with @graph.");
        if (root.GetArrayLength() == 0) return Fail("$", "The array is empty.");
        return root.EnumerateArray().Select((node, i) => Item(node, $"$[{i}]", null)).ToList();
    }

    private ClaimReviewIn Item(JsonElement node, string path, JsonElement? inherited)
    {
        warnings = [];
        if (node.ValueKind != JsonValueKind.Object) { Error(path, "must be a ClaimReview object."); return new(path, new(), new(), [], [], []); }
        var context = node.TryGetProperty("@context", out var own) ? own : inherited;
        if (context is not { } c || !(IsSchemaOrg(c) || c.ValueKind == JsonValueKind.Array && c.EnumerateArray().Any(IsSchemaOrg)))
            Error(path + ".@context", "must be https://schema.org.");
        if (!IsClaimReview(node)) Error(path + ".@type", "must be ClaimReview.");

        var url = Text(node, path, "url", required: true);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            Error(path + ".url", "must be an absolute http(s) URL: it identifies the review, so a second import updates it.");
        var (rating, words) = Rating(node, path);
        var claim = Resolve(Prop(node, "itemReviewed"));
        var claimPath = path + ".itemReviewed";
        if (claim is { } k && (k.ValueKind != JsonValueKind.Object || Types(k) is { Count: > 0 } types && !types.Overlaps(["Claim", "CreativeWork"])))
        {
            Error(claimPath, "must be a Claim object.");
            claim = null;
        }

        var claimInput = new ClaimInput
        {
            Text = Text(node, path, "claimReviewed", required: true), Language = Text(node, path, "inLanguage"),
            ClaimDate = claim is { } d ? Date(d, claimPath, "datePublished") : null,
        };
        var review = new ReviewInput
        {
            Url = url, Rating = rating?.Rating ?? Reviews.Rating.unproven, RatingValue = rating?.Value, TextualRating = words,
            Summary = Text(node, path, "reviewBody") ?? Text(node, path, "description"), Reviewer = Names(node, path, "author").Select(n => n.Name).FirstOrDefault(),
            PublishedAt = Date(node, path, "datePublished"), Title = Text(node, path, "headline") ?? Text(node, path, "name"),
        };
        Validate(claimInput, path, new() { ["text"] = "claimReviewed", ["language"] = "inLanguage", ["claimDate"] = "itemReviewed.datePublished" });
        Validate(review, path, new() { ["textualRating"] = "reviewRating.alternateName", ["summary"] = "reviewBody", ["reviewer"] = "author.name", ["title"] = "headline" });
        var claimants = claim is { } a ? Names(a, claimPath, "author").Select(n => Claimant(n.Node, n.Path, n.Name)).ToList() : [];
        var appearances = claim is { } w ? Appearances(w, claimPath) : [];
        if (claimants.Count > MaxClaimants)
            Error(claimPath + ".author", $"has {claimants.Count} claimants; at most {MaxClaimants} are imported per ClaimReview.");
        if (appearances.Count > MaxAppearances)
            Error(claimPath + ".appearance", $"has {appearances.Count} appearances with a url; at most {MaxAppearances} are imported per ClaimReview.");
        if (claimants.Count * appearances.Count > MaxAttributionsPerReview)
            Error(claimPath, $"{claimants.Count} claimants in {appearances.Count} appearances would make {claimants.Count * appearances.Count:N0} "
                + $"attributions; at most {MaxAttributionsPerReview:N0} are made per ClaimReview.");
        return new ClaimReviewIn(path, claimInput, review, claimants, appearances, warnings);
    }

    private (RatingTable.Match? Match, string? Words) Rating(JsonElement node, string path)
    {
        path += ".reviewRating";
        if (Prop(node, "reviewRating") is { ValueKind: JsonValueKind.String } plain && RatingTable.FromText(plain.GetString()) is { } named)
        {
            warnings.Add($"{path} is a plain text, not a Rating: read as its alternateName.");
            return (named, plain.GetString());
        }
        if (Resolve(Prop(node, "reviewRating")) is not { ValueKind: JsonValueKind.Object } rating)
        {
            Error(path, "is required: a Rating with alternateName (the verdict in words) and/or ratingValue.");
            return (null, null);
        }
        var words = Text(rating, path, "alternateName") ?? Text(rating, path, "name");
        var value = Number(rating, path, "ratingValue");
        var best = Number(rating, path, "bestRating") ?? 5;
        var worst = Number(rating, path, "worstRating") ?? 1;
        var match = RatingTable.FromText(words) ?? (value is { } v ? RatingTable.FromScale(v, best, worst) : null);
        if (match is not null) return (match, words);
        if (words is null && value is null) Error(path + ".alternateName", "is required (or a ratingValue on a bestRating/worstRating scale).");
        if (words is not null) Error(path + ".alternateName", $"'{words}' is not in the rating table; give ratingValue with bestRating and worstRating, or one of: {string.Join(", ", RatingTable.Textual.Keys)}.");
        if (value is not null) Error(path + ".ratingValue", $"{value} does not lie on the scale from worstRating {worst} to bestRating {best}.");
        return (null, words);
    }

    private SourceInput Claimant(JsonElement? node, string path, string name)
    {
        var sameAs = node is { } n ? Many(Prop(n, "sameAs")).Where(s => s.ValueKind == JsonValueKind.String).Select(s => Wikidata().Match(s.GetString()!)) : [];
        var source = new SourceInput
        {
            Name = name,
            // "@type": ["Organization", "NewsMediaOrganization"] is common: the most specific type known decides.
            Kind = (node is { } t ? Types(t) : []) switch
            {
                var types when types.Contains("Person") => SourceKind.person,
                var types when types.Contains("GovernmentOrganization") => SourceKind.government,
                var types when types.Contains("NewsMediaOrganization") => SourceKind.news_outlet,
                _ => SourceKind.organization,
            },
            WikidataId = sameAs.FirstOrDefault(m => m.Success)?.Groups[1].Value,
            Url = node is { } u ? Text(u, path, "url") : null,
        };
        Validate(source, path, new() { ["slug"] = "name", ["wikidataId"] = "sameAs" });
        return source;
    }

    private List<DocumentInput> Appearances(JsonElement claim, string path)
    {
        var found = new List<DocumentInput>();
        foreach (var property in new[] { "firstAppearance", "appearance" })
        foreach (var (work, i) in Many(Prop(claim, property)).Select((w, i) => (Resolve(w)!.Value, i)))
        {
            var at = $"{path}.{property}" + (Prop(claim, property)?.ValueKind == JsonValueKind.Array ? $"[{i}]" : "");
            var url = work.ValueKind == JsonValueKind.String ? work.GetString() : work.ValueKind == JsonValueKind.Object ? Text(work, at, "url") : null;
            if (url is null)
            {
                // Documents are matched by URL; a work known only by its headline (as this API publishes a text without one) cannot be.
                if (work.ValueKind == JsonValueKind.Object) warnings.Add($"{at} has no url, so it is not stored as a document.");
                else Error(at, "must be a URL or a CreativeWork with a url.");
                continue;
            }
            if (found.Any(f => f.Url == url)) continue;
            var title = work.ValueKind == JsonValueKind.Object ? Text(work, at, "headline") ?? Text(work, at, "name") : null;
            var document = new DocumentInput
            {
                Url = url, Title = title ?? (url.Length <= 500 ? url : url[..500]),
                PublishedAt = work.ValueKind == JsonValueKind.Object ? Date(work, at, "datePublished") : null,
            };
            Validate(document, at, new() { ["title"] = "headline" });
            found.Add(document);
        }
        return found;
    }
}
