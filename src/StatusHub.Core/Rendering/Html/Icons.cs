using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Which symbol stands next to a level or state word, so that no meaning rests on colour alone.</summary>
internal static class Icons
{
    public const string Check = "check";
    public const string Triangle = "triangle";
    public const string Octagon = "octagon";
    public const string Slash = "slash";
    public const string Cross = "cross";
    public const string Question = "question";

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
}
