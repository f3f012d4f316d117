using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;

namespace StatusHub.FunctionsHost;

/// <summary>
/// The storage account's static website, which Azurite does not emulate: GET and HEAD of any path outside the route
/// prefix answered from the <c>$web</c> container, with the index document <c>index.html</c> (docs/deploy.md, the
/// post-provision hook) for a folder, the blob's own Content-Type, Cache-Control and ETag, and 304 for a matching
/// If-None-Match. No error document is configured, so a miss is a bare 404, as on Azure.
/// </summary>
internal sealed class StaticWebsite(string connectionString)
{
    private const string IndexDocument = "index.html";
    private readonly BlobContainerClient _web = new BlobServiceClient(connectionString).GetBlobContainerClient("$web");

    public async Task ServeAsync(HttpContext context, string routePrefix)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value?.TrimStart('/') ?? "");
        if (path == routePrefix || path.StartsWith(routePrefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            // The Functions host owns its route prefix; a path no function matches is its plain 404.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var candidates = path.Length == 0 || path.EndsWith('/')
            ? new[] { path + IndexDocument }
            : new[] { path, path + "/" + IndexDocument };
        foreach (var name in candidates)
        {
            try
            {
                var blob = _web.GetBlobClient(name);
                var properties = (await blob.GetPropertiesAsync(cancellationToken: context.RequestAborted)).Value;
                var etag = properties.ETag.ToString("H");
                var headers = context.Response.Headers;
                headers.ETag = etag;
                headers.LastModified = properties.LastModified.ToString("R");
                if (properties.CacheControl is { Length: > 0 } cacheControl)
                {
                    headers.CacheControl = cacheControl;
                }

                if (context.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                context.Response.ContentType = properties.ContentType;
                context.Response.ContentLength = properties.ContentLength;
                if (HttpMethods.IsHead(context.Request.Method))
                {
                    return;
                }

                var download = await blob.DownloadStreamingAsync(
                    new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, context.RequestAborted);
                await using var content = download.Value.Content;
                await content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                // Try the next candidate.
            }
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
