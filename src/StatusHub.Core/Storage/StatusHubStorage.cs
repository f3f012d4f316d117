using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace StatusHub.Core.Storage;

/// <summary>The tables StatusHub uses, created on first use, and the resilience pipeline every call goes through.</summary>
public sealed class StatusHubStorage
{
    /// <summary>One partition per town: profile and status, services, Q&amp;A, updates, idempotency and audit rows.</summary>
    public const string TownsTable = "StatusHubTowns";

    /// <summary>API keys: hashes only, never secrets.</summary>
    public const string KeysTable = "StatusHubKeys";

    /// <summary>Regions' display names: one partition, one row per named region, and the audit trail of those writes.</summary>
    public const string RegionsTable = "StatusHubRegions";

    /// <summary>
    /// Shared incidents: one partition per incident (its head row, timeline, idempotency and audit rows) and the partition
    /// <c>_list</c> with one summary row per incident for <c>GET /api/v1/incidents</c>.
    /// </summary>
    public const string IncidentsTable = "StatusHubIncidents";

    /// <summary>Render markers: one row per town changed since its last render, and per region whose name changed.</summary>
    public const string RenderTable = "StatusHubRender";

    /// <summary>Signed-delivery subscriptions: one partition per region, one row per subscription (with its signing secret).</summary>
    public const string SubscriptionsTable = "StatusHubSubscriptions";

    /// <summary>The delivery outbox: one row per town whose published document awaits delivery to its region's subscribers.</summary>
    public const string DeliveriesTable = "StatusHubDeliveries";

    private readonly Lock _gate = new();
    private Task? _ready;

    /// <summary>The static website container that citizens read.</summary>
    public const string WebContainer = "$web";

    /// <summary>A private container (never served) for the render job's lock blob; created on first use.</summary>
    public const string PrivateContainer = "statushub-private";

    public StatusHubStorage(IOptions<StorageOptions> options, StorageResilience resilience, StorageCalls calls)
    {
        Resilience = resilience;
        Calls = calls;
        var service = CreateServiceClient(options.Value, calls);
        Towns = service.GetTableClient(TownsTable);
        Keys = service.GetTableClient(KeysTable);
        Regions = service.GetTableClient(RegionsTable);
        Incidents = service.GetTableClient(IncidentsTable);
        RenderQueue = service.GetTableClient(RenderTable);
        Subscriptions = service.GetTableClient(SubscriptionsTable);
        Deliveries = service.GetTableClient(DeliveriesTable);
        var blobs = CreateBlobServiceClient(options.Value, calls);
        Web = blobs.GetBlobContainerClient(WebContainer);
        Private = blobs.GetBlobContainerClient(PrivateContainer);
    }

    /// <summary>Counts of the requests sent to storage so far.</summary>
    public StorageCalls Calls { get; }

    public TableClient Towns { get; }

    public TableClient Keys { get; }

    public TableClient Regions { get; }

    public TableClient Incidents { get; }

    public TableClient RenderQueue { get; }

    public TableClient Subscriptions { get; }

    public TableClient Deliveries { get; }

    public StorageResilience Resilience { get; }

    public BlobContainerClient Web { get; }

    /// <summary>The private container <see cref="PrivateContainer"/> (the render lease lives here, never in <c>$web</c>).</summary>
    public BlobContainerClient Private { get; }

    /// <summary>Runs <paramref name="operation"/> once the tables exist, under the resilience pipeline.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        return await Resilience.ExecuteAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync<bool>(async token =>
        {
            await operation(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Deletes a queue row only if it is unchanged since it was read (its <paramref name="etag"/>): false when a newer
    /// write replaced it meanwhile, which keeps the row, and so the work, for the next run.
    /// </summary>
    public Task<bool> TryDeleteUnchangedAsync(TableClient table, string partition, string row, Azure.ETag etag, CancellationToken cancellationToken) =>
        RunAsync(async token =>
        {
            try
            {
                await table.DeleteEntityAsync(partition, row, etag, token).ConfigureAwait(false);
                return true;
            }
            catch (Azure.RequestFailedException failed) when (failed.Status == 412)
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>
    /// Inserts a row whose key only this write can have chosen (a fresh random id): the pipeline retries an attempt that
    /// timed out, and when that attempt had in fact committed, the retry's 409 finds our own row (<see cref="OwnRowAsync"/>)
    /// and counts as the success it is. A 409 of the first attempt is a real conflict at once (nothing of ours was sent
    /// before it), without that read. Returns the row's ETag.
    /// </summary>
    public Task<string> InsertOnceAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        RunAttemptsAsync(async (attempt, token) =>
        {
            try
            {
                return (await table.AddEntityAsync(entity, token).ConfigureAwait(false)).Headers.ETag?.ToString() ?? "";
            }
            catch (Azure.RequestFailedException failed) when (failed.Status == 409 && attempt > 1)
            {
                if (await OwnRowAsync(table, entity, token).ConfigureAwait(false) is { } own)
                {
                    return own.ETag.ToString();
                }

                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// Submits an entity-group transaction that inserts <paramref name="witness"/>, a row whose key only this write can have
    /// chosen (its time and a fresh id, as audit rows have). The pipeline retries an attempt that timed out; when that
    /// attempt had in fact committed, the retry fails (409 on a row it inserts, 412 on a row it replaces conditionally),
    /// and the witness being stored proves that this very transaction committed, all or nothing: that is the success, not
    /// a conflict. The witness is read only when the failure came from a retry: a 409 or 412 of the first attempt is a
    /// real conflict (no earlier attempt of ours can have committed), the one a write's remembered head meets after a render.
    /// Returns the transaction's responses, or null for a commit recognised so (its responses were lost).
    /// </summary>
    public Task<IReadOnlyList<Azure.Response>?> SubmitOnceAsync(
        TableClient table, IReadOnlyList<TableTransactionAction> actions, TableEntity witness, CancellationToken cancellationToken) =>
        RunAttemptsAsync<IReadOnlyList<Azure.Response>?>(async (attempt, token) =>
        {
            try
            {
                return (await table.SubmitTransactionAsync(actions, token).ConfigureAwait(false)).Value;
            }
            catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412 && attempt > 1)
            {
                if (await OwnRowAsync(table, witness, token).ConfigureAwait(false) is null)
                {
                    throw;
                }

                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// <see cref="RunAsync{T}"/>, telling <paramref name="operation"/> which attempt of the pipeline it is: 1 for the first,
    /// more when the pipeline sends the request again after an attempt that failed or timed out (and may have reached storage).
    /// </summary>
    private Task<T> RunAttemptsAsync<T>(Func<int, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return RunAsync(token => operation(Interlocked.Increment(ref attempts), token), cancellationToken);
    }

    /// <summary>The stored row at <paramref name="written"/>'s key when its text columns are the ones we wrote, else null.</summary>
    private static async Task<TableEntity?> OwnRowAsync(TableClient table, TableEntity written, CancellationToken token)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(written.PartitionKey, written.RowKey, cancellationToken: token).ConfigureAwait(false);
        if (!stored.HasValue || stored.Value is not { } row)
        {
            return null;
        }

        return written.Where(p => p.Value is string).All(p => row.GetString(p.Key) is { } value && string.Equals(value, (string)p.Value, StringComparison.Ordinal))
            ? row
            : null;
    }

    /// <summary>One cheap read that proves storage answers (for the health endpoint).</summary>
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync(token => Keys.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "ping", cancellationToken: token), cancellationToken);

    private Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A failed attempt (storage down at start-up) is forgotten so the next call tries again.
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = CreateTablesAsync();
            }

            return _ready.WaitAsync(cancellationToken);
        }
    }

    // Each creation is its own storage operation with its own time budget: a cold emulator or account may be slow once.
    private async Task CreateTablesAsync()
    {
        foreach (var table in new[] { Towns, Keys, Regions, Incidents, RenderQueue, Subscriptions, Deliveries })
        {
            await Resilience.ExecuteAsync(token => table.CreateIfNotExistsAsync(token), CancellationToken.None).ConfigureAwait(false);
        }

        // On Azure, enabling the static website creates $web; locally (Azurite) we create it.
        await Resilience.ExecuteAsync(token => Web.CreateIfNotExistsAsync(cancellationToken: token), CancellationToken.None).ConfigureAwait(false);
    }

    private static TableServiceClient CreateServiceClient(StorageOptions options, StorageCalls calls)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(calls.Policy(tables: true), HttpPipelinePosition.PerRetry);

        // Polly (StorageResilience) is the only retry layer, so the total time stays bounded.
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        clientOptions.Retry.Mode = RetryMode.Fixed;

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }

        if (options.AccountUri is { } accountUri)
        {
            return new TableServiceClient(Endpoint(accountUri, "table"), new DefaultAzureCredential(), clientOptions);
        }

        throw new InvalidOperationException(
            $"Configure {StorageOptions.Section}:ConnectionString or {StorageOptions.Section}:AccountUri.");
    }

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions options, StorageCalls calls)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(calls.Policy(tables: false), HttpPipelinePosition.PerRetry);
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString, clientOptions);
        }

        return new BlobServiceClient(Endpoint(options.AccountUri!, "blob"), new DefaultAzureCredential(), clientOptions);
    }

    /// <summary>Accepts the blob, table or bare account endpoint and returns the table endpoint.</summary>
    public static Uri TableEndpoint(Uri accountUri) => Endpoint(accountUri, "table");

    /// <summary>The account's endpoint for <paramref name="service"/> ("blob" or "table"), from any of its endpoints.</summary>
    public static Uri Endpoint(Uri accountUri, string service)
    {
        var host = accountUri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        foreach (var known in new[] { "blob.", "table.", "web.", "queue." })
        {
            if (dot > 0 && host[(dot + 1)..].StartsWith(known, StringComparison.OrdinalIgnoreCase))
            {
                host = host[..dot] + "." + service + "." + host[(dot + 1 + known.Length)..];
                break;
            }
        }

        return new UriBuilder(accountUri) { Host = host, Path = "/" }.Uri;
    }
}
