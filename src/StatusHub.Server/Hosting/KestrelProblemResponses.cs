using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using StatusHub.Api.Http;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Gives the answers Kestrel writes on its own (a request it cannot parse: <c>/%00</c>, a bad request line, headers
/// too large, a bad <c>Content-Length</c>, …; or a request that failed before any response) the API's problem+json
/// body. Kestrel offers no hook for these (they are written before, or instead of, the application), so a connection
/// middleware looks at each flushed response: one with an error status, an empty body and no
/// <c>X-Content-Type-Options</c> (which every answer of the application carries) is Kestrel's own, and its empty body
/// is replaced by a problem document. Kestrel closes the connection after such an answer, so nothing follows it.
/// </summary>
public static class KestrelProblemResponses
{
    /// <summary>Adds the rewriting to every endpoint Kestrel listens on.</summary>
    public static void UseProblemResponses(this KestrelServerOptions kestrel) =>
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            await using var output = new RewritingWriter(transport.Output);
            connection.Transport = new Pipe(transport.Input, output);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                connection.Transport = transport;
            }
        }));

    /// <summary>The response to send instead of <paramref name="response"/>, or null to send it as it is.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> response)
    {
        var end = response.IndexOf("\r\n\r\n"u8);
        if (end < 0 || end + 4 != response.Length || !response.StartsWith("HTTP/1.1 "u8) || response.Length < 12
            || response[9] is < (byte)'4' or > (byte)'5')
        {
            return null;
        }

        var head = Encoding.ASCII.GetString(response[..end]);
        var lines = head.Split("\r\n");
        if (!int.TryParse(lines[0].AsSpan(9, 3), out var status))
        {
            return null;
        }

        var headers = lines.Skip(1).ToList();
        if (headers.Any(h => h.StartsWith("X-Content-Type-Options:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            || !headers.Any(h => h.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
        {
            Type = $"urn:statushub:problem:{Problems.TypeName(status)}",
            Title = Title(status),
            Status = status,
            Detail = Detail(status),
        }, DocumentJson.Options);
        var text = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Type: ").Append(Problems.ContentType).Append("\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. body];
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        408 => "Request timeout",
        411 => "Length required",
        413 => "Payload too large",
        414 => "URI too long",
        431 => "Request headers too large",
        505 => "HTTP version not supported",
        _ => status < 500 ? "Request refused" : "Internal error",
    };

    private static string Detail(int status) => status switch
    {
        400 => "The request is not valid HTTP/1.1: its request line, path, a header or its body framing is malformed.",
        408 => "The request's headers or body did not arrive in time.",
        411 => "This request needs a Content-Length header.",
        413 => "The request body is larger than this server accepts.",
        414 => "The request target is longer than this server accepts.",
        431 => "The request's headers are larger than this server accepts.",
        505 => "This server speaks HTTP/1.1 (and HTTP/2 over TLS).",
        _ => status < 500 ? "The server refused the request before it reached the API." : "The request failed on our side and may not have been applied.",
    };

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Collects what Kestrel writes between two flushes (Kestrel flushes at the end of every response, so a response
    /// of its own starts a flush) and passes it on, rewritten where <see cref="Rewrite"/> says so.
    /// </summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter, IAsyncDisposable
    {
        private readonly ArrayBufferWriter<byte> _pending = new(4096);

        // Kestrel (and System.Text.Json writing to it) ask how much is buffered to decide when to flush.
        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

        public override void Advance(int bytes) => _pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            CopyPending();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            CopyPending();
            await inner.CompleteAsync(exception).ConfigureAwait(false);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            CopyPending();
            return inner.FlushAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private void CopyPending()
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            var written = _pending.WrittenSpan;
            inner.Write(Rewrite(written) is { } rewritten ? rewritten : written);
            _pending.ResetWrittenCount();
        }
    }
}
