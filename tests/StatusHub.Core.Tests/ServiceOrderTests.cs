using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Tests;

/// <summary>The town's order of its services (head-row column ServiceOrder), as the town document reads it.</summary>
public class ServiceOrderTests
{
    private static ServiceEntry Service(string id) => new(id, ServiceState.Available, new LocalizedText(), null);

    [Fact]
    public void Ordered_services_come_first_in_the_towns_order_and_the_rest_follow_in_catalogue_order()
    {
        var services = new[] { "fax", "phone", "vehicle-registration", "email", "custom-desk" }.Select(Service);

        var ordered = TownRows.OrderServices(services, ["vehicle-registration", "phone"]);

        Assert.Equal(["vehicle-registration", "phone", "email", "fax", "custom-desk"], ordered.Select(s => s.Id));
    }

    [Fact]
    public void A_repeated_id_in_the_stored_order_keeps_its_first_place_and_does_not_make_the_town_unreadable()
    {
        var ordered = TownRows.OrderServices(new[] { "phone", "email" }.Select(Service), ["email", "phone", "email"]);

        Assert.Equal(["email", "phone"], ordered.Select(s => s.Id));
    }
}
