using System.ComponentModel;
using ClaimTracker.Api.Common;
using ClaimTracker.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Documents;

/// <summary>Documents: the texts statements appear in.</summary>
public static class DocumentsApi
{
    public static void MapDocuments(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/documents").WithTags("Documents");

        group.MapGet("/", List).Describe("ListDocuments", "List documents",
            "Pages through documents; filter by publisher, language, exact URL (\"is this article stored?\"), "
            + "publication dates or title words. Texts can be a million characters each, so a list leaves them out "
            + "(text is null; contentHash says whether there is one) unless include=text, and then a page holds "
            + $"at most {TextPageLimit} documents. GET /documents/{{documentId}} always has the text.")
            .Problems();
        group.MapGet("/{documentId}", Get).Describe("GetDocument", "Get a document",
            "Reads one document with its full text, exactly as submitted, and the sha256 of that text.")
            .Problems(404);
        group.MapPost("/", Create).Describe("CreateDocument", "Store a document",
            "Stores a document. Its text is kept byte for byte, since attribution quotes are anchored to its code-point offsets. "
            + "The same text or URL again answers 409 with the stored document's Location. Documents cannot be edited: delete and store again.")
            .Problems(409, 413, 415, 422);
        group.MapDelete("/{documentId}", Delete).Describe("DeleteDocument", "Delete a document",
            "Deletes a document. While attributions are anchored in it the answer is 409; with cascade=true they are deleted with it.")
            .Problems(404, 409, 412);
    }

    /// <summary>The most documents a page holds with their texts, each up to 1,000,000 characters.</summary>
    public const int TextPageLimit = 20;

    private static async Task<Ok<Page<Document>>> List(
        [AsParameters] DocumentFilter filter, [AsParameters] PageQuery page,
        [Description("text: include each document's full text (a page then holds at most 20 documents).")]
        DocumentInclude? include,
        DocumentStore store, HttpContext context)
    {
        var withText = include == DocumentInclude.text;
        // A limit out of range stays as asked, so that the page query refuses it.
        if (withText && page.Take is > TextPageLimit and <= PageQuery.MaxLimit)
            page = new PageQuery { Limit = TextPageLimit, Cursor = page.Cursor, Sort = page.Sort };
        return PageResults.Ok(context, await store.ListAsync(filter, page, withText));
    }

    private static async Task<Ok<Document>> Get([Description("Document id, e.g. doc_1.")] string documentId, DocumentStore store, HttpContext context)
    {
        var document = await Find(store, documentId);
        ETags.Set(context, document.Version);
        return TypedResults.Ok(document.Resource);
    }

    private static async Task<Created<Document>> Create(DocumentInput input, DocumentStore store, HttpContext context)
    {
        var document = await store.CreateAsync(WriteOrigin.Of(context), input);
        ETags.Set(context, document.Version);
        return TypedResults.Created($"/api/v1/documents/{document.Resource.Id}", document.Resource);
    }

    private static async Task<NoContent> Delete(
        [Description("Document id, e.g. doc_1.")] string documentId,
        [Description("Also delete the attributions anchored in this document.")] bool? cascade,
        DocumentStore store, HttpContext context)
    {
        var current = await Find(store, documentId);
        ETags.Check(context.Request, current.Version);
        await store.DeleteAsync(WriteOrigin.Of(context), current, cascade ?? false);
        return TypedResults.NoContent();
    }

    private static async Task<Versioned<Document>> Find(DocumentStore store, string documentId) =>
        await store.GetAsync(Ids.Parse(Ids.Document, documentId, "document")) ?? throw ApiProblem.NotFound("document", documentId);
}
