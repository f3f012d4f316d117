using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>A town on the map: its circle in viewBox units and where its two-line label (name, level) goes.</summary>
/// <param name="Anchor">The label's text-anchor: "start" right of the circle, "end" left of it.</param>
internal sealed record MapPoint(RegionTownView Town, double X, double Y, double Radius, double LabelX, double LabelY, string Anchor)
{
    public string Tone => Palette.ToneOf(Town.Level);
}

/// <summary>
/// The towns of a region placed from their coordinates: equirectangular projection, longitudes scaled by the cosine of the
/// mean latitude so distances look right, fitted into a viewBox <see cref="Width"/> wide with padding; north is up.
/// </summary>
internal sealed class RegionMap
{
    /// <summary>Width of the viewBox; the height follows from the towns' spread.</summary>
    public const double Width = 320;

    public const double NameSize = 14;

    public const double LevelSize = 12;

    private const double PadX = 20;
    private const double PadY = 30;
    private const double MaxPlotHeight = 280;
    private const double MinHeight = 96;
    private const double Gap = 5;
    private const double Margin = 2;

    // Generous average glyph widths (em) of system-ui, so an estimated label is never shorter than the drawn one.
    private const double NameGlyph = 0.62;
    private const double LevelGlyph = 0.56;

    private RegionMap(double height, IReadOnlyList<MapPoint> points, IReadOnlyList<RegionTownView> unlocated)
    {
        Height = height;
        Points = points;
        Unlocated = unlocated;
    }

    public double Height { get; }

    /// <summary>The towns with a location, in the order of the town list.</summary>
    public IReadOnlyList<MapPoint> Points { get; }

    /// <summary>The towns without a usable location, listed under the map.</summary>
    public IReadOnlyList<RegionTownView> Unlocated { get; }

    public string ViewBox => $"0 0 {Number(Width)} {Number(Height)}";

    /// <summary>A viewBox coordinate as SVG writes it: invariant, at most one decimal.</summary>
    public static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The map of the towns, or null when none of them has a location.</summary>
    public static RegionMap? Of(IReadOnlyList<RegionTownView> towns)
    {
        var located = towns.Where(t => t.Location is not null).ToList();
        if (located.Count == 0)
        {
            return null;
        }

        var meanLatitude = located.Average(t => t.Location!.Lat);
        var scaleX = Math.Cos(meanLatitude * Math.PI / 180);
        var projected = located.Select(t => (Town: t, X: t.Location!.Lon * scaleX, Y: -t.Location.Lat)).ToList();
        var (minX, maxX) = (projected.Min(p => p.X), projected.Max(p => p.X));
        var (minY, maxY) = (projected.Min(p => p.Y), projected.Max(p => p.Y));
        var (spanX, spanY) = (maxX - minX, maxY - minY);

        // One scale for both axes keeps the shape; a region that is a single point (or a line) is centred.
        var scale = Math.Min(spanX > 0 ? (Width - (2 * PadX)) / spanX : double.PositiveInfinity, spanY > 0 ? MaxPlotHeight / spanY : double.PositiveInfinity);
        if (double.IsInfinity(scale))
        {
            scale = 0;
        }

        var (plotWidth, plotHeight) = (spanX * scale, spanY * scale);
        var height = Math.Max(plotHeight + (2 * PadY), MinHeight);
        var (offsetX, offsetY) = ((Width - plotWidth) / 2, (height - plotHeight) / 2);

        var placed = new List<(double Left, double Top, double Right, double Bottom)>();
        var points = new List<MapPoint>();
        foreach (var (town, px, py) in projected)
        {
            var x = offsetX + ((px - minX) * scale);
            var y = offsetY + ((py - minY) * scale);
            var radius = town.Level is TownLevel.Emergency or TownLevel.Offline ? 9 : 7;
            points.Add(Label(town, x, y, radius, placed));
        }

        var bottom = placed.Max(box => box.Bottom) + Margin;
        return new RegionMap(Math.Max(height, bottom), points, towns.Where(t => t.Location is null).ToList());
    }

    // The label goes right of the circle, else left of it, else wherever it stays inside; below other labels it would cover.
    private static MapPoint Label(RegionTownView town, double x, double y, double radius, List<(double Left, double Top, double Right, double Bottom)> placed)
    {
        var width = Math.Max(town.Name.Length * NameSize * NameGlyph, town.LevelWord.Length * LevelSize * LevelGlyph);
        var right = (Anchor: "start", Left: x + radius + Gap);
        var left = (Anchor: "end", Left: x - radius - Gap - width);
        var inside = (Anchor: "start", Left: Math.Max(Margin, Width - Margin - width));
        var fitting = new[] { right, left }.Where(c => c.Left >= Margin && c.Left + width <= Width - Margin).ToList();
        if (fitting.Count == 0)
        {
            fitting.Add(inside);
        }

        var labelY = y - 2;
        var candidates = fitting.Select(c => (c.Anchor, c.Left, Box: Box(c.Left, labelY, width))).ToList();
        var chosen = candidates.FirstOrDefault(c => !placed.Any(p => Overlaps(p, c.Box)));
        if (chosen.Anchor is null)
        {
            chosen = candidates[0];
            while (placed.Where(p => Overlaps(p, chosen.Box)).Select(p => (double?)p.Bottom).Max() is { } covered)
            {
                labelY = covered + NameSize + 1;
                chosen.Box = Box(chosen.Left, labelY, width);
            }
        }

        placed.Add(chosen.Box);
        return new MapPoint(town, x, y, radius, chosen.Anchor == "start" ? chosen.Left : chosen.Left + width, labelY, chosen.Anchor);
    }

    // From the name's cap height to below the level line.
    private static (double Left, double Top, double Right, double Bottom) Box(double left, double baseline, double width) =>
        (left, baseline - NameSize, left + width, baseline + LevelSize + 7);

    private static bool Overlaps((double Left, double Top, double Right, double Bottom) a, (double Left, double Top, double Right, double Bottom) b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
