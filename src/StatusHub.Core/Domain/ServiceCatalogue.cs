namespace StatusHub.Core.Domain;

/// <summary>A service every town can report on, so towns can be compared and help each other.</summary>
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
        Entry("phone", "Telefon", "Phone"),
        Entry("email", "E-Mail", "E-mail"),
        Entry("citizens-office", "Bürgerbüro", "Citizens' office"),
        Entry("online-services", "Online-Dienste", "Online services"),
        Entry("website", "Website", "Website"),
        Entry("fax", "Fax", "Fax"),
        Entry("id-documents", "Ausweise und Pässe", "ID cards and passports"),
        Entry("residence-registration", "Meldewesen (An- und Ummeldung)", "Residence registration"),
        Entry("vehicle-registration", "Kfz-Zulassung", "Vehicle registration"),
        Entry("driving-licence", "Führerscheinstelle", "Driving licences"),
        Entry("civil-registry", "Standesamt", "Civil registry office"),
        Entry("business-registration", "Gewerbeamt", "Business registration"),
        Entry("building-permits", "Bauanträge", "Building permits"),
        Entry("social-benefits", "Sozialleistungen", "Social benefits"),
        Entry("payments", "Zahlungen und Kasse", "Payments"),
        Entry("waste-collection", "Abfallentsorgung", "Waste collection"),
    ];

    private static readonly Dictionary<string, (CatalogueService Service, int Order)> ById =
        All.Select((service, index) => (service, index)).ToDictionary(x => x.service.Id, x => (x.service, x.index), StringComparer.Ordinal);

    public static CatalogueService? Find(string id) => ById.TryGetValue(id, out var entry) ? entry.Service : null;

    /// <summary>Catalogue services first in catalogue order, then custom services by id.</summary>
    public static int SortKey(string id) => ById.TryGetValue(id, out var entry) ? entry.Order : int.MaxValue;

    private static CatalogueService Entry(string id, string de, string en) =>
        new(id, new LocalizedText { ["de"] = de, ["en"] = en });
}
