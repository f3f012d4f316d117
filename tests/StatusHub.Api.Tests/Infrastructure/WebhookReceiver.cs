using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>One request the receiver got: path, the headers that matter, the exact body bytes and the status it answered.</summary>
public sealed record ReceivedDelivery(string Hook, string? Signature, string? DeliveryId, string? Event, string? ContentType, string? UserAgent, byte[] Body, int Answered);

/// <summary>
/// A real HTTP subscriber: Kestrel on 127.0.0.1 with a free port, recording every POST to <c>/hooks/{hook}</c> and
/// answering with the status <see cref="Answer"/> picks for the hook and the number of requests it got so far.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    private WebhookReceiver()
    {
    }

    /// <summary>The status to answer for (hook, 1-based request number); 200 unless a test says otherwise.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    /// <summary>What every answer carries as body: tests search the logs for it (subscribers' bodies are never logged).</summary>
    public string ResponseBody { get; } = "receiver-body-" + Guid.NewGuid().ToString("N");

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks/{hook}", async (HttpContext context, string hook) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var number = receiver._counts.AddOrUpdate(hook, 1, (_, n) => n + 1);
            var status = receiver.Answer(hook, number);
            var headers = context.Request.Headers;
            receiver._received.Enqueue(new ReceivedDelivery(
                hook, headers["X-StatusHub-Signature"].FirstOrDefault(), headers["X-StatusHub-Delivery"].FirstOrDefault(),
                headers["X-StatusHub-Event"].FirstOrDefault(), context.Request.ContentType, headers.UserAgent.FirstOrDefault(), buffer.ToArray(), status));
            return Results.Text(receiver.ResponseBody, "text/plain", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver._app = app;
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public string Url(string hook) => new Uri(BaseAddress, "hooks/" + hook).AbsoluteUri;

    public IReadOnlyList<ReceivedDelivery> For(string hook) => _received.Where(r => r.Hook == hook).ToList();

    public IReadOnlyList<ReceivedDelivery> All => _received.ToList();

    /// <summary>Waits (up to a generous minute) until <paramref name="hook"/> got at least <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitFor(string hook, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (For(hook).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Hook '{hook}' got {For(hook).Count} of {count} expected requests within 60 s.");
            await Task.Delay(50);
        }

        return For(hook);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
