using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

/// <summary>Small helpers shared by the validation tests.</summary>
internal static class TestSupport
{
    /// <summary>A fixed clock value; the Validator takes <c>now</c> as a parameter.</summary>
    public static readonly DateTimeOffset Now = new(2023, 11, 20, 9, 30, 0, TimeSpan.FromHours(1));

    /// <summary>Runs <paramref name="action"/> and returns the field paths it rejected; fails when it did not throw.</summary>
    public static IReadOnlyDictionary<string, string[]> Rejected(Action action) =>
        Assert.Throws<ValidationFailedException>(action).Errors;

    /// <summary>Localized text from language/text pairs.</summary>
    public static Dictionary<string, string?> Text(params (string Language, string? Text)[] entries) =>
        entries.ToDictionary(e => e.Language, e => e.Text, StringComparer.Ordinal);

    public static Dictionary<string, string?> De(string text) => Text(("de", text));
}
