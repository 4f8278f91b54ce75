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

    [Fact]
    public async Task Writes_committed_together_roll_back_one_by_one_and_each_keeps_its_audit_entry()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var claimId = await Given.ClaimAsync(client);
        const string quote = "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine";

        // Every third write names a quote the document lacks: its 422 is thrown inside the shared transaction.
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.PostJsonAsync($"/api/v1/claims/{claimId}/attributions",
            new { sourceId = "us-government", documentId = "doc_1", cue = "said", stance = "asserts", quote = i % 3 == 0 ? "no such words" : quote, note = $"w{i}" })));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        using var db = factory.OpenDatabase();
        var notes = (await db.QueryAsync<string>("SELECT note FROM attributions WHERE claim_id = @Id", new { Id = long.Parse(claimId[4..]) })).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 3 != 0).Select(i => $"w{i}").ToHashSet(), notes);
        var audited = await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE resource = 'attribution' AND operation = 'create' AND instr(after, @ClaimId) > 0 AND actor <> 'system'",
            new { ClaimId = $"\"claimId\":\"{claimId}\"" });
        Assert.Equal(40, audited);
    }
}
