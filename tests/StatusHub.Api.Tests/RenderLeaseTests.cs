using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Api.Tests.Security;
using StatusHub.Core.Errors;
using StatusHub.Core.Rendering;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// Scale-out safety: separate instances (each its own service provider, so its own in-process lock) on the same Azurite
/// share one blob lease, so two renders never run at once; a lease left by a crashed holder expires.
/// </summary>
public sealed partial class RenderLeaseTests(StatusHubApp app) : IClassFixture<StatusHubApp>
{
    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    [Fact]
    public async Task Two_instances_rendering_at_once_never_overlap_and_render_every_change()
    {
        var capture = new LogCapture();
        await using var first = Instance(capture);
        await using var second = Instance(capture);
        var region = Towns.NewSlug("region");
        var slugs = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (slug, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
            slugs.Add(slug);
        }

        for (var round = 0; round < 3; round++)
        {
            foreach (var slug in slugs)
            {
                await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", $"Runde {round} {slug}")).Ok();
            }

            // Both instances find due markers and race for the lease; the manual kind waits for the other one.
            var results = await Task.WhenAll(
                first.GetRequiredService<RenderJob>().RunNowAsync(default),
                second.GetRequiredService<RenderJob>().RunNowAsync(default));
            Assert.Equal(slugs.Count, results.Sum(r => r.TownsRendered));
        }

        // Enter and exit are logged inside the lease; in the one sequence of both instances' logs they never interleave.
        var events = capture.Entries.Select(e => LeaseEvent().Match(e.Message)).Where(m => m.Success).ToList();
        Assert.True(events.Count >= 6, $"expected at least 3 leased renders, saw {events.Count} lease events");
        string? holder = null;
        foreach (var e in events)
        {
            var lease = e.Groups["lease"].Value;
            if (e.Groups["what"].Value == "acquired")
            {
                Assert.True(holder is null, $"lease {lease} acquired while {holder} still rendered");
                holder = lease;
            }
            else
            {
                Assert.Equal(holder, lease);
                holder = null;
            }
        }

        Assert.Null(holder);
        Assert.Empty(await app.Services.GetRequiredService<RenderMarkers>().ListDueAsync(DateTimeOffset.UtcNow, default));
        foreach (var slug in slugs)
        {
            Assert.Contains($"Runde 2 {slug}", await app.Client().GetStringAsync($"/{slug}/"));
        }
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_holder_makes_a_tick_skip_and_expires_for_the_next_render()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status("offline", "Nach dem Absturz")).Ok();

        // A holder takes the lock for the shortest lease and "crashes": never renews, never releases.
        var container = new BlobServiceClient(app.Azurite.ConnectionString).GetBlobContainerClient(StatusHubStorage.PrivateContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(RenderLease.LockBlob);
        if (!(await blob.ExistsAsync()).Value)
        {
            await blob.UploadAsync(BinaryData.Empty);
        }

        await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));

        var capture = new LogCapture();
        await using (var instance = Instance(capture, leaseWaitSeconds: 0))
        {
            var job = instance.GetRequiredService<RenderJob>();

            // A timer tick skips (logged) and leaves the marker; a manual render that may not wait is told to retry later.
            var skipped = await job.RunAsync(default);
            Assert.Equal(0, skipped.TownsRendered);
            Assert.Contains(capture.Entries, e => e.Message.Contains("Render skipped", StringComparison.Ordinal));
            Assert.Contains(await app.Services.GetRequiredService<RenderMarkers>().ListDueAsync(DateTimeOffset.UtcNow, default), m => m.Town == slug);
            var busy = await Assert.ThrowsAsync<RenderBusyException>(() => job.RunNowAsync(default));
            Assert.True(busy.RetryAfter > TimeSpan.Zero);
        }

        // POST /api/v1/render waits (up to 30 s) for the abandoned lease to expire, then renders.
        var result = await _admin.PostAsync("/api/v1/render", null).Ok();
        Assert.True(result["townsRendered"]!.GetValue<int>() >= 1);
        Assert.Contains("Nach dem Absturz", await app.Client().GetStringAsync($"/{slug}/"));
    }

    /// <summary>A second StatusHub instance: its own service provider (own RenderJob and in-process lock) on the same storage.</summary>
    private ServiceProvider Instance(LogCapture capture, int leaseWaitSeconds = 60) =>
        CoreInstance.Create(
            app,
            new Dictionary<string, string?>
            {
                ["StatusHub:Render:LeaseSeconds"] = "15",
                ["StatusHub:Render:LeaseWaitSeconds"] = leaseWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Information));

    [GeneratedRegex(@"^Render lease (?<lease>[0-9a-f-]+) (?<what>acquired|released)")]
    private static partial Regex LeaseEvent();
}
