namespace StatusHub.Core.Rendering;

/// <summary>
/// Site files that come with a deployment rather than from the towns (the publisher console, the OpenAPI document):
/// the render job syncs each set into <c>$web</c> on the first tick of every process, so a new deployment publishes
/// them without waiting for a town to change.
/// </summary>
public interface IDeploymentFiles
{
    /// <summary>The site folder the files live in, e.g. <c>publish/</c>; files there that are not listed are deleted.</summary>
    string Folder { get; }

    /// <summary>
    /// True for files synced by their own paths (each listed and written alone, nothing else deleted): files at the
    /// site root, where every town's folder lives too (<see cref="SiteRootFiles"/>).
    /// </summary>
    bool ExactPaths => false;

    IReadOnlyList<SiteFile> Files { get; }
}
