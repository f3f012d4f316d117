using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>
/// What one tick renders, worked out from its markers: the regions affected (a changed town's region, the region a
/// moved town left, a renamed region, the regions of a changed incident's member towns), the markers of each, and the
/// incident member towns per region.
/// </summary>
internal sealed record RenderPlan(
    IReadOnlyList<RenderMarker> Due,
    IReadOnlyList<RenderMarker> Renamed,
    IReadOnlyList<RenderMarker> ChangedIncidents,
    RegionDirectoryState Stored,
    Dictionary<string, IReadOnlyList<DirectoryTown>> Regions,
    IReadOnlyDictionary<string, TownSnapshot> Current,
    IReadOnlyList<RenderMarker> Orphans,
    IReadOnlyDictionary<string, List<RenderMarker>> Affected,
    IReadOnlyDictionary<string, HashSet<string>> IncidentMembers,
    IReadOnlyDictionary<string, HashSet<string>> IncidentRegions);

/// <summary>
/// Plans a tick (<see cref="RenderPlan"/>): reads the region directory (<see cref="RegionDirectory"/>: one query, no
/// listing of every town; built once from the head rows when missing), the changed towns as they are now (their current
/// region, and with few changes their snapshots for reuse), and each changed incident once.
/// </summary>
public sealed class RenderPlanner(TownRepository towns, RegionDirectory directory, ILogger<RenderPlanner> logger)
{
    // Up to this many changed towns, their snapshots are read once up front and reused by their regions.
    private const int KeepSnapshotsUpTo = 64;

    internal async Task<RenderPlan> PlanAsync(IReadOnlyList<RenderMarker> marked, IncidentReads incidentsThisTick, CancellationToken cancellationToken)
    {
        var due = marked.Where(m => m.IsTown).ToList();
        var renamed = marked.Where(m => m.Region is not null).ToList();
        var changedIncidents = marked.Where(m => m.Incident is not null).ToList();

        // Which towns each region had when it was last rendered: one query of the region directory, not every head row.
        var stored = await directory.ReadAsync(cancellationToken).ConfigureAwait(false);
        var regions = new Dictionary<string, IReadOnlyList<DirectoryTown>>(stored.Regions, StringComparer.Ordinal);
        if (!stored.Built)
        {
            // The first render with a directory (a new or upgraded deployment): list the head rows once to build it.
            logger.LogInformation("Building the region directory from every town's head row (once)");
            regions = (await towns.ListAsync(cancellationToken).ConfigureAwait(false))
                .GroupBy(h => h.Region, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<DirectoryTown>)g.Select(h => new DirectoryTown(h.Slug, h.Name, h.Region, h.Level, h.AsOf)).ToList(), StringComparer.Ordinal);
        }

        var listedIn = regions.SelectMany(r => r.Value).ToLookup(t => t.Slug, t => t.Region, StringComparer.Ordinal);

        // The changed towns as they are now: their current region, and (a few changes) the snapshots their region's
        // render reuses. Many changes (a full render) read only the head rows here, so the render still holds one region
        // at a time, not every town.
        var current = new Dictionary<string, TownSnapshot>(StringComparer.Ordinal);
        var regionNow = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        if (due.Count <= KeepSnapshotsUpTo)
        {
            foreach (var snapshot in await towns.GetManyAsync(due.Select(m => m.Town), cancellationToken).ConfigureAwait(false))
            {
                current[snapshot.Profile.Slug] = snapshot;
                regionNow[snapshot.Profile.Slug] = snapshot.Profile.Region;
            }
        }
        else
        {
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (marker, token) =>
            {
                if (await towns.GetProfileAsync(marker.Town, token).ConfigureAwait(false) is { } profile)
                {
                    regionNow[marker.Town] = profile.Region;
                }
            }).ConfigureAwait(false);
        }

        var orphans = due.Where(m => !regionNow.ContainsKey(m.Town)).ToList();

        // A changed town's region, and the region it was listed in before when it moved (that one must drop it).
        var affected = new Dictionary<string, List<RenderMarker>>(StringComparer.Ordinal);
        foreach (var marker in due.Where(m => regionNow.ContainsKey(m.Town)))
        {
            Changes(affected, regionNow[marker.Town]).Add(marker);
            foreach (var before in listedIn[marker.Town])
            {
                Changes(affected, before);
            }
        }

        // A renamed region: its outputs name it, whether or not one of its towns changed.
        foreach (var marker in renamed)
        {
            Changes(affected, marker.Region!);
        }

        // A changed shared incident: each member town once, with its region (as the directory lists it). A member the
        // directory does not list yet was created since the last render and has a marker of its own.
        var incidentMembers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var incidentRegions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var marker in changedIncidents)
        {
            var incident = await incidentsThisTick.GetAsync(marker.Incident!).ConfigureAwait(false);
            var touched = incidentRegions[marker.Incident!] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in incident?.Towns ?? [])
            {
                foreach (var region in listedIn[member])
                {
                    Changes(affected, region);
                    touched.Add(region);
                    if (!incidentMembers.TryGetValue(region, out var inRegion))
                    {
                        incidentMembers[region] = inRegion = new HashSet<string>(StringComparer.Ordinal);
                    }

                    inRegion.Add(member);
                }
            }
        }

        return new RenderPlan(due, renamed, changedIncidents, stored, regions, current, orphans, affected, incidentMembers, incidentRegions);
    }

    private static List<RenderMarker> Changes(Dictionary<string, List<RenderMarker>> affected, string region)
    {
        if (!affected.TryGetValue(region, out var changed))
        {
            affected[region] = changed = [];
        }

        return changed;
    }
}
