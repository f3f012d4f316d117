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

        var committed = OpenApiDocumentFile.Embedded();
        Assert.True(
            JsonNode.DeepEquals(live, committed),
            $"src/StatusHub.Api/OpenApi/v1.json is not the document the server generates (first difference at {FirstDifference(committed, live, "#")}): "
            + "review the change to the API, then refresh it with "
            + "STATUSHUB_WRITE_OPENAPI=1 dotnet test tests/StatusHub.Api.Tests --filter OpenApiDocumentTests, rebuild and commit it.");
    }

    /// <summary>The JSON pointer of the first place where <paramref name="committed"/> and <paramref name="generated"/> differ, with both values.</summary>
    private static string FirstDifference(JsonNode? committed, JsonNode? generated, string pointer)
    {
        if (committed is JsonObject left && generated is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(left[key], right[key]))
                {
                    return FirstDifference(left[key], right[key], $"{pointer}/{key.Replace("~", "~0").Replace("/", "~1")}");
                }
            }
        }
        else if (committed is JsonArray first && generated is JsonArray second && first.Count == second.Count)
        {
            for (var i = 0; i < first.Count; i++)
            {
                if (!JsonNode.DeepEquals(first[i], second[i]))
                {
                    return FirstDifference(first[i], second[i], $"{pointer}/{i}");
                }
            }
        }

        static string Show(JsonNode? node) => node?.ToJsonString() is { } text ? (text.Length > 200 ? text[..200] + "…" : text) : "(absent)";
        return $"{pointer}: committed {Show(committed)}, generated {Show(generated)}";
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
