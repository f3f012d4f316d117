using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Regions;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

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
/// never lost. One failing town is logged and retried next tick.
/// </summary>
public sealed class RenderJob(
    RenderMarkers markers,
    TownRepository towns,
    RegionDirectory directory,
    RegionRepository regionNames,
    IncidentRepository incidents,
    SiteStore site,
    TownSiteRenderer townRenderer,
    RegionSiteRenderer regionRenderer,
    IncidentSiteRenderer incidentRenderer,
    RenderLease lease,
    IEnumerable<IDeploymentFiles> deploymentFiles,
    IOptionsMonitor<RenderOptions> options,
    TimeProvider time,
    ILogger<RenderJob> logger,
    DeliveryOutbox deliveries) : IDisposable
{
    /// <summary>A page whose "as of" is older than this shows a warning; it is re-rendered when the time comes.</summary>
    public static readonly TimeSpan StaleAfter = StatusExpiry.After;

    // Up to this many changed towns, their snapshots are read once up front and reused by their regions.
    private const int KeepSnapshotsUpTo = 64;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _deploymentSynced;

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

    private async Task<SyncResult> SyncEachAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
    {
        int written = 0, unchanged = 0;
        foreach (var file in files)
        {
            var synced = await site.SyncAsync(file.Path, [file], exactPaths: true, cancellationToken).ConfigureAwait(false);
            written += synced.Written;
            unchanged += synced.Unchanged;
        }

        return new SyncResult(written, unchanged, 0);
    }

    private async Task<RenderResult> RenderDueAsync(bool manual, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();

        // The files of the deployment (console, OpenAPI document): on the first tick of each process, whether or not a
        // town changed, so a new deployment publishes them without waiting for a change; not on every tick.
        if (Volatile.Read(ref _deploymentSynced) == 0)
        {
            foreach (var set in deploymentFiles)
            {
                var synced = set.ExactPaths
                    ? await SyncEachAsync(set.Files, cancellationToken).ConfigureAwait(false)
                    : await site.SyncAsync(set.Folder, set.Files, exactPaths: false, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Deployment files synced into {Folder}: {Written} written, {Unchanged} unchanged, {Deleted} deleted",
                    set.Folder, synced.Written, synced.Unchanged, synced.Deleted);
            }

            Volatile.Write(ref _deploymentSynced, 1);
        }

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

        var due = marked.Where(m => m.IsTown).ToList();
        var renamed = marked.Where(m => m.Region is not null).ToList();
        var changedIncidents = marked.Where(m => m.Incident is not null).ToList();
        logger.LogInformation("Rendering: {Count} towns, {Regions} region names and {Incidents} shared incidents changed", due.Count, renamed.Count, changedIncidents.Count);
        // The monitor's value: the local server fills in its listening address once it listens.
        var settings = options.CurrentValue;
        var tally = new Tally();
        var incidentsThisTick = new IncidentReads(incidents, cancellationToken);

        // The regions' display names: one query of one small partition (a row per named region), on ticks with work only.
        var names = await regionNames.ListAsync(cancellationToken).ConfigureAwait(false);

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

        foreach (var orphan in due.Where(m => !regionNow.ContainsKey(m.Town)))
        {
            await markers.TryClearAsync(orphan, cancellationToken).ConfigureAwait(false);
        }

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

        var failedRegions = new HashSet<string>(StringComparer.Ordinal);

        // Incident pages to render: the changed incidents, and those of towns that changed themselves (their level or Stand).
        var incidentPages = changedIncidents.Select(m => m.Incident!).ToHashSet(StringComparer.Ordinal);

        var directoryChanged = !stored.Built;
        foreach (var (region, changed) in affected)
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
                await RenderRegionAsync(NameOf(names, region), changed, incidentMembers.GetValueOrDefault(region) ?? [], snapshots, regionIncidents, settings, now, tally,
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
            foreach (var (region, entries) in regions.Where(r => !affected.ContainsKey(r.Key)))
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
        foreach (var marker in changedIncidents.Where(m => !incidentRegions[m.Incident!].Overlaps(failedRegions) && !failedIncidents.Contains(m.Incident!)))
        {
            if (!await markers.TryClearAsync(marker, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Incident {Incident} changed while it was rendered; it is rendered again next tick", marker.Incident);
            }
            else if (await incidentsThisTick.GetAsync(marker.Incident!).ConfigureAwait(false) is { ResolvedAt: { } resolved }
                && IncidentSelection.IsShown(resolved, now))
            {
                await markers.ScheduleAsync(marker.Town, resolved + IncidentSelection.ShownAfterResolution, cancellationToken).ConfigureAwait(false);
            }
        }

        // A region marker goes once the region's outputs and the index show the name; one deleted with a stale ETag (renamed
        // again meanwhile) stays for the next tick.
        foreach (var marker in renamed.Where(m => !failedRegions.Contains(m.Region!)))
        {
            if (!await markers.TryClearAsync(marker, cancellationToken).ConfigureAwait(false))
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
        Tally tally,
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

    private static List<RenderMarker> Changes(Dictionary<string, List<RenderMarker>> affected, string region)
    {
        if (!affected.TryGetValue(region, out var changed))
        {
            affected[region] = changed = [];
        }

        return changed;
    }

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
        Tally tally,
        Func<CancellationToken, Task>? storeDirectory,
        CancellationToken cancellationToken)
    {
        var region = named.Slug;
        var bySlug = snapshots.ToDictionary(s => s.Profile.Slug, StringComparer.Ordinal);
        var matching = AidMatcher.Match(snapshots, now);

        var toRender = changed.Select(m => m.Town).Concat(incidentMembers).Where(bySlug.ContainsKey).ToHashSet(StringComparer.Ordinal);
        toRender.UnionWith(await TownsWithChangedAidAsync(region, snapshots, matching, cancellationToken).ConfigureAwait(false));
        var failed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        await Parallel.ForEachAsync(
            toRender,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = cancellationToken },
            async (slug, token) =>
            {
                try
                {
                    var document = TownDocument.From(bySlug[slug], matching.For(slug, bySlug));
                    if (document.Shed is { } shed)
                    {
                        logger.LogWarning(
                            "Town {Town} publishes more than status.json may hold ({Before} bytes); left out {Updates} oldest updates, {Qa} Q&A items, {Aid} aid matches and translations as needed ({After} bytes)",
                            slug, shed.BytesBefore, shed.Updates, shed.Qa, shed.Aid, shed.BytesAfter);
                    }

                    var files = await townRenderer.RenderTownAsync(document, settings.SiteBaseUrl, now).ConfigureAwait(false);
                    var synced = await site.SyncAsync(slug + "/", files, exactPaths: false, token).ConfigureAwait(false);
                    tally.Add(synced);
                    if (synced.WrittenPaths.Contains(SitePaths.StatusJson(slug)))
                    {
                        await deliveries.TownPublishedAsync(region, slug, token).ConfigureAwait(false);
                    }

                    var done = Interlocked.Increment(ref tally.Towns);
                    if (done % 500 == 0)
                    {
                        logger.LogInformation("Rendered {Done} towns", done);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    failed[slug] = true;
                    Interlocked.Increment(ref tally.Failed);
                    logger.LogError(error, "Rendering town {Town} failed; it keeps its marker and is retried next tick", slug);
                }
            }).ConfigureAwait(false);

        // A region every town has left keeps no files.
        IReadOnlyList<SiteFile> regionFiles = [];
        if (snapshots.Count > 0)
        {
            var previousAlerts = await PreviousAlertsAsync(region, cancellationToken).ConfigureAwait(false);
            regionFiles = await regionRenderer.RenderAsync(named, snapshots, matching, previousAlerts, settings.SiteBaseUrl, now, regionIncidents).ConfigureAwait(false);
        }

        tally.Add(await site.SyncAsync(SitePaths.RegionFolder(region), regionFiles, exactPaths: false, cancellationToken).ConfigureAwait(false));

        if (storeDirectory is not null)
        {
            await storeDirectory(cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(
            changed.Where(m => !failed.ContainsKey(m.Town)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = cancellationToken },
            async (marker, token) =>
            {
                if (!await markers.TryClearAsync(marker, token).ConfigureAwait(false))
                {
                    logger.LogInformation("Town {Town} changed while it was rendered; it is rendered again next tick", marker.Town);
                }
                else if (bySlug.TryGetValue(marker.Town, out var town) && town.Status.AsOf is { } asOf && asOf + StaleAfter > now)
                {
                    await markers.ScheduleAsync(marker.Town, asOf + StaleAfter, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// Towns whose aid matches differ from those in the region's published feed.json: they must be re-rendered
    /// although they did not change themselves. Without a published feed, every town of the region.
    /// </summary>
    private async Task<IEnumerable<string>> TownsWithChangedAidAsync(
        string region, IReadOnlyList<TownSnapshot> snapshots, AidMatching matching, CancellationToken cancellationToken)
    {
        var published = await site.ReadAsync(SitePaths.RegionFeedJson(region), cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            return snapshots.Select(s => s.Profile.Slug);
        }

        var before = (JsonNode.Parse(published)?["matches"]?.AsArray() ?? [])
            .Where(m => m?["town"] is not null)
            .GroupBy(m => m!["town"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => new JsonArray(g.Select(m => m!.DeepClone()).ToArray()), StringComparer.Ordinal);
        var after = matching.Matches.Select(RegionFeedMatch.From)
            .GroupBy(m => m.Town)
            .ToDictionary(g => g.Key, g => JsonSerializer.SerializeToNode(g.ToList(), DocumentJson.Options)!, StringComparer.Ordinal);
        return snapshots.Select(s => s.Profile.Slug).Where(slug =>
            !JsonNode.DeepEquals(before.GetValueOrDefault(slug), after.GetValueOrDefault(slug)));
    }

    private async Task<IReadOnlyDictionary<string, CapMessage>> PreviousAlertsAsync(string region, CancellationToken cancellationToken)
    {
        var folder = SitePaths.RegionFolder(region) + "cap/";
        var paths = await site.ListPathsAsync(folder, cancellationToken).ConfigureAwait(false);
        var read = await Task.WhenAll(paths.Select(async path => (Path: path, Bytes: await site.ReadAsync(path, cancellationToken).ConfigureAwait(false))))
            .ConfigureAwait(false);
        var alerts = new Dictionary<string, CapMessage>(StringComparer.Ordinal);
        foreach (var (path, bytes) in read)
        {
            if (bytes is not null && CapMessage.Parse(bytes) is { } message)
            {
                alerts[Path.GetFileNameWithoutExtension(path)] = message;
            }
        }

        return alerts;
    }

    /// <summary>The shared incidents one tick has read: each at most once, however many member towns show it.</summary>
    private sealed class IncidentReads(IncidentRepository incidents, CancellationToken cancellationToken)
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<IncidentDocument?>>> _read = new(StringComparer.Ordinal);

        public Task<IncidentDocument?> GetAsync(string incident) =>
            _read.GetOrAdd(incident, id => new Lazy<Task<IncidentDocument?>>(async () =>
                (await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Document)).Value;
    }

    private sealed class Tally
    {
        public int Towns;
        public int Written;
        public int Unchanged;
        public int Failed;

        public void Add(SyncResult result)
        {
            Interlocked.Add(ref Written, result.Written + result.Deleted);
            Interlocked.Add(ref Unchanged, result.Unchanged);
        }
    }
}
