using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Storage;

/// <summary>One accepted write: who (key id and label), what (operation, resource), when, and the town's ETag after it (its version, <c>"v17"</c>).</summary>
public sealed record AuditEntry(
    string KeyId,
    string KeyLabel,
    string Operation,
    string Resource,
    DateTimeOffset At,
    [property: JsonPropertyName("etag")] string? ETag)
{
    /// <summary>The scope of the key that wrote (admin, town, region; null in rows written before it was recorded).</summary>
    [JsonIgnore]
    public string? KeyScope { get; init; }

    /// <summary>
    /// The entry as a town key may see it (API.md, Audit): the ids and labels of its own town's keys (only town keys of
    /// this town write here with scope town); for any other writer its scope instead of its id and label.
    /// </summary>
    public AuditEntry ForTownKey() =>
        KeyScope == "town" ? this : this with { KeyId = KeyScope ?? "unknown", KeyLabel = KeyScope ?? "unknown" };
}

/// <summary>A page of the audit trail and the token for the next one (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);

/// <summary>
/// Reads a town's audit trail (rows <c>a|{inverted ticks}|{guid}</c> in the town's partition, written by
/// <see cref="TownRepository"/> in each write's transaction), newest first, one Table Storage page at a time.
/// </summary>
public sealed class AuditRepository(StatusHubStorage storage)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// At most <paramref name="limit"/> entries after <paramref name="continuation"/> (Table Storage's own token; the
    /// query's partition filter still applies to it, so no token reaches another town's rows).
    /// </summary>
    public Task<AuditPage> ReadAsync(string town, int limit, string? continuation, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {town} and RowKey ge {TownRows.AuditPrefix} and RowKey lt {TownRows.AuditTo}");
            var pages = storage.Towns.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: token)
                .AsPages(continuation, limit);
            try
            {
                await foreach (var page in pages.ConfigureAwait(false))
                {
                    var next = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
                    return new AuditPage(page.Values.Select(Read).ToList(), next);
                }
            }
            catch (RequestFailedException failed) when (failed.Status == 400 && continuation is not null)
            {
                throw ValidationFailedException.Single("continuation", "Not a token this API returned as 'next'.");
            }

            return new AuditPage([], null);
        }, cancellationToken);

    private static AuditEntry Read(TableEntity row) => new(
        row.GetString("KeyId") ?? "",
        row.GetString("KeyLabel") ?? "",
        row.GetString("Operation") ?? "",
        row.GetString("Resource") ?? "",
        row.GetDateTimeOffset("At") ?? row.Timestamp ?? DateTimeOffset.UnixEpoch,
        // The town's version the write committed (its ETag); rows written before versions kept the Table ETag merged in.
        row.GetInt64(TownRows.VersionColumn) is { } version ? TownRows.VersionTag(version)
            : row.GetString("ETag") is { } etag ? EntityTags.Strong(etag) : null)
    {
        KeyScope = row.GetString("KeyScope") ?? (row.GetString("KeyId") == "bootstrap" ? "admin" : null),
    };
}
