using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.Core.Rendering.Html.Components;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Renders the static site's HTML pages from Razor components; thread-safe, one instance serves any number of pages.</summary>
public sealed class HtmlPages : IAsyncDisposable
{
    // HtmlRenderer keeps every root component it has rendered until it is disposed, so a long-lived renderer would grow
    // with every page; a fresh one after this many pages keeps memory flat at a negligible cost.
    private const int PagesPerRenderer = 100;

    // Encoding stays on for '<', '>', '&' and quotes; letters such as "ö" are written as themselves, not as "&#xF6;".
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    // Rendering runs one page at a time on the renderer's dispatcher anyway; the gate also makes replacing the renderer safe.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private HtmlRenderer _renderer;
    private int _pagesRendered;
    private bool _disposed;
    private int _disposing;

    public HtmlPages()
    {
        _renderer = NewRenderer();
    }

    /// <summary>The full HTML document of a town page in one language.</summary>
    public Task<string> TownPageAsync(TownPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderAsync<TownPage>(nameof(TownPage.Model), model);
    }

    /// <summary>The full HTML document of a town's notice for the town-hall door (one A4 page), in the town's default language.</summary>
    public Task<string> NoticePageAsync(TownPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderAsync<NoticePage>(nameof(NoticePage.Model), model);
    }

    /// <summary>The full HTML document of the site index.</summary>
    public Task<string> SiteIndexAsync(SiteIndexModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderAsync<SiteIndexPage>(nameof(SiteIndexPage.Model), model);
    }

    /// <summary>The full HTML document of a region page (German): towns, the towns × services matrix with who helps, the gaps, a map, the feeds.</summary>
    public Task<string> RegionPageAsync(RegionPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderAsync<RegionPage>(nameof(RegionPage.Model), model);
    }

    /// <summary>The full HTML document of a shared incident's page: summary, timeline, the member towns by level with their Stand.</summary>
    public Task<string> IncidentPageAsync(IncidentPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderAsync<IncidentPage>(nameof(IncidentPage.Model), model);
    }

    // Waits for the page being rendered; a second call returns at once. Not for use while other pages are still asked for.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 1)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await _renderer.DisposeAsync().ConfigureAwait(false);
            await _services.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    private async Task<string> RenderAsync<TComponent>(string parameterName, object model)
        where TComponent : IComponent
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pagesRendered == PagesPerRenderer)
            {
                await _renderer.DisposeAsync().ConfigureAwait(false);
                _renderer = NewRenderer();
                _pagesRendered = 0;
            }

            _pagesRendered++;
            var current = _renderer;
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [parameterName] = model });
            return await current.Dispatcher.InvokeAsync(async () =>
            {
                var page = await current.RenderComponentAsync<TComponent>(parameters).ConfigureAwait(true);
                return page.ToHtmlString();
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private HtmlRenderer NewRenderer() => new(_services, NullLoggerFactory.Instance);
}
