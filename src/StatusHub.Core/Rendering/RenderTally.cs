using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>What one render tick did so far, counted from the parallel town renders.</summary>
internal sealed class RenderTally
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
