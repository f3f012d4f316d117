using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StatusHub.Api.Http;

/// <summary>
/// Per-instance budgets against key guessing and runaway scripts: failed authentications per client address and per
/// key id, and writes per key. Fixed windows, one partition per address or key id (idle partitions are dropped).
/// A refusal carries the time until the window ends, the client's Retry-After.
/// </summary>
public sealed class AuthThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failuresByAddress;
    private readonly PartitionedRateLimiter<string> _failuresByKey;
    private readonly PartitionedRateLimiter<string> _writesByKey;
    private readonly PartitionedRateLimiter<string> _readsByAddress;
    private readonly TimeSpan _failureWindow;
    private readonly TimeSpan _writeWindow;
    private readonly TimeSpan _readWindow;
    private readonly string? _clientAddressHeader;
    private readonly IReadOnlyList<System.Net.IPNetwork> _trustedProxies;

    public AuthThrottle(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        _failureWindow = TimeSpan.FromSeconds(Math.Max(1, limits.FailedAuthWindowSeconds));
        _writeWindow = TimeSpan.FromSeconds(Math.Max(1, limits.WriteWindowSeconds));
        _failuresByAddress = Create(limits.FailedAuthPerAddress, _failureWindow);
        _failuresByKey = Create(limits.FailedAuthPerKey, _failureWindow);
        _writesByKey = Create(limits.WritesPerKey, _writeWindow);
        _readWindow = TimeSpan.FromSeconds(Math.Max(1, limits.ReadWindowSeconds));
        _readsByAddress = Create(limits.AnonymousReadsPerAddress, _readWindow);
        _clientAddressHeader = limits.ClientAddressHeader;
        _trustedProxies = limits.TrustedProxyNetworks();
    }

    /// <summary>The address the limits count against (<see cref="ClientAddress.Of"/> with the configured header and proxies).</summary>
    public string AddressOf(Microsoft.AspNetCore.Http.HttpRequest request) => ClientAddress.Of(request, _clientAddressHeader, _trustedProxies);

    /// <summary>Takes one anonymous read from the address's budget: null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? RefuseAnonymousRead(string address)
    {
        using var lease = _readsByAddress.AttemptAcquire(address);
        return lease.IsAcquired ? null : RetryAfter(lease, _readWindow);
    }

    /// <summary>
    /// Null when this address (and key id, if the key names one) may still try to authenticate; otherwise how long to
    /// wait. Checked before the key is verified, so a throttled caller learns nothing about the key it sent.
    /// </summary>
    public TimeSpan? RefuseAuthentication(string address, string? keyId) =>
        Exhausted(_failuresByAddress, address, _failureWindow) ?? (keyId is null ? null : Exhausted(_failuresByKey, keyId, _failureWindow));

    /// <summary>Counts one failed authentication against the address and the key id it named.</summary>
    public void RecordFailure(string address, string? keyId)
    {
        _failuresByAddress.AttemptAcquire(address).Dispose();
        if (keyId is not null)
        {
            _failuresByKey.AttemptAcquire(keyId).Dispose();
        }
    }

    /// <summary>Takes one write from the key's budget: null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? RefuseWrite(string keyId)
    {
        using var lease = _writesByKey.AttemptAcquire(keyId);
        return lease.IsAcquired ? null : RetryAfter(lease, _writeWindow);
    }

    public void Dispose()
    {
        _failuresByAddress.Dispose();
        _failuresByKey.Dispose();
        _writesByKey.Dispose();
        _readsByAddress.Dispose();
    }

    private static TimeSpan? Exhausted(PartitionedRateLimiter<string> limiter, string partition, TimeSpan window)
    {
        // Asking for zero permits reports whether any are left without taking one.
        using var lease = limiter.AttemptAcquire(partition, 0);
        return lease.IsAcquired ? null : RetryAfter(lease, window);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : window;

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(partition, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = window,
                QueueLimit = 0,

                // The partitioned limiter replenishes its partitions on its own timer.
                AutoReplenishment = false,
            }));
}
