using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.OpenApi;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests;

/// <summary>
/// The OpenAPI document published with the site (src/StatusHub.Api/OpenApi/v1.json, embedded) is the one the server
/// generates from its routes. After a change to the API, refresh it with
/// <c>STATUSHUB_WRITE_OPENAPI=1 dotnet test tests/StatusHub.Api.Tests --filter OpenApiDocumentTests</c> and commit it.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class OpenApiDocumentTests(StatusHubApp app)
{
    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Only the server generates the document.
    public async Task The_committed_document_is_the_one_the_server_generates()
    {
        using var server = app.CreateClient();
        var generated = await server.GetStringAsync("/openapi/v1.json");
        var live = JsonNode.Parse(generated)!.AsObject();
        live.Remove("servers");
        if (Environment.GetEnvironmentVariable("STATUSHUB_WRITE_OPENAPI") == "1")
        {
            var file = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "src", "StatusHub.Api", "OpenApi", "v1.json");
            await File.WriteAllTextAsync(file, live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        Assert.True(
            JsonNode.DeepEquals(live, OpenApiDocumentFile.Embedded()),
            "src/StatusHub.Api/OpenApi/v1.json is not the document the server generates: refresh it with "
            + "STATUSHUB_WRITE_OPENAPI=1 dotnet test tests/StatusHub.Api.Tests --filter OpenApiDocumentTests, then rebuild and commit it.");
    }

    [Fact]
    public async Task A_render_publishes_the_document_in_the_site_without_a_servers_entry_of_its_own_host()
    {
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        var site = app.Services.GetRequiredService<Core.Storage.SiteStore>();
        var file = await site.OpenAsync(OpenApiDocumentFile.SitePath, default);
        Assert.NotNull(file);
        await using var content = file.Content;
        var published = (await JsonNode.ParseAsync(content))!.AsObject();
        Assert.Equal("application/json", file.ContentType);
        Assert.Null(published["servers"]);
        Assert.True(JsonNode.DeepEquals(OpenApiDocumentFile.Embedded(), published));
    }
}
