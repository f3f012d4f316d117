using StatusHub.Core.Domain;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

public class ServiceCatalogueTests
{
    /// <summary>The ids API.md promises ("At least: …").</summary>
    public static TheoryData<string> RequiredIds => new()
    {
        "phone", "fax", "email", "website", "online-services", "citizens-office",
        "id-documents", "residence-registration", "vehicle-registration",
        "driving-licence", "civil-registry", "business-registration",
        "building-permits", "social-benefits", "payments", "waste-collection",
    };

    [Theory]
    [MemberData(nameof(RequiredIds))]
    public void Contains_the_documented_id_with_german_and_english_names(string id)
    {
        var service = ServiceCatalogue.Find(id);

        Assert.NotNull(service);
        Assert.Equal(id, service.Id);
        Assert.False(string.IsNullOrWhiteSpace(service.Name.In("de")));
        Assert.False(string.IsNullOrWhiteSpace(service.Name.In("en")));
        Assert.Contains(service, ServiceCatalogue.All);
    }

    [Fact]
    public void Has_at_least_the_documented_number_of_services() =>
        Assert.True(ServiceCatalogue.All.Count >= RequiredIds.Count);

    [Fact]
    public void Every_entry_is_a_slug_with_german_and_english_names()
    {
        Assert.All(ServiceCatalogue.All, service =>
        {
            Assert.True(Validator.IsSlug(service.Id), service.Id);
            Assert.False(string.IsNullOrWhiteSpace(service.Name.In("de")), service.Id);
            Assert.False(string.IsNullOrWhiteSpace(service.Name.In("en")), service.Id);
        });
    }

    [Fact]
    public void Ids_are_unique() =>
        Assert.Equal(ServiceCatalogue.All.Count, ServiceCatalogue.All.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [InlineData("kita-anmeldung")]
    [InlineData("Email")]
    [InlineData("")]
    public void Find_returns_null_for_unknown_ids(string id) => Assert.Null(ServiceCatalogue.Find(id));

    [Fact]
    public void SortKey_follows_catalogue_order() =>
        Assert.Equal(
            Enumerable.Range(0, ServiceCatalogue.All.Count),
            ServiceCatalogue.All.Select(s => ServiceCatalogue.SortKey(s.Id)));

    [Theory]
    [InlineData("phone", "aaa-custom")]
    [InlineData("waste-collection", "aaa-custom")]
    [InlineData("email", "zzz-custom")]
    public void SortKey_puts_catalogue_ids_before_custom_ones(string catalogueId, string customId) =>
        Assert.True(ServiceCatalogue.SortKey(catalogueId) < ServiceCatalogue.SortKey(customId));

    [Fact]
    public void Sorting_by_SortKey_then_id_orders_a_mixed_list()
    {
        string[] ids = ["zzz-custom", "email", "aaa-custom", "phone"];

        var sorted = ids.OrderBy(ServiceCatalogue.SortKey).ThenBy(id => id, StringComparer.Ordinal);

        Assert.Equal(["phone", "email", "aaa-custom", "zzz-custom"], sorted);
    }
}
