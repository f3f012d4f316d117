using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Regions;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Core.Rendering;

/// <summary>What a region's render did: its towns by slug, and the towns that failed (they keep their markers).</summary>
internal sealed record RegionStepResult(IReadOnlyDictionary<string, TownSnapshot> BySlug, IReadOnlyDictionary<string, bool> FailedTowns);

/// <summary>
/// One region's render: matches mutual aid, renders the changed towns, the incidents' member towns and every town whose
/// aid changed (<see cref="AidChanges"/>), queues the deliveries of the towns whose <c>status.json</c> changed, then renders
/// and syncs the region's outputs with its render-state row (files, aid-match hashes, CAP threads). What it must know of
/// the last render comes from that row, never from <c>$web</c>.
/// </summary>
public sealed class RegionStep(
    PublishedFolders publishedFolders,
    SiteStore site,
    TownSiteRenderer townRenderer,
    RegionSiteRenderer regionRenderer,
    DeliveryOutbox deliveries,
    ILogger<RegionStep> logger)
{
    internal async Task<RegionStepResult> RenderAsync(
        RegionProfile named,
        IReadOnlyList<RenderMarker> changed,
        IReadOnlySet<string> incidentMembers,
        IReadOnlyList<TownSnapshot> snapshots,
        IReadOnlyList<IncidentDocument> regionIncidents,
        RenderOptions settings,
        DateTimeOffset now,
        RenderTally tally,
        CancellationToken cancellationToken)
    {
        var region = named.Slug;
        var bySlug = snapshots.ToDictionary(s => s.Profile.Slug, StringComparer.Ordinal);
        var matching = AidMatcher.Match(snapshots, now);

        // What the region's last render published and recorded (one point read of the render table; $web is never read).
        var published = await publishedFolders.ReadAsync(SitePaths.RegionFolder(region), cancellationToken).ConfigureAwait(false);
        var aid = AidChanges.Hashes(matching);
        var toRender = changed.Select(m => m.Town).Concat(incidentMembers).Where(bySlug.ContainsKey).ToHashSet(StringComparer.Ordinal);
        toRender.UnionWith(AidChanges.TownsChanged(published, snapshots, aid));
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
                        // The outbox row carries the document itself: the dispatcher never reads $web.
                        var statusJson = files.Single(f => f.Path == SitePaths.StatusJson(slug)).Content;
                        await deliveries.TownPublishedAsync(region, slug, statusJson, token).ConfigureAwait(false);
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
            regionFiles = await regionRenderer.RenderAsync(named, snapshots, matching, published.Cap, settings.SiteBaseUrl, now, regionIncidents).ConfigureAwait(false);
        }

        // The region's row records its files with what the next render needs: each town's aid matches and CAP thread.
        var alerts = RegionSiteRenderer.Alerts(region, regionFiles);
        if (!published.Recorded)
        {
            // No row yet (the first render of this region by a version that keeps one): an alert an earlier version
            // published for a town that has none now must not stay. Deleted blindly, once; nothing of $web is read.
            await site.DeleteUnrecordedAsync(
                snapshots.Select(s => s.Profile.Slug).Where(slug => !alerts.ContainsKey(slug)).Select(slug => SitePaths.RegionCapAlert(region, slug)),
                cancellationToken).ConfigureAwait(false);
        }

        tally.Add(await site.SyncAsync(SitePaths.RegionFolder(region), regionFiles, published, exactPaths: false, snapshots.Count > 0 ? aid : null, alerts, cancellationToken)
            .ConfigureAwait(false));

        return new RegionStepResult(bySlug, failed);
    }
}
