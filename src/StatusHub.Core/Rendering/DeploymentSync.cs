using Microsoft.Extensions.Logging;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>
/// The files of the deployment (console, OpenAPI document, root files): synced into <c>$web</c> on the first render tick
/// of each process, whether or not a town changed, so a new deployment publishes them without waiting for a change; not
/// on every tick.
/// </summary>
public sealed class DeploymentSync(SiteStore site, IEnumerable<IDeploymentFiles> deploymentFiles, ILogger<DeploymentSync> logger)
{
    private int _synced;

    /// <summary>Syncs every set once per process; later calls do nothing.</summary>
    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _synced) != 0)
        {
            return;
        }

        foreach (var set in deploymentFiles)
        {
            var synced = set.ExactPaths
                ? await SyncEachAsync(set.Files, cancellationToken).ConfigureAwait(false)
                : await site.SyncAsync(set.Folder, set.Files, exactPaths: false, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Deployment files synced into {Folder}: {Written} written, {Unchanged} unchanged, {Deleted} deleted",
                set.Folder, synced.Written, synced.Unchanged, synced.Deleted);
        }

        Volatile.Write(ref _synced, 1);
    }

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
}
