using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>What one render did (API.md "Rendering").</summary>
public sealed record RenderResult(int TownsRendered, int BlobsWritten, int BlobsUnchanged, long ElapsedMs)
{
    /// <summary>Towns that failed and keep their marker for the next tick.</summary>
    public int TownsFailed { get; init; }
}

/// <summary>
/// The incremental render. A tick reads the render markers (one query; nothing due means nothing else is
/// read or written). Only then does it take the render lease (<see cref="RenderLease"/>: one render at a time across
/// every instance) and read the markers again. It finds each changed town's region, and the regions moved towns left,
/// in the region directory (<see cref="RegionDirectory"/>: one query, no listing of every town); for each such region
/// it reads the region's towns, matches mutual aid, and renders the changed towns plus every town whose aid matches
/// changed (a provider going down removes its offers from its neighbours' pages), then the region outputs, and the
/// site index when a town's name, region, level or "as of" changed. A region whose display name changed has a marker
/// of its own (<see cref="RenderMarker.Region"/>): its outputs and the site index are rendered, its towns only when
/// their aid changed. A shared incident that changed has one marker (<see cref="RenderMarker.Incident"/>): the tick reads
/// it once and renders each of its member towns once (found in the region directory, so grouped with their regions). Every
/// town rendered gets its incidents from the membership rows its own partition holds; each incident is read at most once
/// per tick however many member towns show it. An incident's page (<c>/incidents/{incident}/</c>) is rendered when the
/// incident changed or one of its member towns did (it lists their levels and Stand, from the region directory). Files are
/// uploaded only when their content changed. Each marker is deleted with the ETag it was read with, so a write during the render is rendered next tick,
/// never lost. One failing town is logged and retried next tick. The parts that change for their own reasons live apart:
/// <see cref="RenderPlanner"/> (which regions and towns a tick renders), <see cref="RegionStep"/> (one region's towns and
/// outputs, with <see cref="AidChanges"/>), <see cref="DeploymentSync"/> (the console and other deployment files); this
/// class holds the tick's order, the lease, the directory, the index, the incident pages and the markers.
/// </summary>
public sealed class RenderJob(
    RenderMarkers markers,
    TownRepository towns,
    RegionDirectory directory,
    RegionRepository regionNames,
    IncidentRepository incidents,
    SiteStore site,
    TownSiteRenderer townRenderer,
    IncidentSiteRenderer incidentRenderer,
    RenderLease lease,
    DeploymentSync deployment,
    RenderPlanner planner,
    RegionStep regionStep,
    IOptionsMonitor<RenderOptions> options,
    TimeProvider time,
    ILogger<RenderJob> logger) : IDisposable
{
    /// <summary>A page whose "as of" is older than this shows a warning; it is re-rendered when the time comes.</summary>
    public static readonly TimeSpan StaleAfter = StatusExpiry.After;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>A timer tick: when another instance holds the render lease, it skips (logged); the next tick catches up.</summary>
    public Task<RenderResult> RunAsync(CancellationToken cancellationToken) => RunAsync(manual: false, cancellationToken);

    /// <summary>
    /// A manual render (<c>POST /api/v1/render</c>): waits up to <see cref="RenderOptions.LeaseWaitSeconds"/> for another
    /// instance's render; <see cref="Errors.RenderBusyException"/> when it still runs then.
    /// </summary>
    public Task<RenderResult> RunNowAsync(CancellationToken cancellationToken) => RunAsync(manual: true, cancellationToken);

    private async Task<RenderResult> RunAsync(bool manual, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RenderDueAsync(manual, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<RenderResult> RenderDueAsync(bool manual, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();

        // The files of the deployment (console, OpenAPI document): on the first tick of each process, whether or not a
        // town changed, so a new deployment publishes them without waiting for a change; not on every tick.
        await deployment.SyncOnceAsync(cancellationToken).ConfigureAwait(false);

        var due = await markers.ListDueAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return new RenderResult(0, 0, 0, clock.ElapsedMilliseconds);
        }

        // Only a tick with work takes the lease, so an idle tick stays one table query and no blob request.
        var wait = manual ? TimeSpan.FromSeconds(Math.Max(0, options.CurrentValue.LeaseWaitSeconds)) : TimeSpan.Zero;
        var held = await lease.AcquireAsync(wait, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            if (manual)
            {
                throw new Errors.RenderBusyException(TimeSpan.FromSeconds(Math.Clamp(options.CurrentValue.LeaseSeconds, 15, 60)));
            }

            logger.LogInformation("Render skipped: another instance holds the render lease; the next tick catches up");
            return new RenderResult(0, 0, 0, clock.ElapsedMilliseconds);
        }

        await using var release = held.ConfigureAwait(false);
        logger.LogInformation("Render lease {Lease} acquired", held.LeaseId);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
            return await RenderLeasedAsync(clock, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            logger.LogInformation("Render lease {Lease} released", held.LeaseId);
        }
    }

    private async Task<RenderResult> RenderLeasedAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        // Read again under the lease: another instance may have rendered these towns while we waited for it.
        var now = time.GetUtcNow();
        var marked = await markers.ListDueAsync(now, cancellationToken).ConfigureAwait(false);
        if (marked.Count == 0)
        {
            return new RenderResult(0, 0, 0, clock.ElapsedMilliseconds);
        }

        var incidentsThisTick = new IncidentReads(incidents, cancellationToken);
        var plan = await planner.PlanAsync(marked, incidentsThisTick, cancellationToken).ConfigureAwait(false);
        var (renamed, changedIncidents, stored, regions, current) = (plan.Renamed, plan.ChangedIncidents, plan.Stored, plan.Regions, plan.Current);
        logger.LogInformation("Rendering: {Count} towns, {Regions} region names and {Incidents} shared incidents changed", plan.Due.Count, renamed.Count, changedIncidents.Count);
        // The monitor's value: the local server fills in its listening address once it listens.
        var settings = options.CurrentValue;
        var tally = new RenderTally();

        // The regions' display names: one query of one small partition (a row per named region), on ticks with work only.
        // Read after the markers: the renderer clears a renamed region's dirty state on the row as read here.
        var storedNames = await regionNames.ListStoredAsync(cancellationToken).ConfigureAwait(false);
        var names = storedNames.ToDictionary(r => r.Key, r => r.Value.Region, StringComparer.Ordinal);

        foreach (var orphan in plan.Orphans)
        {
            await markers.TryClearAsync(orphan, cancellationToken).ConfigureAwait(false);
        }

        var failedRegions = new HashSet<string>(StringComparer.Ordinal);

        // Incident pages to render: the changed incidents, and those of towns that changed themselves (their level or Stand).
        var incidentPages = changedIncidents.Select(m => m.Incident!).ToHashSet(StringComparer.Ordinal);

        var directoryChanged = !stored.Built;
        foreach (var (region, changed) in plan.Affected)
        {
            try
            {
                var members = (regions.GetValueOrDefault(region) ?? []).Select(t => t.Slug).Concat(changed.Select(m => m.Town))
                    .Distinct(StringComparer.Ordinal).ToList();
                var read = await towns.GetManyAsync(members.Where(slug => !current.ContainsKey(slug)), cancellationToken).ConfigureAwait(false);
                var (snapshots, regionIncidents) = await WithIncidentsAsync(
                    members.Where(current.ContainsKey).Select(slug => current[slug]).Concat(read)
                        .Where(s => s.Profile.Region == region)
                        .OrderBy(s => s.Profile.Slug, StringComparer.Ordinal)
                        .ToList(),
                    incidentsThisTick,
                    now).ConfigureAwait(false);
                var ownMarkers = changed.Select(m => m.Town).ToHashSet(StringComparer.Ordinal);
                incidentPages.UnionWith(snapshots.Where(s => ownMarkers.Contains(s.Profile.Slug)).SelectMany(s => s.IncidentIds));
                var entries = snapshots.Select(s => new DirectoryTown(s.Profile.Slug, s.Profile.Name, region, s.Status.Level, s.Status.AsOf)).ToList();

                // A region named before it has a town has no row, and gets none while it stays empty.
                var unchanged = stored.Regions.TryGetValue(region, out var previous) ? previous.SequenceEqual(entries) : entries.Count == 0;
                await RenderRegionAsync(NameOf(names, region), changed, plan.IncidentMembers.GetValueOrDefault(region) ?? [], snapshots, regionIncidents, settings, now, tally,
                    unchanged ? null : token => directory.WriteAsync(region, entries, token), cancellationToken).ConfigureAwait(false);
                directoryChanged |= !unchanged;
                regions[region] = entries;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failedRegions.Add(region);
                Interlocked.Add(ref tally.Failed, changed.Count);
                logger.LogError(error, "Rendering region {Region} failed; its towns keep their markers and are retried next tick", region);
            }
        }

        if (!stored.Built)
        {
            foreach (var (region, entries) in regions.Where(r => !plan.Affected.ContainsKey(r.Key)))
            {
                await directory.WriteAsync(region, entries, cancellationToken).ConfigureAwait(false);
            }

            await directory.MarkBuiltAsync(cancellationToken).ConfigureAwait(false);
        }

        // The site index lists every town with its level and "as of", and the regions by name: rendered only when one
        // of those changed.
        if (directoryChanged || renamed.Count > 0)
        {
            var indexTowns = regions.Values.SelectMany(r => r).Select(t => new SiteIndexTown(t.Slug, t.Name, t.Region, t.Level, t.AsOf)).ToList();
            var indexNames = regions.Keys.ToDictionary(region => region, region => NameOf(names, region).DisplayName(RegionProfile.DefaultLanguage), StringComparer.Ordinal);
            var index = await townRenderer.RenderIndexAsync(new SiteIndexModel(indexTowns, settings.SiteBaseUrl, now) { RegionNames = indexNames })
                .ConfigureAwait(false);
            tally.Add(await site.SyncAsync(SitePaths.Index, [index], exactPaths: true, cancellationToken).ConfigureAwait(false));
        }

        var failedIncidents = await RenderIncidentPagesAsync(incidentPages, incidentsThisTick, regions, settings, now, tally, cancellationToken).ConfigureAwait(false);

        // An incident marker goes once every region of its member towns and its page rendered; a resolved incident is rendered once
        // more when it leaves its members' pages.
        foreach (var marker in changedIncidents.Where(m => !plan.IncidentRegions[m.Incident!].Overlaps(failedRegions) && !failedIncidents.Contains(m.Incident!)))
        {
            // First the incident's list row and dirty state, on the head as the tick read it (before rendering), then the marker.
            if (!await incidents.SettleRenderedAsync(marker.Incident!, await incidentsThisTick.GetStoredAsync(marker.Incident!).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                || !await markers.TryClearAsync(marker, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Incident {Incident} changed while it was rendered; it is rendered again next tick", marker.Incident);
            }
            else if (await incidentsThisTick.GetAsync(marker.Incident!).ConfigureAwait(false) is { ResolvedAt: { } resolved }
                && IncidentSelection.IsShown(resolved, now))
            {
                await markers.ScheduleAsync(marker.Town, resolved + IncidentSelection.ShownAfterResolution, cancellationToken).ConfigureAwait(false);
            }
        }

        // A region marker goes once the region's outputs and the index show the name: first the region row's dirty state is
        // cleared on the row as read (a rename committed since fails it), then the marker is deleted with its ETag (one
        // written since fails it); either way it stays for the next tick (docs/storage.md, "A region's name").
        foreach (var marker in renamed.Where(m => !failedRegions.Contains(m.Region!)))
        {
            if (!await regionNames.TryClearDirtyAsync(marker.Region!, storedNames.GetValueOrDefault(marker.Region!)?.StoredETag, cancellationToken).ConfigureAwait(false)
                || !await markers.TryClearAsync(marker, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Region {Region} was renamed while it was rendered; it is rendered again next tick", marker.Region);
            }
        }

        var result = new RenderResult(tally.Towns, tally.Written, tally.Unchanged, clock.ElapsedMilliseconds) { TownsFailed = tally.Failed };
        logger.LogInformation(
            "Render done: {Towns} towns, {Written} blobs written, {Unchanged} unchanged, {Failed} failed, {Elapsed} ms",
            result.TownsRendered, result.BlobsWritten, result.BlobsUnchanged, result.TownsFailed, result.ElapsedMs);
        return result;
    }

    /// <summary>
    /// Renders the page of each incident in <paramref name="ids"/>. Its member towns' level, name and Stand come from the
    /// region directory as this tick left it, so the page costs no read of the member towns. Returns the incidents whose
    /// page failed (logged; their markers stay).
    /// </summary>
    private async Task<HashSet<string>> RenderIncidentPagesAsync(
        IReadOnlySet<string> ids,
        IncidentReads reads,
        IReadOnlyDictionary<string, IReadOnlyList<DirectoryTown>> regions,
        RenderOptions settings,
        DateTimeOffset now,
        RenderTally tally,
        CancellationToken cancellationToken)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return failed;
        }

        var listed = regions.Values.SelectMany(r => r).GroupBy(t => t.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            try
            {
                if (await reads.GetAsync(id).ConfigureAwait(false) is not { } incident)
                {
                    continue;
                }

                var members = incident.Towns.Where(listed.ContainsKey).Select(slug => MemberDocument(listed[slug])).ToList();
                var files = await incidentRenderer.RenderAsync(incident, members, settings.SiteBaseUrl, now).ConfigureAwait(false);
                tally.Add(await site.SyncAsync(SitePaths.IncidentFolder(id), files, exactPaths: false, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed.Add(id);
                logger.LogError(error, "Rendering the page of incident {Incident} failed; it is retried next tick", id);
            }
        }

        return failed;
    }

    /// <summary>What the incident page shows of a member town (name, link, level, Stand), from its directory entry.</summary>
    private static TownDocument MemberDocument(DirectoryTown town) =>
        new(new TownReference(town.Slug, town.Name, town.Region, null, null, RegionProfile.DefaultLanguage), town.Level, new LocalizedText(), new LocalizedText(),
            town.AsOf, null, [], [], [], []);

    /// <summary>
    /// The snapshots with the shared incidents each town's document shows (each incident read once per tick), and those
    /// incidents, for the region's outputs.
    /// </summary>
    private static async Task<(List<TownSnapshot> Snapshots, List<IncidentDocument> Incidents)> WithIncidentsAsync(
        List<TownSnapshot> snapshots, IncidentReads reads, DateTimeOffset now)
    {
        var shown = new Dictionary<string, IncidentDocument>(StringComparer.Ordinal);
        var result = new List<TownSnapshot>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            if (snapshot.IncidentIds.Count == 0)
            {
                result.Add(snapshot);
                continue;
            }

            var found = new List<IncidentDocument>();
            foreach (var id in snapshot.IncidentIds)
            {
                if (await reads.GetAsync(id).ConfigureAwait(false) is { } incident)
                {
                    found.Add(incident);
                }
            }

            var views = IncidentSelection.ForTown(snapshot.Profile.Slug, found, now);
            foreach (var view in views)
            {
                shown.TryAdd(view.Id, found.First(i => i.Id == view.Id));
            }

            result.Add(snapshot with { Incidents = views });
        }

        return (result, shown.Values.OrderBy(i => i.Id, StringComparer.Ordinal).ToList());
    }

    private static RegionProfile NameOf(IReadOnlyDictionary<string, RegionProfile> names, string region) =>
        names.TryGetValue(region, out var named) ? named : RegionProfile.Unnamed(region);

    /// <summary>
    /// Renders the changed towns of a region and those whose aid changed, then the region outputs; stores the region's
    /// directory row (<paramref name="storeDirectory"/>, when it changed) before clearing the markers.
    /// </summary>
    private async Task RenderRegionAsync(
        RegionProfile named,
        IReadOnlyList<RenderMarker> changed,
        IReadOnlySet<string> incidentMembers,
        IReadOnlyList<TownSnapshot> snapshots,
        IReadOnlyList<IncidentDocument> regionIncidents,
        RenderOptions settings,
        DateTimeOffset now,
        RenderTally tally,
        Func<CancellationToken, Task>? storeDirectory,
        CancellationToken cancellationToken)
    {
        var (bySlug, failed) = await regionStep.RenderAsync(named, changed, incidentMembers, snapshots, regionIncidents, settings, now, tally, cancellationToken)
            .ConfigureAwait(false);

        if (storeDirectory is not null)
        {
            await storeDirectory(cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(
            changed.Where(m => !failed.ContainsKey(m.Town)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = cancellationToken },
            async (marker, token) =>
            {
                if (!await markers.TryClearRenderedAsync(marker, bySlug.GetValueOrDefault(marker.Town), token).ConfigureAwait(false))
                {
                    logger.LogInformation("Town {Town} changed while it was rendered; it is rendered again next tick", marker.Town);
                }
                else if (bySlug.TryGetValue(marker.Town, out var town) && town.Status.AsOf is { } asOf && asOf + StaleAfter > now)
                {
                    await markers.ScheduleAsync(marker.Town, asOf + StaleAfter, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }
}
