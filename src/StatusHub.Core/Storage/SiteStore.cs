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
/// The static site in the <c>$web</c> container, written one way: what is published under a folder is known from the
/// folder's row in the render table (<see cref="PublishedFolders"/>), never from a listing or a download of <c>$web</c>.
/// A file is uploaded only when its SHA-256 differs from the recorded one, always with Content-Type and Cache-Control; a
/// recorded file the renderer no longer produces is deleted; then the row is written (only when it changed). A folder
/// without a row (first rendered by a version that kept no state) has every file uploaded and nothing deleted.
/// </summary>
public sealed class SiteStore(StatusHubStorage storage, PublishedFolders published)
{
    private const string HashKey = "sha256";

    /// <summary>
    /// Makes what is published under <paramref name="folder"/> (e.g. "moessingen/", or a file's own path with
    /// <paramref name="exactPaths"/>: nothing else deleted) equal to <paramref name="files"/>: one point read of the
    /// folder's row, uploads of changed files, deletes of files no longer produced, and the row when it changed.
    /// </summary>
    public async Task<SyncResult> SyncAsync(string folder, IReadOnlyList<SiteFile> files, bool exactPaths, CancellationToken cancellationToken) =>
        await SyncAsync(folder, files, await published.ReadAsync(folder, cancellationToken).ConfigureAwait(false), exactPaths, null, null, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>
    /// As above, with the folder's row as read before rendering (<paramref name="before"/>), and the region's memory to
    /// store with the files in the same row: each town's aid-match hash and CAP thread (null: none).
    /// </summary>
    public async Task<SyncResult> SyncAsync(
        string folder,
        IReadOnlyList<SiteFile> files,
        PublishedFolder before,
        bool exactPaths,
        IReadOnlyDictionary<string, string>? aid,
        IReadOnlyDictionary<string, Rendering.Regions.CapMessage>? cap,
        CancellationToken cancellationToken)
    {
        var changed = files.Where(f => !(before.Files.TryGetValue(f.Path, out var hash) && hash == f.ContentHash)).ToList();
        await Task.WhenAll(changed.Select(file => UploadAsync(file, cancellationToken))).ConfigureAwait(false);
        int written = changed.Count, unchanged = files.Count - changed.Count, deleted = 0;

        var produced = files.ToDictionary(f => f.Path, f => f.ContentHash, StringComparer.Ordinal);
        if (!exactPaths)
        {
            foreach (var stale in before.Files.Keys.Where(path => !produced.ContainsKey(path)).Order(StringComparer.Ordinal))
            {
                await storage.RunAsync(
                    token => storage.Web.DeleteBlobIfExistsAsync(stale, cancellationToken: token), cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        var next = new PublishedFolder(produced)
        {
            Aid = aid ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Cap = cap ?? new Dictionary<string, Rendering.Regions.CapMessage>(StringComparer.Ordinal),
        };
        if (!before.SameAs(next))
        {
            await published.WriteAsync(folder, next, cancellationToken).ConfigureAwait(false);
        }

        return new SyncResult(written, unchanged, deleted) { WrittenPaths = changed.Select(f => f.Path).ToList() };
    }

    /// <summary>
    /// Deletes files that may exist without being recorded (a folder's first render without its row): a delete that
    /// finds nothing is fine, and nothing is read. Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteUnrecordedAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var path in paths)
        {
            var response = await storage.RunAsync(
                token => storage.Web.DeleteBlobIfExistsAsync(path, cancellationToken: token), cancellationToken).ConfigureAwait(false);
            deleted += response.Value ? 1 : 0;
        }

        return deleted;
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
