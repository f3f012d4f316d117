using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// Everything the page of a shared incident shows, decided in one place: its title, state, times and summary, the member
/// towns grouped by level (worst first, then by name: a page for 700 towns names the level once per group, not once per
/// town), the timeline and where to read more.
/// </summary>
internal sealed class IncidentPageView
{
    /// <summary>The language the incident's texts fall back to: an incident has no default language of its own.</summary>
    public const string FallbackLanguage = "de";

    /// <summary>Level groups in reading order: the towns hit hardest first.</summary>
    public static readonly IReadOnlyList<TownLevel> LevelOrder = [TownLevel.Offline, TownLevel.Emergency, TownLevel.Disrupted, TownLevel.Normal];

    public IncidentPageView(IncidentPageModel model)
    {
        Model = model;
        var incident = model.Incident;
        Language = new PageLanguage(model.Language, FallbackLanguage);
        var title = Language.Pick(incident.Title) ?? new ShownText(incident.Id, null, null);
        IncidentTitle = title;
        Summary = Language.Pick(incident.Summary);
        Title = string.Format(CultureInfo.InvariantCulture, Labels.IncidentPageTitle, title.Text);
        Description = TownPageView.Shorten(Summary?.Text ?? title.Text);
        CanonicalUrl = PageLinks.Absolute(model.SiteBaseUrl, SitePaths.IncidentFolder(incident.Id));
        SiteIndexHref = PageLinks.SitePath(model.SiteBaseUrl, string.Empty);
        State = IncidentState.Of(incident.ResolvedAt, Labels);

        var site = model.SiteBaseUrl;
        Groups = LevelOrder
            .Select(level => (level, towns: model.Members.Where(town => town.Level == level).ToList()))
            .Where(group => group.towns.Count > 0)
            .Select(group => new MemberGroup(
                group.level,
                string.Format(CultureInfo.InvariantCulture, Labels.IncidentTownsAtLevel, Labels.Levels[group.level], group.towns.Count),
                Palette.ToneOf(group.level),
                Icons.Of(group.level),
                group.towns
                    .OrderBy(town => TownNames.SortKey(town.Town.Name), StringComparer.Ordinal)
                    .ThenBy(town => town.Town.Slug, StringComparer.Ordinal)
                    .Select(town => new MemberTown(
                        town.Town.Name,
                        PageLinks.SitePath(site, SitePaths.TownPageUrl(town.Town.Slug, town.Town.DefaultLanguage, town.Town.DefaultLanguage)),
                        town.AsOf,
                        town.AsOf is { } asOf ? ShortDateAndTime(asOf, Labels) : null,
                        town.AsOf?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)))
                    .ToList()))
            .ToList();
        TownCount = Groups.Sum(group => group.Towns.Count);
        TownsLead = string.Format(CultureInfo.InvariantCulture, Labels.IncidentTownsLead, TownCount);

        Updates = incident.Updates
            .OrderByDescending(update => update.At)
            .Select(update => (update.At, Text: Language.Pick(update.Text)))
            .Where(update => update.Text is not null)
            .Select(update => new UpdateView(update.At, update.Text!))
            .ToList();
        MoreInfoHref = PageLinks.Web(incident.MoreInfoUrl);
        MoreInfoText = MoreInfoHref is null ? null : PageLinks.Display(incident.MoreInfoUrl!);
    }

    public IncidentPageModel Model { get; }

    public PageLanguage Language { get; }

    public Labels Labels => Language.Labels;

    public string PageDir => Language.Direction;

    public ShownText IncidentTitle { get; }

    public ShownText? Summary { get; }

    public string Title { get; }

    public string Description { get; }

    public string CanonicalUrl { get; }

    public string SiteIndexHref { get; }

    public IncidentState State { get; }

    public DateTimeOffset StartedAt => Model.Incident.StartedAt;

    public DateTimeOffset? ResolvedAt => Model.Incident.ResolvedAt;

    /// <summary>The member towns by level, worst first; each group's heading names its level in words.</summary>
    public IReadOnlyList<MemberGroup> Groups { get; }

    public int TownCount { get; }

    public string TownsLead { get; }

    public IReadOnlyList<UpdateView> Updates { get; }

    public string? MoreInfoHref { get; }

    public string? MoreInfoText { get; }

    private static string ShortDateAndTime(DateTimeOffset value, Labels labels) =>
        string.Format(PageTime.CultureFor(labels.Language), labels.DateTimePattern, PageTime.Day(value, labels.Language), PageTime.ToBerlin(value).ToString("t", PageTime.CultureFor(labels.Language)));
}

/// <summary>Whether an incident is still going on, in words, symbol and tone (never colour alone).</summary>
internal sealed record IncidentState(bool IsResolved, string Word, string Tone, string Icon)
{
    public static IncidentState Of(DateTimeOffset? resolvedAt, Labels labels) => resolvedAt is null
        ? new IncidentState(false, labels.IncidentOpen, Palette.ToneOf(TownLevel.Emergency), Icons.Octagon)
        : new IncidentState(true, labels.IncidentResolved, Palette.ToneOf(TownLevel.Normal), Icons.Check);
}

/// <summary>The member towns at one level.</summary>
internal sealed record MemberGroup(TownLevel Level, string Heading, string Tone, string Icon, IReadOnlyList<MemberTown> Towns);

/// <summary>A member town, linked to its page, with its Stand.</summary>
/// <remarks>
/// Kept short for an incident with 700 member towns: the Stand without the weekday ("23. November 2023, 09:00 Uhr"), its
/// machine-readable form in UTC to the minute (no "+" for the encoder to escape), the name isolated by CSS instead of &lt;bdi&gt;.
/// </remarks>
internal sealed record MemberTown(string Name, string Href, DateTimeOffset? AsOf, string? AsOfText, string? AsOfIso);
