using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Cli.Tests.Infrastructure;

namespace StatusHub.Cli.Tests;

/// <summary>Storage stopped under the server (its own Azurite, stopped for real): exit 5 with Retry-After, and --retry rides it out.</summary>
public sealed class CliOutageTests : IAsyncLifetime
{
    private readonly CliServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Storage_down_exits_5_with_Retry_After_and_retry_succeeds_once_storage_is_back()
    {
        var (town, key) = await _server.CreateTownAsync();
        var env = new Dictionary<string, string?> { ["STATUSHUB_URL"] = _server.Origin, ["STATUSHUB_KEY"] = key, ["STATUSHUB_TOWN"] = town };
        await _server.Azurite.StopAsync();

        var status = await CliRunner.RunAsync(env, "status", "set", "--level", "offline", "--headline", "Alles aus");
        Assert.True(status.ExitCode == 5, status.ToString());
        Assert.Contains("error: 503 ", status.Error, StringComparison.Ordinal);
        Assert.Matches(@"Temporarily unavailable; retry after \d+ s \(Retry-After\)\.", status.Error);

        var update = await CliRunner.RunAsync(env, "update", "add", "--text", "Hallo", "--idempotency-key", "outage-1");
        Assert.True(update.ExitCode == 5, update.ToString());
        Assert.Contains("retry with --idempotency-key outage-1 to never add it twice", update.Error, StringComparison.Ordinal);

        // --retry: the first attempt meets the outage; storage comes back while the client waits out Retry-After.
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retried = CliRunner.RunAsync(env, () => firstAttempt.TrySetResult(),
            "update", "add", "--text", "Nach dem Ausfall", "--idempotency-key", "outage-2", "--retry", "10");
        await firstAttempt.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await _server.Azurite.StartAsync();

        var run = await retried.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Requests >= 2, run.ToString());
        Assert.Contains("retry 1 of 10 in ", run.Error, StringComparison.Ordinal);
        Assert.Contains("(Idempotency-Key outage-2)", run.Out, StringComparison.Ordinal);

        var updates = (await _server.Client().GetAsync($"/api/v1/towns/{town}").Ok())["updates"]!.AsArray();
        Assert.Equal("Nach dem Ausfall", Assert.Single(updates)!["text"]!["de"]!.GetValue<string>());
    }
}
