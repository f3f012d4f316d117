using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace StatusHub.Core.Storage;

/// <summary>The tables StatusHub uses, created on first use, and the resilience pipeline every call goes through.</summary>
public sealed class StatusHubStorage
{
    /// <summary>One partition per town: profile and status, services, Q&amp;A, updates, idempotency and audit rows.</summary>
    public const string TownsTable = "StatusHubTowns";

    /// <summary>API keys: hashes only, never secrets.</summary>
    public const string KeysTable = "StatusHubKeys";

    /// <summary>Render markers: one row per town changed since its last render.</summary>
    public const string RenderTable = "StatusHubRender";

    private readonly Lock _gate = new();
    private Task? _ready;

    public StatusHubStorage(IOptions<StorageOptions> options, StorageResilience resilience)
    {
        Resilience = resilience;
        var service = CreateServiceClient(options.Value);
        Towns = service.GetTableClient(TownsTable);
        Keys = service.GetTableClient(KeysTable);
        RenderQueue = service.GetTableClient(RenderTable);
    }

    public TableClient Towns { get; }

    public TableClient Keys { get; }

    public TableClient RenderQueue { get; }

    public StorageResilience Resilience { get; }

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
                _ready = Resilience.ExecuteAsync(async token =>
                {
                    await Towns.CreateIfNotExistsAsync(token).ConfigureAwait(false);
                    await Keys.CreateIfNotExistsAsync(token).ConfigureAwait(false);
                    await RenderQueue.CreateIfNotExistsAsync(token).ConfigureAwait(false);
                }, CancellationToken.None);
            }

            return _ready.WaitAsync(cancellationToken);
        }
    }

    private static TableServiceClient CreateServiceClient(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();

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
            return new TableServiceClient(TableEndpoint(accountUri), new DefaultAzureCredential(), clientOptions);
        }

        throw new InvalidOperationException(
            $"Configure {StorageOptions.Section}:ConnectionString or {StorageOptions.Section}:AccountUri.");
    }

    /// <summary>Accepts the blob, table or bare account endpoint and returns the table endpoint.</summary>
    public static Uri TableEndpoint(Uri accountUri)
    {
        var host = accountUri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && host[(dot + 1)..].StartsWith("blob.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[..dot] + ".table." + host[(dot + 1 + "blob.".Length)..];
        }

        return new UriBuilder(accountUri) { Host = host, Path = "/" }.Uri;
    }
}
