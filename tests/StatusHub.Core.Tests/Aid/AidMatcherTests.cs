using Microsoft.Extensions.Time.Testing;
using StatusHub.Core.Aid;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Tests.Aid;

/// <summary>The matching rule of API.md, condition by condition.</summary>
public sealed class AidMatcherTests
{
    private static readonly DateTimeOffset Start = new(2023, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static TownSnapshot Town(
        string slug,
        TownLevel level = TownLevel.Normal,
        string[]? neighbours = null,
        ServiceEntry[]? services = null,
        AidOffer[]? offers = null) =>
        new(
            new TownProfile(slug, slug.ToUpperInvariant(), "region", null, "de", null, null, neighbours ?? [], null, null),
            TownStatus.Initial with { Level = level },
            services ?? [],
            [],
            [],
            offers ?? [],
            Start,
            "etag");

    private static ServiceEntry Service(string id, ServiceState state) => new(id, state, new LocalizedText(), null);

    /// <summary><paramref name="receiver"/> as it is once it accepted every offer of <paramref name="providers"/> that is for it.</summary>
    private static TownSnapshot Accepting(TownSnapshot receiver, params TownSnapshot[] providers) =>
        receiver with
        {
            AcceptedAid = providers
                .SelectMany(p => p.Offers.Where(o => o.Receivers(p.Profile).Contains(receiver.Profile.Slug))
                    .Select(o => new AidAcceptance(p.Profile.Slug, o.Id, o.Terms, Start, "town")))
                .ToList(),
        };

    private static AidOffer Offer(string service, string[]? forTowns = null, DateTimeOffset? validUntil = null, string id = "o1") =>
        new(id, service, forTowns ?? [], new LocalizedText { ["de"] = "Hinweis" }, validUntil);

    public enum Case
    {
        Baseline,
        OtherService,
        NotNamed,
        NeighbourByDefault,
        NotNeighbourByDefault,
        Expired,
        ReceiverAvailable,
        ReceiverUnknown,
        ReceiverLimited,
        ProviderOwnUnavailable,
        ProviderOwnLimited,
        ProviderOwnUnset,
        ProviderOffline,
        ProviderEmergency,
        NotAccepted,
        AcceptedForAnotherService,
        AcceptedBeforeTheNoteChanged,
        AcceptedBeforeTheEndMoved,
        AcceptedFromAnotherProvider,
    }

    public static TheoryData<Case, bool> Cases => new()
    {
        { Case.Baseline, true },
        { Case.OtherService, false },
        { Case.NotNamed, false },
        { Case.NeighbourByDefault, true },
        { Case.NotNeighbourByDefault, false },
        { Case.Expired, false },
        { Case.ReceiverAvailable, false },
        { Case.ReceiverUnknown, false },
        { Case.ReceiverLimited, true },
        { Case.ProviderOwnUnavailable, false },
        { Case.ProviderOwnLimited, false },
        { Case.ProviderOwnUnset, true },
        { Case.ProviderOffline, false },
        { Case.ProviderEmergency, true },
        { Case.NotAccepted, false },
        { Case.AcceptedForAnotherService, false },
        { Case.AcceptedBeforeTheNoteChanged, false },
        { Case.AcceptedBeforeTheEndMoved, false },
        { Case.AcceptedFromAnotherProvider, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_condition_of_the_rule_decides_the_match(Case @case, bool matches)
    {
        var receiverState = @case switch
        {
            Case.ReceiverAvailable => ServiceState.Available,
            Case.ReceiverUnknown => ServiceState.Unknown,
            Case.ReceiverLimited => ServiceState.Limited,
            _ => ServiceState.Unavailable,
        };
        var providerServices = @case switch
        {
            Case.ProviderOwnUnavailable => new[] { Service("vehicle-registration", ServiceState.Unavailable) },
            Case.ProviderOwnLimited => [Service("vehicle-registration", ServiceState.Limited)],
            Case.ProviderOwnUnset => [],
            _ => [Service("vehicle-registration", ServiceState.Available)],
        };
        var offer = @case switch
        {
            Case.OtherService => Offer("driving-licence", ["recv"]),
            Case.NotNamed => Offer("vehicle-registration", ["someone-else"]),
            Case.NeighbourByDefault or Case.NotNeighbourByDefault => Offer("vehicle-registration"),
            Case.Expired => Offer("vehicle-registration", ["recv"], Start.AddMinutes(-1)),
            _ => Offer("vehicle-registration", ["recv"], Start.AddDays(1)),
        };
        var level = @case switch
        {
            Case.ProviderOffline => TownLevel.Offline,
            Case.ProviderEmergency => TownLevel.Emergency,
            _ => TownLevel.Normal,
        };
        var receiver = Town("recv", TownLevel.Emergency, services: [Service("vehicle-registration", receiverState)]);
        var provider = Town("prov", level, neighbours: @case == Case.NotNeighbourByDefault ? [] : ["recv"], services: providerServices, offers: [offer]);
        receiver = @case switch
        {
            Case.NotAccepted => receiver,

            // Accepted when the offer was for another service: the provider changed it since, which voids the consent.
            Case.AcceptedForAnotherService => receiver with { AcceptedAid = [new AidAcceptance("prov", offer.Id, (offer with { Service = "driving-licence" }).Terms, Start, "town")] },

            // Accepted as "call us", then the provider rewrote the note: the receiver never saw the new text.
            Case.AcceptedBeforeTheNoteChanged => receiver with { AcceptedAid = [new AidAcceptance("prov", offer.Id, (offer with { Note = new LocalizedText { ["de"] = "Bitte anrufen" } }).Terms, Start, "town")] },
            Case.AcceptedBeforeTheEndMoved => receiver with { AcceptedAid = [new AidAcceptance("prov", offer.Id, (offer with { ValidUntil = Start.AddHours(1) }).Terms, Start, "town")] },
            Case.AcceptedFromAnotherProvider => receiver with { AcceptedAid = [new AidAcceptance("other", offer.Id, offer.Terms, Start, "town")] },
            _ => Accepting(receiver, provider),
        };

        var matching = AidMatcher.Match([receiver, provider], Start);

        Assert.Equal(matches, matching.Matches.Any(m => m.Town == "recv" && m.Provider == "prov" && m.Service == "vehicle-registration"));
        var isGap = matching.Gaps.Contains(new AidGap("recv", "vehicle-registration"));
        Assert.Equal(!matches && receiverState is ServiceState.Limited or ServiceState.Unavailable, isGap);
    }

    [Fact]
    public void An_offer_expires_as_time_passes()
    {
        var time = new FakeTimeProvider(Start);
        var provider = Town("prov", offers: [Offer("email", ["recv"], Start.AddHours(2))]);
        var receiver = Accepting(Town("recv", services: [Service("email", ServiceState.Unavailable)]), provider);

        Assert.Single(AidMatcher.Match([receiver, provider], time.GetUtcNow()).Matches);
        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        Assert.Single(AidMatcher.Match([receiver, provider], time.GetUtcNow()).Matches);
        time.Advance(TimeSpan.FromTicks(1));
        var expired = AidMatcher.Match([receiver, provider], time.GetUtcNow());
        Assert.Empty(expired.Matches);
        Assert.Equal([new AidGap("recv", "email")], expired.Gaps);
    }

    [Fact]
    public void A_town_never_matches_its_own_offer_and_several_providers_all_match()
    {
        var first = Town("a-prov", neighbours: ["recv"], offers: [Offer("id-documents")]);
        var second = Town("b-prov", offers: [Offer("id-documents", ["recv"])]);
        var own = Town("recv", services: [Service("id-documents", ServiceState.Limited)], offers: [Offer("id-documents", ["recv"])]);
        var receiver = Accepting(own, own, first, second);

        var matching = AidMatcher.Match([receiver, second, first], Start);

        Assert.Equal(["a-prov", "b-prov"], matching.Matches.Select(m => m.Provider));
        Assert.Empty(matching.Gaps);
    }

    [Fact]
    public void Gaps_list_every_limited_or_unavailable_service_without_a_match()
    {
        var receiver = Town("recv", services:
        [
            Service("email", ServiceState.Unavailable),
            Service("phone", ServiceState.Available),
            Service("payments", ServiceState.Unknown),
            Service("civil-registry", ServiceState.Limited),
        ]);
        var matching = AidMatcher.Match([receiver], Start);
        Assert.Equal([new AidGap("recv", "email"), new AidGap("recv", "civil-registry")], matching.Gaps);
    }

    [Fact]
    public void The_town_document_view_names_the_provider_and_its_contact()
    {
        var provider = Town("prov", offers: [Offer("email", ["recv"])]) is var p
            ? p with { Profile = p.Profile with { Phone = "+49 7000 1", Website = "https://prov.example/" } }
            : null!;
        var receiver = Accepting(Town("recv", services: [Service("email", ServiceState.Unavailable)]), provider);
        var towns = new[] { receiver, provider }.ToDictionary(t => t.Profile.Slug);

        var view = AidMatcher.Match(towns.Values, Start).For("recv", towns).Single();

        Assert.Equal("email", view.Service);
        Assert.Equal("PROV", view.Provider.Name);
        Assert.Equal("+49 7000 1", view.Provider.Phone);
        Assert.Equal("https://prov.example/", view.Provider.Website);
        Assert.Equal("Hinweis", view.Note["de"]);
    }
}
