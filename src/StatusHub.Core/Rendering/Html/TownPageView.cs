using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Everything a town page shows, decided in one place: chosen texts with their language, safe link targets, groups, order.</summary>
internal sealed class TownPageView
{
    /// <summary>Older than this, the page warns that the information may be out of date.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(3);

    /// <summary>State groups in reading order: what doesn't work first, what nobody knows yet last.</summary>
    public static readonly IReadOnlyList<ServiceState> GroupOrder =
        [ServiceState.Unavailable, ServiceState.Limited, ServiceState.Available, ServiceState.Unknown];

    private const int DescriptionLength = 160;

    public TownPageView(TownPageModel model)
    {
        Model = model;
        var document = model.Document;
        var town = document.Town;
        Language = new PageLanguage(model.Language, model.DefaultLanguage);
        var labels = Language.Labels;

        LevelWord = labels.Levels[document.Level];
        Headline = Language.Pick(document.Headline) ?? new ShownText(LevelWord, Language.UiLang, Language.UiDir);
        Summary = Language.Pick(document.Summary);
        AsOf = document.AsOf;
        IsStale = document.AsOf is { } asOf && model.RenderedAt - asOf > StaleAfter;

        Title = $"{town.Name} – {Headline.Text}";
        Description = Shorten(Summary?.Text ?? Headline.Text);
        CanonicalUrl = PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(town.Slug, model.Language, model.DefaultLanguage));
        SiteIndexHref = PageLinks.SitePath(model.SiteBaseUrl, string.Empty);
        Alternates = AlternatesOf(model);
        LanguageLinks = model.Languages
            .Where(language => !string.Equals(language, model.Language, StringComparison.OrdinalIgnoreCase))
            .Select(language => new LanguageLink(
                language,
                Languages.Endonym(language),
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(town.Slug, language, model.DefaultLanguage)),
                Languages.Direction(language) == Language.Direction ? null : Languages.Direction(language)))
            .ToList();

        ServiceGroups = GroupOrder
            .Select(state => new ServiceGroup(
                state,
                labels.States[state],
                Palette.ToneOf(state),
                Icons.Of(state),
                document.Services
                    .Where(service => service.State == state)
                    .Select(service => new ServiceItem(Language.Pick(service.Name) ?? new ShownText(service.Id, null, null), Language.Pick(service.Note)))
                    .ToList()))
            .Where(group => group.Items.Count > 0)
            .ToList();

        var aidSentence = labels.AidGoTo.Split("{0}");
        AidBefore = aidSentence[0];
        AidAfter = aidSentence.Length > 1 ? aidSentence[1] : string.Empty;
        Aid = document.Aid
            .Select(offer => new AidOfferView(
                ServiceName(document, offer.Service),
                offer.Provider.Name,
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(offer.Provider.Slug, model.DefaultLanguage, model.DefaultLanguage)),
                Language.Pick(offer.Note),
                offer.ValidUntil))
            .ToList();

        Phone = string.IsNullOrWhiteSpace(town.Phone) ? null : town.Phone;
        PhoneHref = PageLinks.Phone(town.Phone);
        WebsiteHref = PageLinks.Web(town.Website);
        WebsiteText = WebsiteHref is null ? null : PageLinks.Display(town.Website!);

        Questions = document.Qa
            .Select(item => (Question: Language.Pick(item.Question), Answer: Language.Pick(item.Answer)))
            .Where(item => item.Question is not null && item.Answer is not null)
            .Select(item => new QuestionView(item.Question!, item.Answer!))
            .ToList();
        Updates = document.Updates
            .OrderByDescending(update => update.At)
            .Select(update => (update.At, Text: Language.Pick(update.Text)))
            .Where(update => update.Text is not null)
            .Select(update => new UpdateView(update.At, update.Text!))
            .ToList();

        MoreInfoHref = PageLinks.Web(document.MoreInfoUrl);
        MoreInfoText = MoreInfoHref is null ? null : PageLinks.Display(document.MoreInfoUrl!);
        JsonLd = AnnouncementJsonLd.For(this);
    }

    public TownPageModel Model { get; }

    public PageLanguage Language { get; }

    public Labels Labels => Language.Labels;

    /// <summary>The <c>dir</c> of the whole page, only when it is right-to-left.</summary>
    public string? PageDir => Language.Direction == "rtl" ? "rtl" : null;

    public string TownName => Model.Document.Town.Name;

    public TownLevel Level => Model.Document.Level;

    public string LevelWord { get; }

    public ShownText Headline { get; }

    public ShownText? Summary { get; }

    public DateTimeOffset? AsOf { get; }

    public bool IsStale { get; }

    public string Title { get; }

    public string Description { get; }

    public string CanonicalUrl { get; }

    public string SiteIndexHref { get; }

    /// <summary>hreflang → absolute URL of every language page, plus x-default.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Alternates { get; }

    /// <summary>The other language pages, for the language switch.</summary>
    public IReadOnlyList<LanguageLink> LanguageLinks { get; }

    public IReadOnlyList<ServiceGroup> ServiceGroups { get; }

    public string AidBefore { get; }

    public string AidAfter { get; }

    public IReadOnlyList<AidOfferView> Aid { get; }

    public string? Phone { get; }

    public string? PhoneHref { get; }

    public string? WebsiteHref { get; }

    public string? WebsiteText { get; }

    public bool HasContact => Phone is not null || WebsiteHref is not null;

    public IReadOnlyList<QuestionView> Questions { get; }

    public IReadOnlyList<UpdateView> Updates { get; }

    public string? MoreInfoHref { get; }

    public string? MoreInfoText { get; }

    public System.Text.Json.Nodes.JsonObject JsonLd { get; }

    private static IReadOnlyList<KeyValuePair<string, string>> AlternatesOf(TownPageModel model)
    {
        var slug = model.Document.Town.Slug;
        var alternates = model.Languages
            .Select(language => KeyValuePair.Create(language, PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(slug, language, model.DefaultLanguage))))
            .ToList();
        alternates.Add(KeyValuePair.Create("x-default", PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(slug, model.DefaultLanguage, model.DefaultLanguage))));
        return alternates;
    }

    private ShownText ServiceName(TownDocument document, string serviceId)
    {
        var name = document.Services.FirstOrDefault(service => service.Id == serviceId)?.Name ?? ServiceCatalogue.Find(serviceId)?.Name;
        return Language.Pick(name) ?? new ShownText(serviceId, null, null);
    }

    // Search engines show about this much; cut at a word and never inside a surrogate pair.
    private static string Shorten(string text)
    {
        if (text.Length <= DescriptionLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', DescriptionLength - 1);
        if (cut < DescriptionLength / 2)
        {
            cut = char.IsLowSurrogate(text[DescriptionLength - 1]) ? DescriptionLength - 2 : DescriptionLength - 1;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }
}

/// <summary>A link to the same town page in another language.</summary>
internal sealed record LanguageLink(string Code, string Name, string Href, string? Dir);

/// <summary>The services in one state, with the heading and tone of the group.</summary>
internal sealed record ServiceGroup(ServiceState State, string Heading, string Tone, string Icon, IReadOnlyList<ServiceItem> Items);

internal sealed record ServiceItem(ShownText Name, ShownText? Note);

/// <summary>A neighbouring town that takes on a service for this town.</summary>
internal sealed record AidOfferView(ShownText Service, string ProviderName, string ProviderHref, ShownText? Note, DateTimeOffset? ValidUntil);

internal sealed record QuestionView(ShownText Question, ShownText Answer);

internal sealed record UpdateView(DateTimeOffset At, ShownText Text);
