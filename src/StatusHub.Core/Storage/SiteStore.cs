using Azure;
using Azure.Storage.Blobs.Models;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Storage;

/// <summary>The outcome of syncing files to the site.</summary>
public sealed record SyncResult(int Written, int Unchanged, int Deleted)
{
    /// <summary>The paths uploaded because their content changed (what subscribers are told about).</summary>
    public IReadOnlyCollection<string> WrittenPaths { get; init; } = [];
}

/// <summary>A site file as served: bytes and the headers stored with it.</summary>
public sealed record ServedFile(Stream Content, string ContentType, string? CacheControl, string ETag, long Length)
{
    /// <summary>When the blob was last written (the static website's <c>Last-Modified</c>).</summary>
    public DateTimeOffset? LastModified { get; init; }
}

/// <summary>
/// The static site in the <c>$web</c> container. Uploads a file only when its SHA-256 (kept in blob
/// metadata) differs from the stored one, always with Content-Type and Cache-Control, and removes files
/// under a folder that the renderer no longer produces.
/// </summary>
public sealed class SiteStore(StatusHubStorage storage)
{
    private const string HashKey = "sha256";

    /// <summary>
    /// Makes the blobs under <paramref name="folder"/> (e.g. "moessingen/", or "" with <paramref name="exactPaths"/>)
    /// equal to <paramref name="files"/>: one listing call, then uploads of changed files and deletes of stale ones.
    /// </summary>
    public async Task<SyncResult> SyncAsync(string folder, IReadOnlyList<SiteFile> files, bool exactPaths, CancellationToken cancellationToken)
    {
        var stored = await ListAsync(folder, cancellationToken).ConfigureAwait(false);
        var changed = files.Where(f => !(stored.TryGetValue(f.Path, out var hash) && hash == f.ContentHash)).ToList();
        await Task.WhenAll(changed.Select(file => UploadAsync(file, cancellationToken))).ConfigureAwait(false);
        int written = changed.Count, unchanged = files.Count - changed.Count, deleted = 0;

        if (!exactPaths)
        {
            var produced = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in stored.Keys.Where(path => !produced.Contains(path)))
            {
                await storage.RunAsync(
                    token => storage.Web.DeleteBlobIfExistsAsync(stale, cancellationToken: token), cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        return new SyncResult(written, unchanged, deleted) { WrittenPaths = changed.Select(f => f.Path).ToList() };
    }

    /// <summary>Opens a file for serving, or null when there is none at <paramref name="path"/>.</summary>
    public Task<ServedFile?> OpenAsync(string path, CancellationToken cancellationToken) =>
        storage.RunAsync<ServedFile?>(async token =>
        {
            try
            {
                var response = await storage.Web.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: token).ConfigureAwait(false);
                var details = response.Value.Details;
                return new ServedFile(response.Value.Content, details.ContentType, details.CacheControl, details.ETag.ToString("H"), details.ContentLength)
                {
                    LastModified = details.LastModified,
                };
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>The bytes of a site file, or null when there is none (used to continue CAP message threads).</summary>
    public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken) =>
        storage.RunAsync<byte[]?>(async token =>
        {
            try
            {
                var response = await storage.Web.GetBlobClient(path).DownloadContentAsync(token).ConfigureAwait(false);
                return response.Value.Content.ToArray();
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>The paths of the files under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyCollection<string>> ListPathsAsync(string prefix, CancellationToken cancellationToken) =>
        (await ListAsync(prefix, cancellationToken).ConfigureAwait(false)).Keys;

    private Task<Dictionary<string, string?>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
            var pages = storage.Web.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, token);
            await foreach (var blob in pages.ConfigureAwait(false))
            {
                stored[blob.Name] = blob.Metadata.TryGetValue(HashKey, out var hash) ? hash : null;
            }

            return stored;
        }, cancellationToken);

    private Task UploadAsync(SiteFile file, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, CacheControl = file.CacheControl },
                Metadata = new Dictionary<string, string> { [HashKey] = file.ContentHash },
            };
            await storage.Web.GetBlobClient(file.Path).UploadAsync(new BinaryData(file.Content), options, token).ConfigureAwait(false);
        }, cancellationToken);
}
