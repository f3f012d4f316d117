using System.Buffers.Binary;
using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;
using StbImageSharp;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace StatusHub.Browser.Tests;

/// <summary>
/// The notice for the town-hall door (API.md "/{town}/aushang/"): Chromium prints it on exactly one A4 page, for a demo
/// town and for the most crowded town the API allows; its QR code scans to the town page's address; it reads at 360 px.
/// </summary>
public sealed class NoticeTests(NoticeSiteFixture site) : IClassFixture<NoticeSiteFixture>
{
    /// <summary>A4 in PDF points (1/72 inch): 210 × 297 mm.</summary>
    private const double A4Width = 595.28;
    private const double A4Height = 841.89;

    public static TheoryData<string> Towns() => new() { "moessingen", "potsdam", NoticeSiteFixture.Town };

    [Theory]
    [MemberData(nameof(Towns))]
    public async Task Notice_prints_on_exactly_one_A4_page(string town)
    {
        var page = site.Page;
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = ColorScheme.Light });
        try
        {
            await site.OpenAsync($"/{town}/aushang/");
            var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });

            using var document = PdfDocument.Open(pdf);
            Assert.True(document.NumberOfPages == 1, $"/{town}/aushang/ prints on {document.NumberOfPages} pages, expected 1.");
            var printed = document.GetPage(1);
            Assert.InRange(printed.Width, A4Width - 1, A4Width + 1);
            Assert.InRange(printed.Height, A4Height - 1, A4Height + 1);

            // What is read from two metres is large in print: the headline at least 28 pt, the level at least 20 pt.
            Assert.InRange(await FontSizeInPoints(page, "h1"), 28, 72);
            Assert.InRange(await FontSizeInPoints(page, "main .level .badge"), 20, 72);
            Assert.False(await page.Locator("body > header").IsVisibleAsync(), "the page header is printed");
            Assert.True(await page.Locator("svg.qr").IsVisibleAsync(), "the QR code is not printed");
        }
        finally
        {
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }

    [Theory]
    [MemberData(nameof(Towns))]
    public async Task Notice_QR_code_scans_to_the_town_page(string town)
    {
        var page = await site.NewPageAsync(new() { DeviceScaleFactor = 2 });
        await site.OpenAsync($"/{town}/aushang/", page);

        var png = await page.Locator("svg.qr").ScreenshotAsync(new() { Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });

        Assert.Equal(site.Site.Url($"/{town}/"), Decode(png));
        Assert.Equal(site.Site.Url($"/{town}/"), await page.Locator("#qr p a").GetAttributeAsync("href"));
    }

    [Theory]
    [MemberData(nameof(Towns))]
    public async Task Notice_does_not_scroll_horizontally_at_360_px(string town)
    {
        var page = site.Page;
        await page.SetViewportSizeAsync(360, 640);
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        try
        {
            await site.OpenAsync($"/{town}/aushang/");

            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"/{town}/aushang/ at 360 px is {scrollWidth} px wide");
        }
        finally
        {
            await page.SetViewportSizeAsync(1280, 800);
        }
    }

    /// <summary>The printed notice as the README shows it: print media, an A4-shaped viewport (210 × 297 mm at 96 dpi).</summary>
    [Fact]
    public async Task Screenshot_of_the_printed_notice()
    {
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = 794, Height = 1123 } });
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = ColorScheme.Light });
        await site.OpenAsync("/moessingen/aushang/", page);

        Directory.CreateDirectory(ScreenshotTests.Folder);
        var target = Path.Combine(ScreenshotTests.Folder, "notice.png");
        var png = await page.ScreenshotAsync(new() { Path = target, FullPage = false, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });

        Assert.Equal(png, await File.ReadAllBytesAsync(target));
        Assert.Equal(794, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(1123, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>The computed font size in points, rounded to 0.1 pt (CSS px are 1/96 inch; 28 pt is 37.33… px).</summary>
    private static async Task<double> FontSizeInPoints(IPage page, string selector) =>
        Math.Round(await page.Locator(selector).First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") * 72 / 96, 1);

    /// <summary>The text of the one QR code in a PNG: pixels by StbImageSharp, decoded by ZXing.Net.</summary>
    private static string Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var result = reader.Decode(source);
        Assert.True(result is not null, $"no QR code found in the {image.Width}×{image.Height} screenshot");
        return result.Text;
    }
}
