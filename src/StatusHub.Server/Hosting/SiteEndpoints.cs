using StatusHub.Core.Errors;
using StatusHub.Core.PublisherConsole;
using StatusHub.Core.Rendering;
using StatusHub.Core.Storage;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Serves the static site ($web) at '/', as the storage account's static website does on Azure: the index document
/// <c>index.html</c> for a folder, with or without its trailing slash (so every page links absolutely). The publisher
/// console (<c>/publish/</c>) is served from the files built into the server, the same files the render job syncs
/// into $web: it works right after startup, before any render, and even while storage is down.
/// </summary>
public static class SiteEndpoints
{
    public static IEndpointConventionBuilder MapSite(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(HttpContext context, string? path, SiteStore site)
    {
        path ??= "";
        foreach (var (name, value) in SiteHeaders.All)
        {
            context.Response.Headers[name] = value;
        }

        if (context.Request.IsHttps)
        {
            context.Response.Headers[SiteHeaders.StrictTransportSecurity.Key] = SiteHeaders.StrictTransportSecurity.Value;
        }

        if (path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        if (path == ConsoleFiles.Folder.TrimEnd('/') || path.StartsWith(ConsoleFiles.Folder, StringComparison.Ordinal))
        {
            return ServeConsole(context, path, context.RequestServices.GetRequiredService<ConsoleFiles>());
        }

        if (context.RequestServices.GetRequiredService<SiteRootFiles>().Find(path) is { } rootFile)
        {
            // Served from the deployment, as the console is: there before the first render and while storage is down.
            context.Response.Headers.CacheControl = rootFile.CacheControl;
            context.Response.Headers.ETag = $"\"{rootFile.ContentHash[..32]}\"";
            return context.Request.Headers.IfNoneMatch.ToString() == context.Response.Headers.ETag.ToString()
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(rootFile.Content, rootFile.ContentType);
        }

        var blobPath = path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
        try
        {
            // As the static website does: a path that is no file but a folder gets the folder's index document.
            var file = await site.OpenAsync(blobPath, context.RequestAborted);
            if (file is null && blobPath == path)
            {
                file = await site.OpenAsync(path + "/index.html", context.RequestAborted);
            }

            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.ETag = file.ETag;
            if (file.LastModified is { } lastModified)
            {
                context.Response.Headers.LastModified = lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

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

    private static IResult ServeConsole(HttpContext context, string path, ConsoleFiles console)
    {
        if ((console.Find(path) ?? console.Find(path + "/")) is not { } file)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = SiteHeaders.ConsolePolicy(console.ContentSecurityPolicy);
        headers.CacheControl = file.CacheControl;
        headers.ETag = $"\"{file.ContentHash[..32]}\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == headers.ETag.ToString())
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(file.Content, file.ContentType);
    }
}
