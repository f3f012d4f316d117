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

        Assert.Equal(expected, ClientAddress.Of(context.Request, trustedHeader, [IPNetwork.Parse("192.0.2.0/24")]));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", "198.51.100.7", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1", "198.51.100.7", "192.0.2.1")]
    [InlineData("192.0.2.1", "10.0.0.0/8", "192.0.2.1", "192.0.2.1")]
    [InlineData("10.1.2.3", "10.0.0.0/8", "198.51.100.7", "10.1.2.3")]
    [InlineData("2001:db8::5", "2001:db8::/64", "198.51.100.7", "2001:db8::/64")]
    public void The_header_is_believed_only_from_a_trusted_proxy(string peer, string trusted, string expected, string withoutTrust)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";

        Assert.Equal(expected, ClientAddress.Of(context.Request, "X-Forwarded-For", [LimitOptions.ParseNetwork(trusted)!.Value]));
        Assert.Equal(withoutTrust, ClientAddress.Of(context.Request, "X-Forwarded-For", []));
    }

    [Fact]
    public void IPv6_addresses_of_one_64_block_count_together_and_mapped_IPv4_as_IPv4()
    {
        string Of(string address)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return ClientAddress.Of(context.Request, null, []);
        }

        Assert.Equal(Of("2001:db8::1"), Of("2001:db8::ffff:1234"));
        Assert.NotEqual(Of("2001:db8::1"), Of("2001:db8:0:1::1"));
        Assert.Equal("192.0.2.9", Of("::ffff:192.0.2.9"));
        Assert.Equal("unknown", ClientAddress.Of(new DefaultHttpContext().Request, null, []));
    }
}
