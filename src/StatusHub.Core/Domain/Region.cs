namespace StatusHub.Core.Domain;

/// <summary>
/// A region's display name, written by an admin (<c>PUT /api/v1/regions/{region}</c>); a region that has none is
/// shown by its slug. A region exists as soon as a town names it; the display name is optional.
/// </summary>
public sealed record RegionProfile(string Slug, LocalizedText Name)
{
    /// <summary>The hub's language: the site index and region pages are German, so a name falls back to German first.</summary>
    public const string DefaultLanguage = "de";

    /// <summary>A region no admin has named (yet).</summary>
    public static RegionProfile Unnamed(string slug) => new(slug, new LocalizedText());

    /// <summary>
    /// The name to show in <paramref name="language"/>: that language's, else the <see cref="DefaultLanguage"/>'s, else
    /// the first given (by tag, so every render picks the same), else the slug. The same rule as town text on pages.
    /// </summary>
    public string DisplayName(string language) =>
        Name.In(language) ?? Name.In(DefaultLanguage) ?? Name.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Value).FirstOrDefault() ?? Slug;

    /// <summary>
    /// The name as the API and feed.json give it: the stored language map, or for an unnamed region its slug in the
    /// default language (as a custom service without a name is named by its id), so every region has a name to show.
    /// </summary>
    public LocalizedText NameOrSlug() => Name.Count > 0 ? Name : new LocalizedText { [DefaultLanguage] = Slug };
}
