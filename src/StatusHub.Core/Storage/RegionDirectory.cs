using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace StatusHub.Core.Storage;

/// <summary>One town as the render job last rendered it: what the site index shows and which region it belongs to.</summary>
public sealed record DirectoryTown(string Slug, string Name, string Region, TownLevel Level, DateTimeOffset? AsOf);

/// <summary>The rendered towns by region, as stored: the towns of each region and the ETag of its row.</summary>
public sealed record RegionDirectoryState(IReadOnlyDictionary<string, IReadOnlyList<DirectoryTown>> Regions, bool Built);

/// <summary>
/// The render job's index of regions, in <see cref="StatusHubStorage.RenderTable"/> (partition <see cref="Partition"/>):
/// one row per region listing its towns as last rendered, so a tick finds a region's members and builds the site index
/// from one query of this partition (one row per region) instead of listing every town's head row. Written only by the
/// render job under the render lease, each region's row before that region's markers are cleared, so a town is never
/// left out of its region. Until the first build (<see cref="Built"/> missing) the job lists the head rows once.
/// </summary>
public sealed class RegionDirectory(StatusHubStorage storage)
{
    public const string Partition = "region";

    private const string BuiltRow = "~built";
    private const string RowPrefix = "r|";

    public Task<RegionDirectoryState> ReadAsync(CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var regions = new Dictionary<string, IReadOnlyList<DirectoryTown>>(StringComparer.Ordinal);
            var built = false;
            var query = storage.RenderQueue.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: token);
            await foreach (var row in query.ConfigureAwait(false))
            {
                if (row.RowKey == BuiltRow)
                {
                    built = true;
                }
                else if (row.RowKey.StartsWith(RowPrefix, StringComparison.Ordinal))
                {
                    var region = row.RowKey[RowPrefix.Length..];
                    regions[region] = Decode(region, row);
                }
            }

            return new RegionDirectoryState(regions, built);
        }, cancellationToken);

    /// <summary>Stores a region's towns (an empty list removes the region).</summary>
    public Task WriteAsync(string region, IReadOnlyList<DirectoryTown> towns, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            if (towns.Count == 0)
            {
                await storage.RenderQueue.DeleteEntityAsync(Partition, RowPrefix + region, ETag.All, token).ConfigureAwait(false);
                return;
            }

            var json = JsonSerializer.Serialize(towns.Select(t => new Row(t.Slug, t.Name, t.Level.ToWire(), t.AsOf)).ToList());
            var entity = new TableEntity(Partition, RowPrefix + region);
            ChunkedText.Write(entity, "Towns", json);
            await storage.RenderQueue.UpsertEntityAsync(entity, TableUpdateMode.Replace, token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records that every region has its row (after the first full build).</summary>
    public Task MarkBuiltAsync(CancellationToken cancellationToken) =>
        storage.RunAsync(
            token => storage.RenderQueue.UpsertEntityAsync(new TableEntity(Partition, BuiltRow), TableUpdateMode.Replace, token),
            cancellationToken);

    private static List<DirectoryTown> Decode(string region, TableEntity row)
    {
        var json = ChunkedText.Read(row, "Towns");

        var rows = json.Length == 0 ? [] : JsonSerializer.Deserialize<List<Row>>(json) ?? [];
        return rows.Select(r => new DirectoryTown(
            r.S, r.N, region, EnumNames.TryParseLevel(r.L, out var level) ? level : TownLevel.Normal, r.A)).ToList();
    }

    // Short names: 10,000 towns make about 1 MB of these in one query.
    private sealed record Row(string S, string N, string L, DateTimeOffset? A);
}
