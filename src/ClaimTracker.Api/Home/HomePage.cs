namespace ClaimTracker.Api.Home;

/// <summary>The page at <c>/</c>: what the service is, and where to go next.</summary>
public static class HomePage
{
    public static void MapHome(this IEndpointRouteBuilder app) =>
        app.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8")).ExcludeFromDescription();

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>ClaimTracker</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
            h1 { margin-bottom: 0; } p.lead { color: #555; margin-top: .25rem; }
            code, pre { background: #f3f3f3; border-radius: 4px; } pre { padding: .75rem; overflow-x: auto; }
            li { margin: .3rem 0; }
          </style>
        </head>
        <body>
          <h1>ClaimTracker</h1>
          <p class="lead">Who said what, where, in which words, through whom — and what fact-checkers concluded.</p>
          <p>ClaimTracker records <strong>claims</strong> (checkable statements), the <strong>sources</strong> that make them
             (governments, state media, named people, unnamed "experts"), the <strong>documents</strong> they appear in,
             <strong>attributions</strong> that anchor each source's exact words in the document text, and <strong>reviews</strong>
             with verdicts. It is seeded with an AFP dispatch from Seoul of 19 November 2024.</p>
          <ul>
            <li><a href="/swagger">Swagger UI</a> — browse and try every operation (press <em>Authorize</em> with your API key)</li>
            <li><a href="/swagger/v1/swagger.json">OpenAPI document</a> — generate a client from it</li>
            <li><a href="/health">Health check</a> — the database answers and migrations are current</li>
          </ul>
          <h2>Quick start</h2>
          <p>The first start prints an admin API key to the console. Then:</p>
          <pre>export KEY=ct_…
        curl -H "Authorization: Bearer $KEY" 'http://localhost:5000/api/v1/sources/resolve?name=Washington'
        curl -H "Authorization: Bearer $KEY" http://localhost:5000/api/v1/claims/clm_3</pre>
          <p>The second call shows the claim that North Korea sent more than 10,000 soldiers to help Russia, asserted jointly by the
             United States and South Korea, with the exact words of the dispatch and their offsets.</p>
        </body>
        </html>
        """;
}
