using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using StatusHub.FunctionsHost.Rpc;

namespace StatusHub.FunctionsHost;

/// <summary>
/// The host's end of <c>FunctionRpc.EventStream</c>: one bidirectional stream per worker. Requests the host sends are
/// matched to the worker's answers by <c>request_id</c>, invocations by <c>invocation_id</c>; the worker's
/// <c>RpcLog</c> messages go to the host's logger.
/// </summary>
public sealed class WorkerChannel(ILoggerFactory loggers) : FunctionRpc.FunctionRpcBase, IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<WorkerChannel>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private IServerStreamWriter<StreamingMessage>? _toWorker;

    /// <summary>Completes when the worker has opened its stream and sent <c>StartStream</c>.</summary>
    public Task<StartStream> Started => _started.Task;

    /// <summary>Completes when the worker's stream has ended.</summary>
    public Task Ended => _ended.Task;

    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream,
        ServerCallContext context)
    {
        if (Interlocked.CompareExchange(ref _toWorker, responseStream, null) is not null)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "This test host serves exactly one worker."));
        }

        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                Receive(message);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The host is shutting down.
        }
        catch (IOException exception)
        {
            _logger.LogWarning(exception, "The worker's stream broke off");
        }
        finally
        {
            var gone = new InvalidOperationException("The worker's stream ended before it answered.");
            foreach (var pending in _requests.Values)
            {
                pending.TrySetException(gone);
            }

            foreach (var pending in _invocations.Values)
            {
                pending.TrySetException(gone);
            }

            _started.TrySetException(gone);
            _ended.TrySetResult();
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for the worker's answer with the same request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        message.RequestId = string.IsNullOrEmpty(message.RequestId) ? Guid.NewGuid().ToString() : message.RequestId;
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[message.RequestId] = answer;
        try
        {
            await SendAsync(message, cancellationToken);
            return await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            _requests.TryRemove(message.RequestId, out _);
        }
    }

    /// <summary>Registers an invocation before its request is sent, so that no answer can arrive unobserved.</summary>
    public Task<InvocationResponse> ExpectInvocation(string invocationId)
    {
        var answer = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_invocations.TryAdd(invocationId, answer))
        {
            throw new InvalidOperationException($"Invocation {invocationId} is already running.");
        }

        return answer.Task;
    }

    /// <summary>Forgets an invocation the host gave up on.</summary>
    public void Forget(string invocationId) => _invocations.TryRemove(invocationId, out _);

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        var stream = _toWorker ?? throw new InvalidOperationException("No worker is connected.");

        // A gRPC stream takes one write at a time; HTTP requests and timers invoke concurrently.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _logger.LogInformation("Worker {WorkerId} opened its stream", message.StartStream.WorkerId);
                _started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }
                else
                {
                    _logger.LogWarning("Answer to unknown invocation {InvocationId}", message.InvocationResponse.InvocationId);
                }

                break;
            default:
                if (_requests.TryGetValue(message.RequestId, out var request))
                {
                    request.TrySetResult(message);
                }
                else
                {
                    _logger.LogDebug("Unsolicited {Message} from the worker", message.ContentCase);
                }

                break;
        }
    }

    /// <summary>A worker log entry, logged again here under the worker's own category, level and event.</summary>
    /// <remarks>The worker sends the event as <c>EventId.ToString()</c>: its name when it has one, else its number.</remarks>
    private void Log(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        var eventId = int.TryParse(log.EventId, out var number) ? new EventId(number) : new EventId(0, string.IsNullOrEmpty(log.EventId) ? null : log.EventId);
        var category = loggers.CreateLogger(string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category);
        if (log.Exception is { } exception)
        {
            category.Log(level, eventId, "{Message} ({ExceptionType}: {ExceptionMessage})", log.Message, exception.Type, exception.Message);
        }
        else
        {
            category.Log(level, eventId, "{Message}", log.Message);
        }
    }
}
