using StatusHub.Core.Storage;

namespace StatusHub.Core.Tests;

public class TableEndpointTests
{
    [Theory]
    [InlineData("https://acct.blob.core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("https://acct.blob.core.windows.net/", "https://acct.table.core.windows.net/")]
    [InlineData("https://acct.blob.core.windows.net/$web", "https://acct.table.core.windows.net/")]
    [InlineData("https://ACCT.BLOB.core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("https://acct.blob.core.usgovcloudapi.net", "https://acct.table.core.usgovcloudapi.net/")]
    [InlineData("https://acct.table.core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("https://acct.table.core.windows.net/", "https://acct.table.core.windows.net/")]
    [InlineData("https://blob.example.org", "https://blob.example.org/")]
    public void Maps_to_the_table_endpoint(string input, string expected) =>
        Assert.Equal(new Uri(expected), StatusHubStorage.TableEndpoint(new Uri(input)));

    [Fact]
    public void Table_endpoint_is_returned_unchanged()
    {
        var table = new Uri("https://acct.table.core.windows.net/");

        Assert.Equal(table.AbsoluteUri, StatusHubStorage.TableEndpoint(table).AbsoluteUri);
    }
}
