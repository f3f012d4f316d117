using StatusHub.Core.Auth;

namespace StatusHub.Core.Tests;

public class KeyPrincipalTests
{
    private static KeyPrincipal Principal(string kind) => kind switch
    {
        "admin" => new KeyPrincipal("k1", "Admin", KeyScope.Admin, null, null),
        "town" => new KeyPrincipal("k2", "IT Mössingen", KeyScope.Town, "moessingen", null),
        "region" => new KeyPrincipal("k3", "Cyberwehr", KeyScope.Region, null, "bw-tuebingen"),
        "provider" => new KeyPrincipal("k6", "Leitstelle", KeyScope.Provider, null, null) { Towns = new HashSet<string> { "moessingen", "nehren" } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("admin", "moessingen", true)]
    [InlineData("admin", "nehren", true)]
    [InlineData("town", "moessingen", true)]
    [InlineData("town", "nehren", false)]
    [InlineData("town", "Moessingen", false)]
    [InlineData("town", "moessingen-2", false)]
    [InlineData("region", "moessingen", false)]
    [InlineData("region", "bw-tuebingen", false)]
    [InlineData("provider", "moessingen", false)]
    [InlineData("provider", "nehren", false)]
    public void CanWriteTown(string kind, string town, bool expected) =>
        Assert.Equal(expected, Principal(kind).CanWriteTown(town));

    [Theory]
    [InlineData("admin", "bw-tuebingen", true)]
    [InlineData("admin", "bw-stuttgart", true)]
    [InlineData("region", "bw-tuebingen", true)]
    [InlineData("region", "bw-stuttgart", false)]
    [InlineData("region", "BW-Tuebingen", false)]
    [InlineData("town", "bw-tuebingen", false)]
    [InlineData("town", "moessingen", false)]
    [InlineData("provider", "bw-tuebingen", false)]
    public void CanReadRegion(string kind, string region, bool expected) =>
        Assert.Equal(expected, Principal(kind).CanReadRegion(region));

    [Fact]
    public void Town_field_on_a_region_key_grants_no_town_write()
    {
        var odd = new KeyPrincipal("k4", "odd", KeyScope.Region, "moessingen", "bw-tuebingen");

        Assert.False(odd.CanWriteTown("moessingen"));
    }

    [Fact]
    public void Region_field_on_a_town_key_grants_no_region_read()
    {
        var odd = new KeyPrincipal("k5", "odd", KeyScope.Town, "moessingen", "bw-tuebingen");

        Assert.False(odd.CanReadRegion("bw-tuebingen"));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("town", false)]
    [InlineData("region", false)]
    [InlineData("provider", false)]
    public void IsAdmin(string kind, bool expected) => Assert.Equal(expected, Principal(kind).IsAdmin);

    [Theory]
    [InlineData("admin", "moessingen,nehren,ofterdingen", true)]
    [InlineData("provider", "moessingen", true)]
    [InlineData("provider", "moessingen,nehren", true)]
    [InlineData("provider", "moessingen,ofterdingen", false)]
    [InlineData("provider", "Moessingen", false)]
    [InlineData("town", "moessingen", false)]
    [InlineData("region", "moessingen", false)]
    public void CanWriteIncidentTowns(string kind, string towns, bool expected)
    {
        Assert.Equal(expected, Principal(kind).CanWriteIncidentTowns(towns.Split(',')));
        Assert.Equal(kind is "admin" or "provider", Principal(kind).CanWriteIncidents);
    }

    [Fact]
    public void A_provider_key_names_no_null_town()
    {
        Assert.False(Principal("provider").CanWriteIncidentTowns(["moessingen", null]));
    }
}
