using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Domain;

/// <summary>A service every town can report on, so towns can be compared and help each other; its names come from the label files.</summary>
public sealed record CatalogueService(string Id, LocalizedText Name);

/// <summary>
/// The shared catalogue of services and channels, in display order: first the channels a citizen asks about first
/// (can I call, can I write, is the town hall open, do the online services work), which a town page shows
/// "at a glance" unless the town orders its services otherwise.
/// </summary>
public static class ServiceCatalogue
{
    /// <summary>The telephone: its page entry carries the town's number as a tel: link.</summary>
    public const string Phone = "phone";

    public static IReadOnlyList<CatalogueService> All { get; } =
    [
        Entry("phone"),
        Entry("email"),
        Entry("citizens-office"),
        Entry("online-services"),
        Entry("website"),
        Entry("fax"),
        Entry("id-documents"),
        Entry("residence-registration"),
        Entry("vehicle-registration"),
        Entry("driving-licence"),
        Entry("civil-registry"),
        Entry("business-registration"),
        Entry("building-permits"),
        Entry("social-benefits"),
        Entry("payments"),
        Entry("waste-collection"),
    ];

    private static readonly Dictionary<string, (CatalogueService Service, int Order)> ById =
        All.Select((service, index) => (service, index)).ToDictionary(x => x.service.Id, x => (x.service, x.index), StringComparer.Ordinal);

    public static CatalogueService? Find(string id) => ById.TryGetValue(id, out var entry) ? entry.Service : null;

    /// <summary>Catalogue services first in catalogue order, then custom services by id.</summary>
    public static int SortKey(string id) => ById.TryGetValue(id, out var entry) ? entry.Order : int.MaxValue;

    /// <summary>The service with its name in every language the chrome has a label file for, in tag order.</summary>
    private static CatalogueService Entry(string id) => new(
        id,
        new LocalizedText(Labels.ByLanguage.Values
            .OrderBy(labels => labels.Language, StringComparer.Ordinal)
            .Select(labels => KeyValuePair.Create(labels.Language, labels.Services[id]))));
}
