using Microsoft.Playwright;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright for .NET. Playwright's own browser download is never used (it cannot be
/// fetched on our machines): the browser is the system package that scripts/ensure-chromium.sh installs.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Fails (never skips) when the system Chromium is missing, saying how to install it.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}: the browser tests need Debian's chromium package. "
                + "Run scripts/ensure-chromium.sh (it installs it with apt-get) and run the tests again.");
        }
    }

    /// <summary>Starts Playwright's driver (shipped in the build output as .playwright) and launches the system Chromium headless.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        EnsureInstalled();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
