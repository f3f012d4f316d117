using System.Xml.Linq;
using QRCoder;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// A QR code as inline SVG parts, drawn by QRCoder: the viewBox and the drawing (a white rect and one black path,
/// colours as attributes, never <c>style</c>, which the pages' CSP forbids). The page writes the &lt;svg&gt; element
/// itself, so that its attributes (role, accessible name, class) are the page's and encoded as such.
/// </summary>
internal sealed record QrCodeSvg(string ViewBox, string Drawing)
{
    /// <summary>Black modules on white, in print and in dark mode alike: a scanner needs the contrast, not the theme.</summary>
    private const string Dark = "#000000";
    private const string Light = "#ffffff";

    /// <summary>Error correction Q (25 % of the code may be lost: a smudged or torn notice still scans), with QRCoder's 4-module quiet zone.</summary>
    public static QrCodeSvg For(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        using var qrCode = new SvgQRCode(data);
        var svg = XElement.Parse(qrCode.GetGraphic(1, Dark, Light, drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute));
        var viewBox = svg.Attribute("viewBox")?.Value ?? throw new InvalidOperationException("QRCoder's SVG has no viewBox.");

        // Serialized without the SVG namespace: inside HTML the parser puts <rect> and <path> into it anyway.
        var drawing = string.Concat(svg.Elements().Select(element => new XElement(element.Name.LocalName, element.Attributes().Where(a => !a.IsNamespaceDeclaration)).ToString(SaveOptions.DisableFormatting)));
        return new QrCodeSvg(viewBox, drawing);
    }
}
