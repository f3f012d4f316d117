using Azure.Core;
using Azure.Core.Pipeline;

namespace StatusHub.Core.Storage;

/// <summary>Counts of storage requests by service and kind, as sent through the SDK pipeline.</summary>
public sealed record StorageCallCount(long TableReads, long TableWrites, long BlobReads, long BlobWrites)
{
    public static StorageCallCount operator -(StorageCallCount after, StorageCallCount before) =>
        new(after.TableReads - before.TableReads, after.TableWrites - before.TableWrites,
            after.BlobReads - before.BlobReads, after.BlobWrites - before.BlobWrites);
}

/// <summary>
/// Counts every request the storage clients send (a per-retry pipeline policy, so retries count too):
/// what tests and benchmarks use to prove, for example, that an idle render tick costs exactly one query.
/// </summary>
public sealed class StorageCalls
{
    private long _tableReads;
    private long _tableWrites;
    private long _blobReads;
    private long _blobWrites;

    public StorageCallCount Snapshot() =>
        new(Interlocked.Read(ref _tableReads), Interlocked.Read(ref _tableWrites), Interlocked.Read(ref _blobReads), Interlocked.Read(ref _blobWrites));

    internal HttpPipelinePolicy Policy(bool tables) => new CountingPolicy(this, tables);

    private sealed class CountingPolicy(StorageCalls calls, bool tables) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var read = message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head;
            if (tables)
            {
                Interlocked.Increment(ref read ? ref calls._tableReads : ref calls._tableWrites);
            }
            else
            {
                Interlocked.Increment(ref read ? ref calls._blobReads : ref calls._blobWrites);
            }
        }
    }
}
