using Microsoft.Net.Http.Headers;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Server.Hosting;

/// <summary>Serves the static site ($web) at '/', as the storage account's static website does on Azure.</summary>
public static class SiteEndpoints
{
    public static IEndpointConventionBuilder MapSite(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/{**path}", ServeAsync).ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(HttpContext context, string? path, SiteStore site)
    {
        path ??= "";
        if (path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var blobPath = path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
        try
        {
            var file = await site.OpenAsync(blobPath, context.RequestAborted);
            if (file is null && !Path.HasExtension(path) && await site.OpenAsync(path + "/index.html", context.RequestAborted) is { } folder)
            {
                await folder.Content.DisposeAsync();
                return Results.Redirect("/" + path + "/", permanent: true);
            }

            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.ETag = file.ETag;
            if (context.Request.Headers.IfNoneMatch.ToString() == file.ETag)
            {
                await file.Content.DisposeAsync();
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            if (file.CacheControl is { } cacheControl)
            {
                context.Response.Headers.CacheControl = cacheControl;
            }

            context.Response.ContentLength = file.Length;
            return Results.Stream(file.Content, file.ContentType);
        }
        catch (StorageUnavailableException unavailable)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: 503, title: "Storage unavailable", detail: "The site is temporarily unavailable; retry shortly.");
        }
    }
}
