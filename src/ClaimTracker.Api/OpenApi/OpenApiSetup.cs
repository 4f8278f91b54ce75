using System.Reflection;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.OpenApi;

/// <summary>The OpenAPI document (generated from the endpoints' metadata) and the Swagger UI at /swagger.</summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        // Swashbuckle reads enum and naming rules from the MVC JSON options; make them the API's own.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => Common.Json.Configure(options.JsonSerializerOptions));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ClaimTracker API",
                Version = "v1",
                Description = ApiDescription.Text,
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") },
                Contact = new OpenApiContact { Name = "ClaimTracker maintainers", Url = new Uri("https://claimtracker.dev") },
            });
            // The document describes whatever host serves it: clients resolve paths against the address they fetched it from.
            options.AddServer(new OpenApiServer { Url = "/", Description = "This ClaimTracker server" });
            // Audit entries carry resources as they were: any JSON object, or null.
            options.MapType<System.Text.Json.JsonElement>(() => new OpenApiSchema { Type = JsonSchemaType.Object });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml"));
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            SecurityFilter.AddDefinitions(options);
            options.OperationFilter<SecurityFilter>();
            options.SchemaFilter<RequiredInputsFilter>();
            options.OperationFilter<CamelCaseQueryFilter>();
            options.OperationFilter<RequiredQueryFilter>();
            options.OperationFilter<OneOrManyFilter>();
            options.OperationFilter<ExampleSafetyFilter>();
            options.OperationFilter<MiddlewareResponsesFilter>();
            options.OperationFilter<MergePatchSchemaFilter>();
            options.SchemaFilter<ProblemDetailsFilter>();
            options.SchemaFilter<NullableReferencesFilter>();
            options.SchemaFilter<OneOrManyPropertyFilter>();
            options.OperationFilter<ExamplesFilter>();
            options.DocumentFilter<TagsFilter>();
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        // Only requests under /swagger reach these middlewares: the document generator they resolve on their first request
        // (which reads the XML comments) is then not built by the first /health after a start.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), docs =>
        {
            docs.UseSwagger();
            docs.UseSwaggerUI(ui =>
            {
                ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "ClaimTracker API v1");
                ui.DocumentTitle = "ClaimTracker API";
                ui.EnableDeepLinking();
                ui.DisplayRequestDuration();
                ui.EnablePersistAuthorization();
            });
        });
        return app;
    }

    /// <summary>True while the build runs the app only to write openapi/: nothing may touch the database then.</summary>
    public static bool IsGeneratingDocument => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
