using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Core.Tests.Subscriptions;

public sealed class PublicAddressConnectorTests
{
    private static readonly PublicAddressConnector Production = new(allowLoopback: false, NoResolution);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("192.168.1.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Internal_addresses_are_refused(string address)
    {
        Assert.False(Production.Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(Production.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowing_loopback_allows_loopback_and_nothing_else_internal()
    {
        var development = new PublicAddressConnector(allowLoopback: true, NoResolution);
        Assert.True(development.Allows(IPAddress.Loopback));
        Assert.True(development.Allows(IPAddress.IPv6Loopback));
        Assert.False(development.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(development.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.False(development.Allows(IPAddress.Parse("fe80::1")));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("93.184.215.14", "10.0.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::1")]
    [InlineData]
    public async Task A_name_that_resolves_to_any_internal_address_or_to_none_is_blocked(params string[] addresses)
    {
        var connector = new PublicAddressConnector(allowLoopback: false, Resolving("agency.example.org", addresses));
        await Assert.ThrowsAsync<DeliveryBlockedException>(() => connector.ResolveAsync("agency.example.org", CancellationToken.None));
    }

    [Fact]
    public async Task A_name_that_resolves_to_public_addresses_only_is_allowed()
    {
        var connector = new PublicAddressConnector(allowLoopback: false, Resolving("agency.example.org", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
        var addresses = await connector.ResolveAsync("agency.example.org", CancellationToken.None);
        Assert.Equal([IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")], addresses);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:169.254.169.254]")]
    [InlineData("10.0.0.1")]
    public async Task An_internal_IP_literal_is_blocked_without_a_lookup(string host)
    {
        await Assert.ThrowsAsync<DeliveryBlockedException>(() => Production.ResolveAsync(host, CancellationToken.None));
    }

    [Fact]
    public async Task The_handler_refuses_before_connecting_when_a_name_resolves_inside_and_connects_when_loopback_is_allowed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var resolve = Resolving("agency.example.org", "127.0.0.1");
            using var production = new HttpClient(new PublicAddressConnector(allowLoopback: false, resolve).CreateHandler());
            var blocked = await Assert.ThrowsAsync<HttpRequestException>(() => production.PostAsync($"http://agency.example.org:{port}/hook", new StringContent("{}")));
            Assert.IsType<DeliveryBlockedException>(blocked.InnerException);
            Assert.False(listener.Pending());

            using var development = new HttpClient(new PublicAddressConnector(allowLoopback: true, resolve).CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
            var accepted = listener.AcceptTcpClientAsync();
            var request = development.PostAsync($"http://agency.example.org:{port}/hook", new StringContent("{}"));
            using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(connection.Connected);
            connection.Close();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => request);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task The_system_resolver_is_used_by_default_and_localhost_is_refused_in_production()
    {
        using var production = new HttpClient(new PublicAddressConnector(allowLoopback: false).CreateHandler());
        var blocked = await Assert.ThrowsAsync<HttpRequestException>(() => production.PostAsync("http://localhost:9/hook", new StringContent("{}")));
        Assert.IsType<DeliveryBlockedException>(blocked.InnerException);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.OK, false)]
    [InlineData(HttpStatusCode.NoContent, false)]
    [InlineData(HttpStatusCode.Found, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Deliveries_retry_server_errors_408_and_429_only(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);
        Assert.Equal(retried, DeliveryRetries.ShouldRetry(Outcome.FromResult(response)));
    }

    [Fact]
    public void Deliveries_retry_failed_connections_and_timeouts_but_not_a_blocked_host()
    {
        Assert.True(DeliveryRetries.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"))));
        Assert.True(DeliveryRetries.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(DeliveryRetries.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("blocked", new DeliveryBlockedException()))));
        Assert.False(DeliveryRetries.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }

    private static Task<IPAddress[]> NoResolution(string host, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No lookup expected, asked for {host}.");

    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolving(string name, params string[] addresses) =>
        (host, _) => host == name ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray()) : throw new InvalidOperationException($"Unexpected lookup of {host}.");
}
