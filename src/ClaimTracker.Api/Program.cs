using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Contested;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Health;
using ClaimTracker.Api.Matching;
using ClaimTracker.Api.OpenApi;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Search;
using ClaimTracker.Api.Seed;
using ClaimTracker.Api.Sources;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--seed"] = "Database:Seed", ["--db"] = "Database:Path" });
builder.AddRequestLimits();

builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Db>();
builder.Services.AddSingleton<Migrator>();
builder.Services.AddSingleton<SourceStore>();
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddSingleton<ClaimStore>();
builder.Services.AddSingleton<AttributionStore>();
builder.Services.AddSingleton<ReviewStore>();
builder.Services.AddSingleton<SearchStore>();
builder.Services.AddSingleton<ClaimMatcher>();
builder.Services.AddSingleton<ContestedStore>();
builder.Services.AddSingleton<WorkedExample>();
if (!OpenApiSetup.IsGeneratingDocument) builder.Services.AddHostedService<DatabaseStartup>();

builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
builder.Services.AddProblemHandling();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseProblemHandling();
app.UseRequestLimits();
app.UseApiDocumentation();

var api = app.MapGroup("/api/v1").AddEndpointFilter<ValidationFilter>();
api.MapSources();
api.MapDocuments();
api.MapClaims();
api.MapAttributions();
api.MapReviews();
api.MapSearch();
api.MapMatching();
api.MapContested();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
