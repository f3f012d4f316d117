using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Rendering.Regions;

namespace StatusHub.Core.Storage;

/// <summary>
/// What the render job published under one site folder (a town's <c>{town}/</c>, a region's <c>regions/{region}/</c>, an
/// incident's, a deployment folder, or one file synced by its own path), as the job recorded it: each file's SHA-256, and
/// for a region folder what its next render needs to know about its outputs (each town's aid matches in <c>feed.json</c>,
/// each town's CAP thread). <see cref="Recorded"/> is false when there is no row yet (a folder first rendered by a
/// version that kept no state): every file is then treated as changed.
/// </summary>
public sealed record PublishedFolder(IReadOnlyDictionary<string, string> Files)
{
    /// <summary>No row: nothing known, so everything is uploaded and nothing can be deleted.</summary>
    public static readonly PublishedFolder None = new(new Dictionary<string, string>(StringComparer.Ordinal)) { Recorded = false };

    public bool Recorded { get; init; } = true;

    /// <summary>A region's towns with aid matches: the town's slug and the SHA-256 of its matches as <c>feed.json</c> lists them.</summary>
    public IReadOnlyDictionary<string, string> Aid { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A region's towns with a published CAP message: what continues the thread (Alert → Update → Cancel).</summary>
    public IReadOnlyDictionary<string, CapMessage> Cap { get; init; } = new Dictionary<string, CapMessage>(StringComparer.Ordinal);

    /// <summary>True when storing <paramref name="next"/> would store the same as this row.</summary>
    public bool SameAs(PublishedFolder next) =>
        Recorded && SameEntries(Files, next.Files) && SameEntries(Aid, next.Aid) && SameEntries(Cap, next.Cap);

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && EqualityComparer<T>.Default.Equals(entry.Value, other));
}

/// <summary>
/// The render job's memory of what it published, in <see cref="StatusHubStorage.RenderTable"/> partition
/// <see cref="Partition"/>: one row per synced folder, written by the render job only (under the render lease), after the
/// folder's uploads and deletions succeeded. Uploads and deletions are decided from these rows, so the job never lists or
/// downloads <c>$web</c>: the flow API → tables → renderer → blobs → readers runs one way (docs/storage.md "Render state").
/// The row key is the folder with <c>/</c> written as <c>|</c> (no slug holds a <c>|</c>); paths are stored relative to
/// the folder, as compact JSON split across string properties below the 64 KiB property limit.
/// </summary>
public sealed class PublishedFolders(StatusHubStorage storage)
{
    public const string Partition = "published";

    public static string RowKey(string folder) => folder.Length == 0 ? "|" : folder.Replace('/', '|');

    /// <summary>The folder's row (one point read), or <see cref="PublishedFolder.None"/>.</summary>
    public Task<PublishedFolder> ReadAsync(string folder, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var row = await storage.RenderQueue.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(folder), cancellationToken: token).ConfigureAwait(false);
            return row.HasValue ? Decode(folder, row.Value!) : PublishedFolder.None;
        }, cancellationToken);

    /// <summary>Stores the folder's row; a folder with nothing published has none.</summary>
    public Task WriteAsync(string folder, PublishedFolder published, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            if (published.Files.Count == 0 && published.Aid.Count == 0 && published.Cap.Count == 0)
            {
                try
                {
                    await storage.RenderQueue.DeleteEntityAsync(Partition, RowKey(folder), ETag.All, token).ConfigureAwait(false);
                }
                catch (RequestFailedException failed) when (failed.Status == 404)
                {
                    // Never recorded: nothing to forget.
                }

                return;
            }

            var json = JsonSerializer.Serialize(new Row(
                published.Files.ToDictionary(f => Relative(folder, f.Key), f => f.Value, StringComparer.Ordinal),
                published.Aid.Count == 0 ? null : new Dictionary<string, string>(published.Aid, StringComparer.Ordinal),
                published.Cap.Count == 0 ? null : published.Cap.ToDictionary(c => c.Key, c => new CapRow(c.Value.Identifier, c.Value.Sender, c.Value.Sent, c.Value.MsgType, c.Value.References), StringComparer.Ordinal)));
            var entity = new TableEntity(Partition, RowKey(folder));
            ChunkedText.Write(entity, "State", json);
            await storage.RenderQueue.UpsertEntityAsync(entity, TableUpdateMode.Replace, token).ConfigureAwait(false);
        }, cancellationToken);

    private static string Relative(string folder, string path) =>
        path.StartsWith(folder, StringComparison.Ordinal)
            ? path[folder.Length..]
            : throw new ArgumentException($"The file {path} is not under the folder {folder}.", nameof(path));

    private static PublishedFolder Decode(string folder, TableEntity entity)
    {
        var json = ChunkedText.Read(entity, "State");

        var row = json.Length == 0 ? null : JsonSerializer.Deserialize<Row>(json);
        return new PublishedFolder((row?.F ?? []).ToDictionary(f => folder + f.Key, f => f.Value, StringComparer.Ordinal))
        {
            Aid = new Dictionary<string, string>(row?.A ?? [], StringComparer.Ordinal),
            Cap = (row?.C ?? []).ToDictionary(c => c.Key, c => new CapMessage(c.Value.I, c.Value.S, c.Value.T, c.Value.M, c.Value.R), StringComparer.Ordinal),
        };
    }

    // Short names: the row is read once per rendered folder and stays small (a town's ~30 files are about 3 KB).
    private sealed record Row(
        Dictionary<string, string> F,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string>? A,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, CapRow>? C);

    private sealed record CapRow(
        string I,
        string S,
        string T,
        string M,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? R);
}
