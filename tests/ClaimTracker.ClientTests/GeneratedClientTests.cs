using ClaimTracker.Client;
using ClaimTracker.Tests.Infrastructure;

namespace ClaimTracker.ClientTests;

/// <summary>
/// The worked example through a C# client generated from openapi/claimtracker.v1.json at build time:
/// if the document lies about a route, a field or an error, these tests fail.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ClaimTrackerClient client = new(factory.CreateClient());

    [Fact]
    public async Task Washington_resolves_by_alias_to_the_US_government()
    {
        var result = await client.ResolveSourceAsync("Washington");

        var best = result.Items.First();
        Assert.Equal("us-government", best.Source.Slug);
        Assert.Equal(SourceKind.Government, best.Source.Kind);
        Assert.Equal("alias", best.Field);
    }

    [Fact]
    public async Task The_10000_soldiers_claim_reads_with_its_attributions_and_review()
    {
        var claim = await client.GetClaimAsync("clm_3");

        Assert.Equal("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", claim.Text);
        Assert.Equal(["south-korea-government", "us-government"], claim.Attributions!.Select(a => a.Source.Slug).Order());
        Assert.All(claim.Attributions!, a => Assert.Equal(Stance.Asserts, a.Stance));
        Assert.Equal(1008, claim.Attributions!.First().Selector!.Position.Start);
        Assert.Equal(Rating.Mostly_true, claim.Reviews!.Single().Rating);
    }

    [Fact]
    public async Task An_attribution_created_through_the_client_comes_back_anchored()
    {
        var created = await client.CreateAttributionAsync("clm_6", new AttributionInput
        {
            SourceId = "south-korea-government",
            DocumentId = "doc_1",
            Cue = "has said",
            Stance = Stance.Asserts,
            Quote = "North Korean troops have begun combat operations alongside Russian forces",
        });

        Assert.Equal("clm_6", created.ClaimId);
        Assert.Equal(1936, created.Selector!.Position.Start);
        Assert.Equal(2009, created.Selector!.Position.End);
        Assert.Equal("south-korea-government", created.Source.Slug);
    }

    [Fact]
    public async Task A_problem_arrives_as_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<ClaimTrackerException<ProblemDetails>>(() => client.GetClaimAsync("clm_999"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(404, error.Result.Status);
        Assert.Equal("No claim has the id 'clm_999'.", error.Result.Detail);
    }

    [Fact]
    public async Task An_unanchorable_quote_arrives_as_a_typed_422()
    {
        var error = await Assert.ThrowsAsync<ClaimTrackerException<ProblemDetails>>(() => client.CreateAttributionAsync("clm_6", new AttributionInput
        {
            SourceId = "kcna", DocumentId = "doc_1", Stance = Stance.Denies, Quote = "words nobody wrote",
        }));

        Assert.Equal(422, error.StatusCode);
        Assert.EndsWith("quote-not-found", error.Result.Type);
    }
}
