namespace StatusHub.Core.Storage;

/// <summary>
/// The public town list (<c>GET /api/v1/towns</c>), read from storage at most once per <see cref="Bound"/> per
/// instance: anonymous traffic costs one table query per instance per bound, however many towns the hub holds and
/// however often the list is asked for. A town created, changed or given a new status through this instance shows at
/// once; a change made through another instance shows within the bound. One refresh at a time: concurrent callers wait for it.
/// </summary>
public sealed class TownListCache(TownRepository towns, TimeProvider time) : IDisposable
{
    /// <summary>How stale the list may be.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<TownListItem> Towns, DateTimeOffset ReadAt)? _current;

    public async Task<IReadOnlyList<TownListItem>> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } list)
        {
            return list;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } refreshed)
            {
                return refreshed;
            }

            var read = await towns.ListAsync(cancellationToken).ConfigureAwait(false);
            _current = (read, time.GetUtcNow());
            return read;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops the cached list (after a town was created or changed here).</summary>
    public void Invalidate() => _current = null;

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<TownListItem>? Fresh() =>
        _current is { } current && time.GetUtcNow() - current.ReadAt < Bound ? current.Towns : null;
}
