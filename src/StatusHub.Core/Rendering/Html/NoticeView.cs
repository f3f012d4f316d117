namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// What the notice for the town-hall door shows (API.md "/{town}/aushang/"): the town page's view in the default
/// language, cut to limits that keep even the longest town on one A4 page; the text is chosen by <see cref="TownPageView"/>.
/// </summary>
internal sealed class NoticeView
{
    /// <summary>The service groups a door notice shows, not-working first as on the town page; "not yet known" stays on the town page.</summary>
    public static readonly IReadOnlyList<ServiceState> Shown = [ServiceState.Unavailable, ServiceState.Limited, ServiceState.Available];

    /// <summary>At most this many services per group; the rest are counted ("and 3 more").</summary>
    public const int MaxServicesPerGroup = 4;

    /// <summary>Beside a long headline, which takes up to a third of the page, one service less per group.</summary>
    public const int MaxServicesPerGroupWithLongHeadline = 3;

    public const int MaxServiceName = 40;

    public const int MaxNote = 60;

    /// <summary>At most this many aid offers, each as service and provider only.</summary>
    public const int MaxAid = 3;

    public const int MaxProviderName = 40;

    public const int MaxWebsiteText = 60;

    /// <summary>A headline longer than this is set smaller (still at least 28 pt in print), so 200 characters fit.</summary>
    public const int LongHeadline = 70;

    public NoticeView(TownPageModel model)
    {
        Page = new TownPageView(model with { Language = model.DefaultLanguage });
        var labels = Page.Labels;
        var slug = model.Document.Town.Slug;

        Title = $"{labels.NoticeTitle}: {Page.TownName} – {Page.Headline.Text}";
        Url = PageLinks.Absolute(model.SiteBaseUrl, SitePaths.NoticeUrl(slug));
        TownPageHref = PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(slug, model.DefaultLanguage, model.DefaultLanguage));
        BackToPage = string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.NoticeBackToPage, Page.TownName);
        IsLongHeadline = Page.Headline.Text.Length > LongHeadline;
        ShortUrl = PageLinks.Display(Page.CanonicalUrl);
        Qr = QrCodeSvg.For(Page.CanonicalUrl);
        QrLabel = string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.NoticeQrCode, ShortUrl);
        WebsiteText = Page.WebsiteText is null ? null : Cut(Page.WebsiteText, MaxWebsiteText);

        ServicesPerGroup = IsLongHeadline ? MaxServicesPerGroupWithLongHeadline : MaxServicesPerGroup;
        Groups = Shown
            .Select(state => Page.ServiceGroups.FirstOrDefault(group => group.State == state))
            .OfType<ServiceGroup>()
            .Select(group => new NoticeGroup(
                group with
                {
                    Heading = labels.NoticeGroups[group.State],
                    Items = group.Items
                        .Take(ServicesPerGroup)
                        .Select(item => new ServiceItem(Cut(item.Name, MaxServiceName), item.Note is null ? null : Cut(item.Note, MaxNote)))
                        .ToList(),
                },
                Math.Max(0, group.Items.Count - ServicesPerGroup)))
            .ToList();

        Aid = Page.Aid
            .Take(MaxAid)
            .Select(offer => offer with { Service = Cut(offer.Service, MaxServiceName), ProviderName = Cut(offer.ProviderName, MaxProviderName), Note = null })
            .ToList();
        AidOmitted = Math.Max(0, Page.Aid.Count - MaxAid);
    }

    /// <summary>The town page in the default language that the notice stands for.</summary>
    public TownPageView Page { get; }

    public Labels Labels => Page.Labels;

    public string Title { get; }

    /// <summary>The notice's own absolute URL (its canonical link).</summary>
    public string Url { get; }

    public string TownPageHref { get; }

    public string BackToPage { get; }

    public bool IsLongHeadline { get; }

    /// <summary>How many services each group shows at most: <see cref="MaxServicesPerGroup"/>, or fewer beside a long headline.</summary>
    public int ServicesPerGroup { get; }

    /// <summary>The town page's address without the scheme, for people to type: "status.example.org/moessingen".</summary>
    public string ShortUrl { get; }

    /// <summary>The QR code of the town page's absolute URL.</summary>
    public QrCodeSvg Qr { get; }

    public string QrLabel { get; }

    public string? WebsiteText { get; }

    public IReadOnlyList<NoticeGroup> Groups { get; }

    public IReadOnlyList<AidOfferView> Aid { get; }

    public int AidOmitted { get; }

    /// <summary>"and 3 more" under a cut list.</summary>
    public string More(int omitted) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Labels.NoticeMoreServices, omitted);

    private static ShownText Cut(ShownText text, int length) => text with { Text = Cut(text.Text, length) };

    /// <summary>At most <paramref name="length"/> characters with the "…", cut as the town page cuts (<see cref="TownPageView.Shorten"/>).</summary>
    internal static string Cut(string text, int length) => TownPageView.Shorten(text, length);
}

/// <summary>One service group on the notice, with how many of its services the notice left out.</summary>
internal sealed record NoticeGroup(ServiceGroup Group, int Omitted);
