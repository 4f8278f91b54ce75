using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.ClaimReviews;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using ClaimTracker.Api.Documents;
using ClaimTracker.Api.Exports;
using ClaimTracker.Api.Health;
using ClaimTracker.Api.OpenApi;
using ClaimTracker.Api.Reviews;
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
builder.Services.AddSingleton<ClaimReviewStore>();
builder.Services.AddSingleton<ClaimReviewImporter>();
builder.Services.AddSingleton<NdjsonExport>();
builder.Services.AddSingleton<NdjsonImport>();
builder.Services.AddSingleton<WorkedExample>();
if (!OpenApiSetup.IsGeneratingDocument) builder.Services.AddHostedService<DatabaseStartup>();

builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
builder.Services.AddProblemHandling();
builder.Services.AddApiDocumentation();

var app = builder.Build();

app.UseProblemHandling();
app.UseRequestLimits();
app.UseApiDocumentation();

var api = app.MapGroup("/api/v1").AddEndpointFilter<EnumQueryFilter>().AddEndpointFilter<ValidationFilter>();
api.MapSources();
api.MapDocuments();
api.MapClaims();
api.MapAttributions();
api.MapReviews();
api.MapClaimReviews();
api.MapCsvExports();
api.MapNdjson();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
