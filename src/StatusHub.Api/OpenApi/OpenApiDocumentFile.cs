using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StatusHub.Core.PublisherConsole;
using StatusHub.Core.Rendering;

namespace StatusHub.Api.OpenApi;

/// <summary>
/// The OpenAPI document of the API, published with the site at <c>/openapi/v1.json</c> (API.md), so that clients find
/// it where the Functions app serves the API (the Functions app cannot generate it; the local server serves the live
/// one at the same path). The document is the server's own, committed as <c>OpenApi/v1.json</c> and embedded here;
/// a test fails when it no longer equals what the server generates. Its <c>servers</c> entry is the configured API
/// base URL (<c>StatusHub:Console:ApiBaseUrl</c>), else none: the document then describes its own origin.
/// </summary>
public sealed class OpenApiDocumentFile : IDeploymentFiles
{
    public const string SitePath = "openapi/v1.json";
    public const string ResourceName = "StatusHub.Api.OpenApi.v1.json";

    public OpenApiDocumentFile(IOptions<ConsoleOptions> console)
    {
        var document = Embedded();
        document.Remove("servers");
        if (ConsoleFiles.Origin(console.Value.ApiBaseUrl) is not null)
        {
            document["servers"] = new JsonArray(new JsonObject { ["url"] = console.Value.ApiBaseUrl!.Trim().TrimEnd('/') });
        }

        Files = [new SiteFile(SitePath, SiteFile.Json, ConsoleFiles.NoCache, JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions { WriteIndented = true }))];
    }

    public string Folder => "openapi/";

    public IReadOnlyList<SiteFile> Files { get; }

    /// <summary>The committed document as embedded in this assembly.</summary>
    public static JsonObject Embedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
