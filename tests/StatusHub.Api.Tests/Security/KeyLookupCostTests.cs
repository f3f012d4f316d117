using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// An unknown key id costs what a known one does: after its first lookup it is answered from the cache (as absent) for
/// the cache bound, like a known key, so repeating guessed ids is no storage load and no timing difference.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class KeyLookupCostTests(StatusHubApp app)
{
    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task A_repeated_unknown_key_id_reads_storage_once_like_a_known_one()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        var unknown = $"shk_{Guid.NewGuid():N}"[..20] + "_guessed-secret";
        var calls = app.Services.GetRequiredService<StorageCalls>();

        await app.Client(unknown).GetAsync($"/api/v1/towns/{slug}/audit").Problem(HttpStatusCode.Unauthorized);
        var before = calls.Snapshot();
        for (var i = 0; i < 5; i++)
        {
            await app.Client(unknown).GetAsync($"/api/v1/towns/{slug}/audit").Problem(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(new StorageCallCount(0, 0, 0, 0), calls.Snapshot() - before);
    }
}
