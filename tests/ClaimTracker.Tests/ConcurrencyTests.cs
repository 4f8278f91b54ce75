using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Dapper;

namespace ClaimTracker.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Sixteen_parallel_writers_lose_no_attribution()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var claimId = await Given.ClaimAsync(client);
        const string quote = "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine";

        var writers = Enumerable.Range(0, 16).Select(async writer =>
        {
            var created = 0;
            for (var i = 0; i < 25; i++)
            {
                var response = await client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
                    new { sourceId = "us-government", documentId = "doc_1", cue = "said", stance = "asserts", quote, note = $"{writer}/{i}" });
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                created++;
            }
            return created;
        });
        var acknowledged = (await Task.WhenAll(writers)).Sum();

        using var db = factory.OpenDatabase();
        var stored = await db.QueryAsync<string>("SELECT note FROM attributions WHERE claim_id = @Id", new { Id = long.Parse(claimId[4..]) });
        Assert.Equal(400, acknowledged);
        Assert.Equal(acknowledged, stored.Distinct().Count());
        Assert.Equal(acknowledged, stored.Count());
    }
}
