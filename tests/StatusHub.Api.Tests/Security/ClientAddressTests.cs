using System.Net;
using Microsoft.AspNetCore.Http;
using StatusHub.Api.Http;

namespace StatusHub.Api.Tests.Security;

/// <summary>Which address failed authentications count against.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData(null, null, "192.0.2.1")]
    [InlineData("X-Forwarded-For", null, "192.0.2.1")]
    [InlineData("X-Forwarded-For", "198.51.100.7", "198.51.100.7")]
    [InlineData("X-Forwarded-For", "10.0.0.1, 198.51.100.7", "198.51.100.7")]
    [InlineData("X-Forwarded-For", "10.0.0.1, 198.51.100.7:4711", "198.51.100.7")]
    [InlineData("X-Forwarded-For", "[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64")]
    [InlineData("X-Forwarded-For", "not an address", "192.0.2.1")]
    [InlineData(null, "198.51.100.7", "192.0.2.1")]
    public void The_trusted_proxys_entry_or_the_connection_address(string? trustedHeader, string? forwarded, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        if (forwarded is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwarded;
        }

        Assert.Equal(expected, ClientAddress.Of(context.Request, trustedHeader));
    }

    [Fact]
    public void IPv6_addresses_of_one_64_block_count_together_and_mapped_IPv4_as_IPv4()
    {
        string Of(string address)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return ClientAddress.Of(context.Request, null);
        }

        Assert.Equal(Of("2001:db8::1"), Of("2001:db8::ffff:1234"));
        Assert.NotEqual(Of("2001:db8::1"), Of("2001:db8:0:1::1"));
        Assert.Equal("192.0.2.9", Of("::ffff:192.0.2.9"));
        Assert.Equal("unknown", ClientAddress.Of(new DefaultHttpContext().Request, null));
    }
}
