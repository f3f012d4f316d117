using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Everything a town page shows, decided in one place: chosen texts with their language, safe link targets, groups, order.</summary>
internal sealed class TownPageView
{
    /// <summary>Older than this, the page warns that the information may be out of date.</summary>
    public static readonly TimeSpan StaleAfter = StatusExpiry.After;

    /// <summary>State groups in reading order: what doesn't work first, what nobody knows yet last.</summary>
    public static readonly IReadOnlyList<ServiceState> GroupOrder =
        [ServiceState.Unavailable, ServiceState.Limited, ServiceState.Available, ServiceState.Unknown];

    private const int DescriptionLength = 160;

    /// <summary>How many of the town's services (in its order) the "at a glance" block shows before the prose.</summary>
    public const int GlanceServices = 4;

    /// <summary>How many more services with a neighbour's help it adds: "where else" is a first question too.</summary>
    public const int GlanceAidServices = 2;

    /// <summary>A note in the glance block is cut here, so that four channels fit on one phone screen.</summary>
    public const int GlanceNoteLength = 64;

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
        NoticeHref = PageLinks.SitePath(model.SiteBaseUrl, SitePaths.NoticeUrl(town.Slug));
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
                offer.Service,
                ServiceName(document, offer.Service),
                offer.Provider.Name,
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(offer.Provider.Slug, model.DefaultLanguage, model.DefaultLanguage)),
                Language.Pick(offer.Note),
                offer.ValidUntil))
            .ToList();

        Phone = string.IsNullOrWhiteSpace(town.Phone) ? null : town.Phone;
        PhoneHref = PageLinks.Phone(town.Phone);
        Glance = GlanceOf(document);
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

        // Text for other websites to paste: attribute-encoded here, because it is their HTML (a town name with a quote
        // must not end their attribute), and encoded once more by the page, which shows it as text.
        var townPage = PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(town.Slug, model.DefaultLanguage, model.DefaultLanguage));
        var badge = PageLinks.Absolute(model.SiteBaseUrl, SitePaths.Badge(town.Slug));
        var alt = string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.EmbedAlt, town.Name);
        EmbedSnippet = $"<a href=\"{System.Net.WebUtility.HtmlEncode(townPage)}\"><img src=\"{System.Net.WebUtility.HtmlEncode(badge)}\" alt=\"{System.Net.WebUtility.HtmlEncode(alt)}\"></a>";
    }

    public TownPageModel Model { get; }

    public PageLanguage Language { get; }

    public Labels Labels => Language.Labels;

    /// <summary>The page's writing direction, always stated on &lt;html&gt; (issue 20): "rtl" for Arabic and the other right-to-left scripts, else "ltr".</summary>
    public string PageDir => Language.Direction;

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

    /// <summary>The town's notice for the town-hall door (<c>/{town}/aushang/</c>), linked from every language's footer.</summary>
    public string NoticeHref { get; }

    /// <summary>hreflang → absolute URL of every language page, plus x-default.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Alternates { get; }

    /// <summary>The other language pages, for the language switch.</summary>
    public IReadOnlyList<LanguageLink> LanguageLinks { get; }

    public IReadOnlyList<ServiceGroup> ServiceGroups { get; }

    public string AidBefore { get; }

    public string AidAfter { get; }

    public IReadOnlyList<AidOfferView> Aid { get; }

    /// <summary>
    /// The channels a citizen asks about first, before any prose: the town's first services in its order (by default
    /// the catalogue's: phone, e-mail, citizens' office, online services), then services a neighbour takes on.
    /// </summary>
    public IReadOnlyList<GlanceItem> Glance { get; }

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

    /// <summary>The badge with a link to this page, as HTML for the district's and the neighbours' websites.</summary>
    public string EmbedSnippet { get; }

    private static IReadOnlyList<KeyValuePair<string, string>> AlternatesOf(TownPageModel model)
    {
        var slug = model.Document.Town.Slug;
        var alternates = model.Languages
            .Select(language => KeyValuePair.Create(language, PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(slug, language, model.DefaultLanguage))))
            .ToList();
        alternates.Add(KeyValuePair.Create("x-default", PageLinks.Absolute(model.SiteBaseUrl, SitePaths.TownPageUrl(slug, model.DefaultLanguage, model.DefaultLanguage))));
        return alternates;
    }

    private List<GlanceItem> GlanceOf(TownDocument document)
    {
        var helped = document.Aid.Select(offer => offer.Service).ToHashSet(StringComparer.Ordinal);
        var shown = document.Services.Take(GlanceServices).ToList();
        shown.AddRange(document.Services.Skip(GlanceServices).Where(service => helped.Contains(service.Id)).Take(GlanceAidServices));
        return shown
            .Select(service => new GlanceItem(
                service.Id,
                Language.Pick(service.Name) ?? ServiceName(document, service.Id),
                Labels.States[service.State],
                Palette.ToneOf(service.State),
                Icons.Of(service.State),
                service.Id == ServiceCatalogue.Phone && Phone is not null ? Phone : null,
                service.Id == ServiceCatalogue.Phone ? PhoneHref : null,
                Language.Pick(service.Note) is { } note ? note with { Text = Shorten(note.Text, GlanceNoteLength) } : null,
                Aid.Where(offer => offer.ServiceId == service.Id).ToList()))
            .ToList();
    }

    private ShownText ServiceName(TownDocument document, string serviceId)
    {
        var name = document.Services.FirstOrDefault(service => service.Id == serviceId)?.Name ?? ServiceCatalogue.Find(serviceId)?.Name;
        return Language.Pick(name) ?? new ShownText(serviceId, null, null);
    }

    /// <summary>The text cut at a word to at most <paramref name="length"/> characters with "…", never inside a surrogate pair.</summary>
    internal static string Shorten(string text, int length = DescriptionLength)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length - 1);
        if (cut < length / 2)
        {
            cut = char.IsLowSurrogate(text[length - 1]) ? length - 2 : length - 1;
        }

        // "Notbetrieb.…" reads as a typo: the sentence's own stop goes where the ellipsis comes.
        return string.Concat(text.AsSpan(0, cut).TrimEnd().TrimEnd(".,;:"), "…");
    }
}

/// <summary>A link to the same town page in another language.</summary>
internal sealed record LanguageLink(string Code, string Name, string Href, string? Dir);

/// <summary>The services in one state, with the heading and tone of the group.</summary>
internal sealed record ServiceGroup(ServiceState State, string Heading, string Tone, string Icon, IReadOnlyList<ServiceItem> Items);

internal sealed record ServiceItem(ShownText Name, ShownText? Note);

/// <summary>One channel at a glance: its state in words and symbol, the number to call, a short note, who helps.</summary>
internal sealed record GlanceItem(
    string Id, ShownText Name, string StateWord, string Tone, string Icon, string? Phone, string? PhoneHref, ShownText? Note, IReadOnlyList<AidOfferView> Aid);

/// <summary>A neighbouring town that takes on a service for this town.</summary>
internal sealed record AidOfferView(string ServiceId, ShownText Service, string ProviderName, string ProviderHref, ShownText? Note, DateTimeOffset? ValidUntil);

internal sealed record QuestionView(ShownText Question, ShownText Answer);

internal sealed record UpdateView(DateTimeOffset At, ShownText Text);
