namespace StatusHub.Core.Rendering.Html;

/// <summary>One stroke of an icon, in the icon's 24×24 box.</summary>
internal abstract record IconShape;

/// <summary>A circle of an icon.</summary>
internal sealed record IconCircle(int Cx, int Cy, int R) : IconShape;

/// <summary>A path of an icon, as SVG path data.</summary>
internal sealed record IconPath(string Data) : IconShape;

/// <summary>Which symbol stands next to a level or state word, so that no meaning rests on colour alone.</summary>
internal static class Icons
{
    public const string Check = "check";
    public const string Triangle = "triangle";
    public const string Octagon = "octagon";
    public const string Slash = "slash";
    public const string Cross = "cross";
    public const string Question = "question";

    /// <summary>The edge of the box the shapes are drawn in (viewBox "0 0 24 24").</summary>
    public const int Size = 24;

    private static readonly IconCircle Ring = new(12, 12, 10);

    // The pages (Components/Icon.razor) and the badge (StatusBadge) draw the same strokes from here.
    private static readonly Dictionary<string, IReadOnlyList<IconShape>> Shapes = new(StringComparer.Ordinal)
    {
        [Check] = [Ring, new IconPath("m7 12.5 3.5 3.5L17 9")],
        [Triangle] = [new IconPath("M12 2.5 1.8 20.5h20.4z"), new IconPath("M12 9v5.5m0 3v.1")],
        [Octagon] = [new IconPath("M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z"), new IconPath("M12 6.5v7m0 3.5v.1")],
        [Slash] = [Ring, new IconPath("m5 5 14 14")],
        [Cross] = [Ring, new IconPath("m8 8 8 8m0-8-8 8")],
        [Question] = [Ring, new IconPath("M9 9.3a3 3 0 1 1 4.2 2.7c-.8.4-1.2 1-1.2 1.8v.7m0 3v.1")],
    };

    public static string Of(TownLevel level) => level switch
    {
        TownLevel.Normal => Check,
        TownLevel.Disrupted => Triangle,
        TownLevel.Emergency => Octagon,
        _ => Slash,
    };

    public static string Of(ServiceState state) => state switch
    {
        ServiceState.Available => Check,
        ServiceState.Limited => Triangle,
        ServiceState.Unavailable => Cross,
        _ => Question,
    };

    /// <summary>The strokes of an icon; an unknown name gets the question mark.</summary>
    public static IReadOnlyList<IconShape> ShapesOf(string name) => Shapes.GetValueOrDefault(name) ?? Shapes[Question];
}
