using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// A write skips the head read when this instance committed the head last. Two instances on the same storage make each
/// other's remembered heads stale: every write must still land, If-Match must be judged by the stored head, and the
/// request count proves the read is skipped in the steady state.
/// </summary>
public sealed class HeadCacheTests(StatusHubApp app) : IClassFixture<StatusHubApp>
{
    private static readonly WriteContext Anyone = new(new Actor("test", "test", "admin"), null);

    [Fact]
    public async Task Writes_from_two_instances_all_land_and_if_match_is_judged_by_the_stored_head()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var first = Instance();
        await using var second = Instance();
        var a = first.GetRequiredService<TownRepository>();
        var b = second.GetRequiredService<TownRepository>();

        var one = await a.PutStatusAsync(slug, _ => Status("eins"), Anyone, default);

        // The steady state: the same instance writes again without reading the head first (1 read less).
        var calls = first.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var two = await a.PutStatusAsync(slug, _ => Status("zwei"), Anyone, default);
        Assert.Equal(0, (calls.Snapshot() - before).TableReads);

        // Another instance writes: the first one's remembered head is stale now.
        var three = await b.PutStatusAsync(slug, _ => Status("drei"), new WriteContext(Anyone.Actor, EntityTags.Strong(two.ETag)), default);
        var four = await a.PutStatusAsync(slug, _ => Status("vier"), Anyone, default);
        Assert.Equal("vier", (await a.GetAsync(slug, default))!.Status.Headline["de"]);

        // If-Match with the current ETag succeeds although the other instance remembers an older head…
        var five = await b.PutStatusAsync(slug, _ => Status("fünf"), new WriteContext(Anyone.Actor, EntityTags.Strong(four.ETag)), default);
        Assert.Equal("fünf", (await b.GetAsync(slug, default))!.Status.Headline["de"]);

        // …and a stale one fails on both, leaving the stored status as it was.
        await Assert.ThrowsAsync<PreconditionFailedException>(() => a.PutStatusAsync(slug, _ => Status("alt"), new WriteContext(Anyone.Actor, EntityTags.Strong(four.ETag)), default));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => b.PutStatusAsync(slug, _ => Status("alt"), new WriteContext(Anyone.Actor, EntityTags.Strong(three.ETag)), default));
        var stored = (await a.GetAsync(slug, default))!;
        Assert.Equal("fünf", stored.Status.Headline["de"]);
        Assert.Equal(five.ETag, stored.ETag);
        Assert.NotEqual(one.ETag, five.ETag);
    }

    private static TownStatus Status(string headline) =>
        new(TownLevel.Emergency, new LocalizedText { ["de"] = headline }, new LocalizedText(), DateTimeOffset.UtcNow, null);

    private ServiceProvider Instance() => CoreInstance.Create(app);
}
