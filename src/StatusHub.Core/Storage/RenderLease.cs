using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Storage;

/// <summary>
/// The render lock shared by every instance (servers, Functions, a timer and a manual render): a blob lease on
/// <see cref="LockBlob"/> in the private container <see cref="StatusHubStorage.PrivateContainer"/> (never <c>$web</c>).
/// The lease is finite (<see cref="RenderOptions.LeaseSeconds"/>) and renewed while the holder renders, so a crashed
/// holder blocks others for at most one lease period.
/// </summary>
public sealed class RenderLease(StatusHubStorage storage, IOptions<RenderOptions> options, TimeProvider time, ILogger<RenderLease> logger)
{
    public const string LockBlob = "render.lock";

    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>The lease, or null when another holder still has it after <paramref name="wait"/> (zero: one attempt).</summary>
    public async Task<Held?> AcquireAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(Math.Clamp(options.Value.LeaseSeconds, 15, 60));
        var deadline = time.GetUtcNow() + wait;
        var client = storage.Private.GetBlobClient(LockBlob).GetBlobLeaseClient(Guid.NewGuid().ToString());
        while (true)
        {
            if (await TryAcquireAsync(client, duration, cancellationToken).ConfigureAwait(false))
            {
                return new Held(client, duration, storage, time, logger);
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < PollEvery ? left : PollEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<bool> TryAcquireAsync(BlobLeaseClient client, TimeSpan duration, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            try
            {
                await client.AcquireAsync(duration, cancellationToken: token).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException failed) when (failed.Status == 409)
            {
                return false; // LeaseAlreadyPresent: another instance renders.
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                // First render on this account: create the private container and the empty lock blob, then try again.
                await storage.Private.CreateIfNotExistsAsync(cancellationToken: token).ConfigureAwait(false);
                try
                {
                    await storage.Private.GetBlobClient(LockBlob).UploadAsync(BinaryData.Empty, overwrite: false, token).ConfigureAwait(false);
                }
                catch (RequestFailedException exists) when (exists.Status is 409 or 412)
                {
                    // Another instance created it meanwhile.
                }

                try
                {
                    await client.AcquireAsync(duration, cancellationToken: token).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException again) when (again.Status == 409)
                {
                    return false;
                }
            }
        }, cancellationToken);

    /// <summary>A held lease: renewed every third of its duration until disposed, then released.</summary>
    public sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _client;
        private readonly StatusHubStorage _storage;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        internal Held(BlobLeaseClient client, TimeSpan duration, StatusHubStorage storage, TimeProvider time, ILogger logger)
        {
            _client = client;
            _storage = storage;
            _logger = logger;
            _renewing = RenewAsync(duration, time);
        }

        /// <summary>Cancelled when the lease could not be renewed in time: the holder must stop writing.</summary>
        public CancellationToken Lost => _lost.Token;

        public string LeaseId => _client.LeaseId;

        private async Task RenewAsync(TimeSpan duration, TimeProvider time)
        {
            var expires = time.GetUtcNow() + duration;
            try
            {
                while (true)
                {
                    await Task.Delay(duration / 3, time, _stop.Token).ConfigureAwait(false);
                    try
                    {
                        await _storage.RunAsync(token => _client.RenewAsync(cancellationToken: token), _stop.Token).ConfigureAwait(false);
                        expires = time.GetUtcNow() + duration;
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        // Still ours until it expires: try again at the next step unless another holder may have it by then.
                        _logger.LogWarning("Render lease renewal failed: {Cause}", error.GetType().Name);
                        if (error is RequestFailedException { Status: 409 or 412 } || time.GetUtcNow() + (duration / 3) >= expires)
                        {
                            _logger.LogError("Render lease lost; this render stops, its unfinished towns keep their markers");
                            await _lost.CancelAsync().ConfigureAwait(false);
                            return;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed: the render is done.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            if (!_lost.IsCancellationRequested)
            {
                try
                {
                    await _storage.RunAsync(token => _client.ReleaseAsync(cancellationToken: token), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception error) when (error is RequestFailedException or Errors.StorageUnavailableException)
                {
                    // It expires by itself within one lease period.
                    _logger.LogWarning("Render lease not released ({Cause}); it expires by itself", error.GetType().Name);
                }
            }

            _lost.Dispose();
            _stop.Dispose();
        }
    }
}
