using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// Issue 18: a favicon and robots.txt at the site root, written into $web by the renderer with the deployment's
/// files (so the static website serves them in Azure), with their content type and cache lifetime, and the favicon
/// linked from the pages (no browser asks for a missing /favicon.ico). On both hosts.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class SiteRootFilesTests(StatusHubApp app)
{
    [Fact]
    public async Task Favicon_and_robots_are_in_web_after_a_render_and_linked_from_the_pages()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        var expected = new (string Path, string ContentType, string CacheControl, string Content)[]
        {
            ("favicon.svg", "image/svg+xml", "public, max-age=86400", "<svg xmlns=\"http://www.w3.org/2000/svg\""),
            ("robots.txt", "text/plain; charset=utf-8", "public, max-age=60, must-revalidate", "Disallow: /publish/"),
        };
        var site = app.Services.GetRequiredService<SiteStore>();
        foreach (var (path, contentType, cacheControl, content) in expected)
        {
            // In $web, as the static website will serve it.
            var blob = await site.OpenAsync(path, default);
            Assert.True(blob is not null, $"{path} is not in $web after a render");
            await using (blob.Content)
            {
                Assert.Equal(contentType, blob.ContentType);
                Assert.Equal(cacheControl, blob.CacheControl);
            }

            // Served by the host under test with the same headers.
            using var response = await app.Client().GetAsync("/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Directives(cacheControl), Directives(response.Headers.CacheControl?.ToString()));
            Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        static string[] Directives(string? cacheControl) => [.. (cacheControl ?? "").Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];

        foreach (var page in new[] { "/", $"/{slug}/", $"/{slug}/en/", $"/{slug}/aushang/", "/publish/" })
        {
            var html = await app.Client().GetStringAsync(page);
            Assert.True(html.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">", StringComparison.Ordinal), $"{page} does not link the favicon");
        }
    }
}
