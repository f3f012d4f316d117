using StatusHub.Core.Auth;

namespace StatusHub.Core.Tests;

public class KeyPrincipalTests
{
    private static KeyPrincipal Principal(string kind) => kind switch
    {
        "admin" => new KeyPrincipal("k1", "Admin", KeyScope.Admin, null, null),
        "town" => new KeyPrincipal("k2", "IT Mössingen", KeyScope.Town, "moessingen", null),
        "region" => new KeyPrincipal("k3", "Cyberwehr", KeyScope.Region, null, "bw-tuebingen"),
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
    public void IsAdmin(string kind, bool expected) => Assert.Equal(expected, Principal(kind).IsAdmin);
}
