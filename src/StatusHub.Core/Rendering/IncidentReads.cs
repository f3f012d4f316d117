using System.Collections.Concurrent;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>The shared incidents one tick has read: each at most once, however many member towns show it.</summary>
internal sealed class IncidentReads(IncidentRepository incidents, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IncidentDocument?>>> _read = new(StringComparer.Ordinal);

    public Task<IncidentDocument?> GetAsync(string incident) =>
        _read.GetOrAdd(incident, id => new Lazy<Task<IncidentDocument?>>(async () =>
            (await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Document)).Value;
}
