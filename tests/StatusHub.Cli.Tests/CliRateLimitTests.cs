using StatusHub.Cli.Tests.Infrastructure;

namespace StatusHub.Cli.Tests;

/// <summary>The server's real per-key write limit (set low here): 429 is exit 5 with the server's Retry-After.</summary>
public sealed class CliRateLimitTests : IAsyncLifetime
{
    private readonly CliServer _server = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["StatusHub:Limits:WritesPerKey"] = "2",
            ["StatusHub:Limits:WriteWindowSeconds"] = "600",
        },
    };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Too_many_writes_exit_5_with_Retry_After()
    {
        var (town, key) = await _server.CreateTownAsync();
        var env = new Dictionary<string, string?> { ["STATUSHUB_URL"] = _server.Origin, ["STATUSHUB_KEY"] = key, ["STATUSHUB_TOWN"] = town };

        for (var i = 0; i < 2; i++)
        {
            var allowed = await CliRunner.RunAsync(env, "service", "set", "email", "limited");
            Assert.True(allowed.ExitCode == 0, allowed.ToString());
        }

        var limited = await CliRunner.RunAsync(env, "service", "set", "email", "unavailable");

        Assert.True(limited.ExitCode == 5, limited.ToString());
        Assert.Contains("error: 429 ", limited.Error, StringComparison.Ordinal);
        Assert.Matches(@"Temporarily unavailable; retry after [1-9]\d* s \(Retry-After\)\.", limited.Error);
    }
}
