using Microsoft.Playwright;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// What one test class shares: its own Azurite and server on a real port (<see cref="BrowserSite"/>), one Chromium
/// and a page that the class's tests reuse one after the other (xunit runs the tests of a class sequentially).
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    public BrowserSite Site { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The page the tests of the class reuse (1280×800, light, screen).</summary>
    public IPage Page => _page ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        // Fail fast, before starting Azurite and the server, when the browser is missing.
        Chromium.EnsureInstalled();
        await Site.StartAsync();
        await PrepareSiteAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _page = await NewPageAsync(new());
        await BrowserReadyAsync();
    }

    /// <summary>Puts the data the class needs into the store and renders it.</summary>
    protected abstract Task PrepareSiteAsync();

    /// <summary>Runs once the browser is up, for fixtures that need more pages.</summary>
    protected virtual Task BrowserReadyAsync() => Task.CompletedTask;

    /// <summary>A page in a new browser context (closed with the fixture); 1280×800 unless the options say otherwise.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.ViewportSize ??= new() { Width = 1280, Height = 800 };
        var context = await Browser.NewContextAsync(options);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Loads a site path (in the shared page unless another is given); fails unless the server answers 200.</summary>
    public async Task<IResponse> OpenAsync(string path, IPage? page = null)
    {
        page ??= Page;
        var response = await page.GotoAsync(Site.Url(path), new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"GET {path} answered {response.Status} {response.StatusText}, expected 200.");
        return response;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();

        // Azurite is null when the fixture failed before starting it (e.g. no Chromium): nothing to stop then.
        if (Site.Azurite is not null)
        {
            await Site.DisposeAsync();
        }
    }
}

/// <summary>A fixture with the demo region loaded and rendered.</summary>
public sealed class DemoSiteFixture : BrowserFixture
{
    protected override Task PrepareSiteAsync() => Site.LoadDemoRegionAsync();
}
