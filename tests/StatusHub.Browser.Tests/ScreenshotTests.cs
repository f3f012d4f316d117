using System.Buffers.Binary;
using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// The README's screenshots (issue 4 "Done when"), made by every test run and written over the previous ones in
/// docs/screenshots/: a demo town page on a phone (light and dark), the Arabic page of the multilingual demo town (right to left, issue 20) and the site index on a desktop. The pages show
/// when they were rendered, so the files change on every run.
/// </summary>
public sealed class ScreenshotTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    public static string Folder { get; } = Path.Combine(DemoPages.RepositoryRootFolder, "docs", "screenshots");

    [Theory]
    [InlineData("/moessingen/", "town-page-moessingen-390x844.png", 390, 844, "light")]
    [InlineData("/moessingen/", "town-page-moessingen-dark-390x844.png", 390, 844, "dark")]
    [InlineData("/", "site-index-1280x800.png", 1280, 800, "light")]
    [InlineData("/bodelshausen/ar/", "town-page-bodelshausen-ar-390x844.png", 390, 844, "light")]
    public async Task Screenshot_for_the_readme(string path, string file, int width, int height, string scheme)
    {
        var page = site.Page;
        await page.SetViewportSizeAsync(width, height);
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await site.OpenAsync(path);

        Directory.CreateDirectory(Folder);
        var target = Path.Combine(Folder, file);
        var png = await page.ScreenshotAsync(new() { Path = target, FullPage = true, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });

        // A PNG of the viewport's width and at least its height (full page), written where the README links it.
        Assert.Equal(png, await File.ReadAllBytesAsync(target));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var (pngWidth, pngHeight) = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.Equal(width, pngWidth);
        Assert.True(pngHeight >= height, $"{file}: {pngWidth}×{pngHeight}, expected at least {width}×{height}");
    }
}
