using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Audit;
using ClaimTracker.Api.Auth;
using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Cli;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Contested;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.FactCheckTools;
using ClaimTracker.Api.Health;
using ClaimTracker.Api.Home;
using ClaimTracker.Api.Hosting;
using ClaimTracker.Api.Idempotency;
using ClaimTracker.Api.ImportJobs;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.OpenApi;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Sources;
using ClaimTracker.Api.Suggestions;
using ClaimTracker.Api.Webhooks;

// ClaimTracker.Api migrate|seed|keys|backup|restore …: the admin command line, not the server.
if (AdminCommandLine.Handles(args)) return await AdminCommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--seed"] = "Database:Seed", ["--db"] = "Database:Path" });
builder.AddRequestLimits();

builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddSingleton<SourceStore>();
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddSingleton<ClaimStore>();
builder.Services.AddSingleton<AttributionStore>();
builder.Services.AddSingleton<ReviewStore>();
builder.Services.AddSingleton<Extractor>();
builder.Services.AddSingleton<SuggestionStore>();
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddSingleton<AuditStore>();
builder.Services.AddSingleton<IdempotencyStore>();
builder.Services.AddSearch();
builder.Services.AddMatching(builder.Configuration);
builder.Services.AddSingleton<ContestedStore>();
builder.Services.AddSingleton<ClaimReviewStore>();
builder.Services.AddSingleton<ClaimReviewImporter>();
builder.Services.AddSingleton<NdjsonExport>();
builder.Services.AddSingleton<NdjsonImport>();
builder.Services.AddImportJobs();
builder.Services.AddSingleton<WorkedExample>();

builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
builder.Services.AddProblemHandling();
builder.Services.AddApiKeys();
builder.Services.AddFactCheckTools();
builder.Services.AddWebHardening(builder.Configuration);
builder.Services.AddWebhooks();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseProblemHandling();
app.UseRequestLimits();
app.UseWebHardening();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestTimeouts();
app.UseMiddleware<IdempotencyMiddleware>();
app.UseApiDocumentation();

var api = app.MapGroup("/api/v1")
    .RequireAuthorization(Scopes.Api)
    .AddEndpointFilter<QueryValuesFilter>()
    .AddEndpointFilter<ValidationFilter>()
    .AddEndpointFilter<RequestDeadlineFilter>();
api.MapSources();
api.MapDocuments();
api.MapClaims();
api.MapAttributions();
api.MapReviews();
api.MapSuggestions();
api.MapAudit();
api.MapKeys();
api.MapSearch();
api.MapMatching();
api.MapContested();
api.MapClaimReviews();
api.MapCsvExports();
api.MapNdjson();
api.MapImportJobs();
api.MapWebhooks();
app.MapFactCheckTools();
app.MapHealth();
app.MapHome();

app.Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
