using StatusHub.Core.Aid;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Documents;

/// <summary>A town's document as <c>GET /api/v1/towns/{town}</c> answers it: the town, the aid it accepted, its shared incidents.</summary>
public sealed class TownDocuments(TownRepository towns, IncidentRepository incidents, TimeProvider time)
{
    /// <summary>The document and the town's own version (the ETag its writers send as If-Match), or null for no such town.</summary>
    public async Task<(TownDocument Document, string ETag)?> GetAsync(string town, CancellationToken cancellationToken)
    {
        if (await towns.GetAsync(town, cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return null;
        }

        // Only offers the town accepted can help it (API.md, Mutual aid), so the document needs this town and the
        // providers it accepted, of its own region (as the render's region matching): no read of the other towns, so
        // the cost does not grow with the hub.
        var accepted = snapshot.AcceptedAid.Select(a => a.Provider).Where(p => p != town).Distinct(StringComparer.Ordinal);
        var region = (await towns.GetManyAsync(accepted, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Profile.Region == snapshot.Profile.Region)
            .ToDictionary(t => t.Profile.Slug);
        region[town] = snapshot;
        var now = time.GetUtcNow();
        var matching = AidMatcher.Match(region.Values, now);

        // Its shared incidents: the membership rows came with the town's own rows; each incident is one more query.
        if (snapshot.IncidentIds.Count > 0)
        {
            var shared = await incidents.GetManyAsync(snapshot.IncidentIds, cancellationToken).ConfigureAwait(false);
            snapshot = snapshot with { Incidents = IncidentSelection.ForTown(town, shared, now) };
        }

        return (TownDocument.From(snapshot, matching.For(town, region)), snapshot.ETag);
    }
}
