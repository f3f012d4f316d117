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
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    // Rendering runs one page at a time on the renderer's dispatcher anyway; the gate also makes replacing the renderer safe.
    private readonly SemaphoreSlim gate = new(1, 1);

    private HtmlRenderer renderer;
    private int pagesRendered;
    private bool disposed;

    public HtmlPages()
    {
        renderer = NewRenderer();
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

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            await renderer.DisposeAsync().ConfigureAwait(false);
            await services.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> RenderAsync<TComponent>(string parameterName, object model)
        where TComponent : IComponent
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (pagesRendered == PagesPerRenderer)
            {
                await renderer.DisposeAsync().ConfigureAwait(false);
                renderer = NewRenderer();
                pagesRendered = 0;
            }

            pagesRendered++;
            var current = renderer;
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [parameterName] = model });
            return await current.Dispatcher.InvokeAsync(async () =>
            {
                var page = await current.RenderComponentAsync<TComponent>(parameters);
                return page.ToHtmlString();
            }).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private HtmlRenderer NewRenderer() => new(services, NullLoggerFactory.Instance);
}
