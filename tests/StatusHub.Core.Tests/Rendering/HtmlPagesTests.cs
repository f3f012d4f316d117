using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>One <see cref="HtmlPages"/> serves many pages, from many threads, for as long as the render job runs.</summary>
public class HtmlPagesTests
{
    [Fact]
    public async Task Concurrent_renders_give_the_same_pages_as_one_after_another()
    {
        await using var pages = new HtmlPages();
        var models = Enumerable.Range(0, 24).Select(i => Pages.Model(Pages.Full() with { Summary = Pages.De($"Seite {i}") }, i % 2 == 0 ? "de" : "en")).ToList();
        var sequential = new List<string>();
        foreach (var model in models)
        {
            sequential.Add(await pages.TownPageAsync(model));
        }

        var concurrent = await Task.WhenAll(models.Select(model => Task.Run(() => pages.TownPageAsync(model))));

        Assert.Equal(sequential, concurrent);
        Assert.Equal(24, concurrent.Distinct().Count());
    }

    [Fact]
    public async Task Pages_stay_the_same_across_hundreds_of_renders()
    {
        await using var pages = new HtmlPages();
        var model = Pages.Model(Pages.Full());
        var first = await pages.TownPageAsync(model);

        for (var i = 0; i < 250; i++)
        {
            await pages.TownPageAsync(model);
        }

        Assert.Equal(first, await pages.TownPageAsync(model));
        Assert.StartsWith("<!DOCTYPE html>", await pages.SiteIndexAsync(DemoPages.SiteIndex()), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await pages.RegionPageAsync(DemoPages.Region("bw-tuebingen")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposed_instance_refuses_to_render()
    {
        var pages = new HtmlPages();
        await pages.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pages.TownPageAsync(Pages.Model(Pages.Full())));
        await pages.DisposeAsync();
    }

    [Fact]
    public async Task Missing_model_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Pages.Html.TownPageAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Pages.Html.SiteIndexAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Pages.Html.RegionPageAsync(null!));
    }
}
