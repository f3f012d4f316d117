using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// HEAD wherever GET is (RFC 9110 §9.3.2), on the API and the site, on both hosts: the same status, content type,
/// ETag and cache headers as GET, and no body.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class HeadTests(StatusHubApp app)
{
    [Fact]
    public async Task Head_answers_like_get_without_a_body_on_every_read_of_the_api_and_the_site()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        var reads = new (string Path, string? Key)[]
        {
            ("/api/v1/health", null), ("/api/v1/services", null), ("/api/v1/towns", null), ($"/api/v1/towns/{slug}", null),
            ($"/api/v1/towns/{slug}/audit", key), ($"/api/v1/towns/{slug}/aid", key), ("/api/v1/keys", StatusHubApp.AdminKey),
            ($"/api/v1/towns/{Towns.NewSlug("none")}", null),
            ("/", null), ($"/{slug}/", null), ($"/{slug}/status.json", null), ($"/{slug}/feed.atom", null), ("/no-such-file.txt", null),
        };
        foreach (var (path, withKey) in reads)
        {
            using var client = app.Client(withKey);
            using var get = await client.GetAsync(path);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            var body = await head.Content.ReadAsByteArrayAsync();

            Assert.True(get.StatusCode == head.StatusCode, $"{path}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}");
            Assert.True(body.Length == 0, $"{path}: HEAD sent a body of {body.Length} bytes");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            if (get.StatusCode == HttpStatusCode.OK && path.StartsWith("/api/", StringComparison.Ordinal) is false)
            {
                Assert.Equal(get.Headers.ETag, head.Headers.ETag);
                Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());

                // Site files carry Last-Modified on both hosts (the static website sends the blob's).
                Assert.NotNull(get.Content.Headers.LastModified);
                Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
            }
        }
    }
}
