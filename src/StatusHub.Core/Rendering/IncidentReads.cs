using System.Collections.Concurrent;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>The shared incidents one tick has read: each at most once, however many member towns show it.</summary>
internal sealed class IncidentReads(IncidentRepository incidents, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<StoredIncident?>>> _read = new(StringComparer.Ordinal);

    public async Task<IncidentDocument?> GetAsync(string incident) => (await GetStoredAsync(incident).ConfigureAwait(false))?.Document;

    /// <summary>The incident as this tick read it, with its head's Table ETag (for the renderer's clearing of its dirty state).</summary>
    public Task<StoredIncident?> GetStoredAsync(string incident) =>
        _read.GetOrAdd(incident, id => new Lazy<Task<StoredIncident?>>(() => incidents.GetAsync(id, cancellationToken))).Value;
}
