using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatusHub.FunctionsHost.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace StatusHub.FunctionsHost;

/// <summary>What the test host runs and how.</summary>
public sealed record FunctionsTestHostOptions
{
    /// <summary>The <c>dotnet publish</c> output of the Functions app (worker.config.json, functions.metadata, host.json).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings (keys with ':'), given to the worker as environment variables.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>When set, every path outside the route prefix is served from this account's <c>$web</c> container,
    /// as the storage account's static website serves the site next to the Functions app on Azure.</summary>
    public string? StaticWebsiteConnectionString { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long one invocation may run; host.json's functionTimeout is longer, but a test should not hang.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// A stand-in for the Azure Functions host (Core Tools cannot be installed here; ARCHITECTURE.md "Hosts"). It plays
/// the host's documented side of the language-worker gRPC protocol against the <b>published</b> worker, run as a
/// child process: opens the gRPC server the worker connects to, initialises the worker, asks it for its function
/// metadata, loads every function, then serves HTTP on a loopback port, routing each request by the functions' route
/// templates and methods and forwarding it as the host does for a worker with ASP.NET Core integration (the
/// invocation over gRPC, the request proxied with YARP to the worker's <c>HttpUri</c> with <c>x-ms-invocation-id</c>),
/// and invokes timer functions on demand. Test code only; it never ships.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly FunctionsTestHostOptions _options;
    private readonly ILogger _logger;
    private WebApplication? _grpc;
    private WebApplication? _http;
    private WorkerProcess? _worker;
    [SuppressMessage("Reliability", "CA2213", Justification = "The gRPC host's container owns the channel and disposes it with _grpc.")]
    private WorkerChannel? _channel;
    private HttpMessageInvoker? _forwardingClient;
    private Uri? _workerHttpUri;

    private FunctionsTestHost(FunctionsTestHostOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<FunctionsTestHost>();
    }

    /// <summary>Where the HTTP functions (under <see cref="RoutePrefix"/>) and, if configured, the site are served.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The route prefix from the app's host.json (<c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public string RoutePrefix { get; private set; } = "api";

    /// <summary>Every function the worker reported and loaded.</summary>
    public IReadOnlyList<HostedFunction> Functions { get; private set; } = [];

    /// <summary>The worker's process id (for tests that check it is the process serving them).</summary>
    public int WorkerProcessId => _worker?.Id ?? 0;

    /// <summary>The capabilities the worker reported in its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    public static async Task<FunctionsTestHost> StartAsync(FunctionsTestHostOptions options, CancellationToken cancellationToken = default)
    {
        var host = new FunctionsTestHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Invokes a timer function now, as the host does when its schedule fires, and waits for it to finish.</summary>
    /// <exception cref="FunctionInvocationException">The function failed.</exception>
    public async Task InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var function = Functions.SingleOrDefault(f => f.Name == functionName && f.IsTimer)
            ?? throw new ArgumentException($"No timer function named {functionName}; the worker has: {string.Join(", ", Functions.Select(f => f.Name))}.", nameof(functionName));
        var now = DateTimeOffset.UtcNow;

        // The timer extension's TimerInfo as the host serialises it (Microsoft.Azure.WebJobs.Extensions.Timers): the
        // schedule status is the one the host's schedule monitor keeps; there is none on a first run.
        var timerInfo = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = now.AddMinutes(-1), Next = now.AddMinutes(1), LastUpdated = now },
            IsPastDue = false,
        });
        var invocationId = Guid.NewGuid().ToString();
        var request = NewInvocation(function, invocationId);
        request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Json = timerInfo } });
        var response = await InvokeAsync(request, cancellationToken);
        if (response.Result.Status != StatusResult.Types.Status.Success)
        {
            throw new FunctionInvocationException(functionName, response.Result.Exception?.Message ?? response.Result.Result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null && _worker is { HasExited: false })
        {
            try
            {
                // The host asks the worker to stop before it kills it (WorkerTerminate, with a grace period).
                await _channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } }, CancellationToken.None);
                await _worker.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (InvalidOperationException)
            {
                // The stream is already gone.
            }
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_http is not null)
        {
            await _http.DisposeAsync();
        }

        if (_grpc is not null)
        {
            await _grpc.DisposeAsync();
        }

        _forwardingClient?.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var appDirectory = Path.GetFullPath(_options.AppDirectory);
        RoutePrefix = ReadRoutePrefix(appDirectory);

        _grpc = BuildGrpcServer();
        await _grpc.StartAsync(cancellationToken);
        _channel = _grpc.Services.GetRequiredService<WorkerChannel>();
        var grpcUri = new Uri(ServerAddress(_grpc));

        var workerId = Guid.NewGuid().ToString();
        _worker = WorkerProcess.Start(appDirectory, grpcUri, workerId, _options.Settings, _options.LoggerFactory.CreateLogger("StatusHub.FunctionsHost.Worker"));

        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(_options.StartupTimeout);
        await ((Task)Task.WhenAny(_channel.Started, _worker.Exited)).WaitAsync(startup.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_channel.Started.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException(
                $"The worker did not open its gRPC stream (exited: {_worker.HasExited}). Its last output:{Environment.NewLine}{_worker.Tail}");
        }

        await InitialiseAsync(appDirectory, startup.Token);
        Functions = await LoadFunctionsAsync(appDirectory, startup.Token);

        _forwardingClient = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        _http = BuildHttpServer();
        await _http.StartAsync(cancellationToken);
        BaseAddress = new Uri(ServerAddress(_http));
        await WarmUpAsync(cancellationToken);
        _logger.LogInformation(
            "Functions test host serving {Count} functions of worker {Pid} at {BaseAddress}{Prefix}",
            Functions.Count, _worker.Id, BaseAddress, RoutePrefix);
    }

    /// <summary>
    /// Test-host behaviour, not the real host's: one request through the whole path before the tests start, so that
    /// the worker builds its endpoint table (FunctionsEndpointDataSource does so, blocking, on its first request) and
    /// both sides JIT their pipelines while nothing waits. On a loaded 2-core machine a cold first request can
    /// otherwise exceed the worker's 5–15 s coordination timeouts (DefaultHttpCoordinator) and fail its invocation.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var probe = Functions.FirstOrDefault(f => f.IsHttp && f.Methods.Contains("GET") && !f.Route!.Contains('{', StringComparison.Ordinal));
        if (probe is null)
        {
            return;
        }

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = _options.StartupTimeout };
        using var response = await client.GetAsync($"{RoutePrefix.Trim('/')}/{probe.Route}", cancellationToken);
        _logger.LogInformation("Warm-up: GET {Route} ({Function}) answered {Status}", probe.Route, probe.Name, (int)response.StatusCode);
    }

    private WebApplication BuildGrpcServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_options.LoggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton<WorkerChannel>();
        var app = builder.Build();
        app.MapGrpcService<WorkerChannel>();
        return app;
    }

    private async Task InitialiseAsync(string appDirectory, CancellationToken cancellationToken)
    {
        // Source: azure-functions-host GrpcWorkerChannel.GetWorkerInitRequest / SendWorkerInitRequest. The host's own
        // capabilities here are a guess at the minimum a v4 host sends; the dotnet worker reads none of them.
        var init = new WorkerInitRequest
        {
            HostVersion = "4.1040.300.0",
            WorkerDirectory = appDirectory,
            FunctionAppDirectory = appDirectory,
        };
        var answer = await _channel!.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, _options.StartupTimeout, cancellationToken);
        var response = answer.WorkerInitResponse ?? throw new InvalidOperationException($"The worker answered WorkerInitRequest with {answer.ContentCase}.");
        EnsureSuccess(response.Result, "initialise");
        WorkerCapabilities = response.Capabilities.ToDictionary();
        if (!WorkerCapabilities.TryGetValue("HttpUri", out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out _workerHttpUri))
        {
            throw new InvalidOperationException("The worker reported no HttpUri capability: it does not use the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        }
    }

    private async Task<IReadOnlyList<HostedFunction>> LoadFunctionsAsync(string appDirectory, CancellationToken cancellationToken)
    {
        // Worker indexing (worker.config.json "workerIndexing": "true"): the host asks the worker for its metadata.
        var answer = await _channel!.RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
            _options.StartupTimeout, cancellationToken);
        var metadata = answer.FunctionMetadataResponse ?? throw new InvalidOperationException($"The worker answered FunctionsMetadataRequest with {answer.ContentCase}.");
        EnsureSuccess(metadata.Result, "index its functions");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked for host indexing (functions.metadata read by the host); this test host only does worker indexing.");
        }

        var functions = new List<HostedFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var id = string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
            function.FunctionId = id;
            var load = await _channel.RequestAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = id, Metadata = function } },
                _options.StartupTimeout, cancellationToken);
            EnsureSuccess(load.FunctionLoadResponse?.Result, $"load function {function.Name}");
            functions.Add(HostedFunction.FromRawBindings(function.Name, id, function.RawBindings));
        }

        return functions;
    }

    private WebApplication BuildHttpServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_options.LoggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddHttpForwarder();

        // Guess at the platform in front of the host (App Service on Linux sets ASPNETCORE_FORWARDEDHEADERS_ENABLED,
        // see "Configure ASP.NET Core to work with proxy servers and load balancers"): the front end's X-Forwarded-For
        // and -Proto become the host's client address and scheme, from the last (the front end's own) entry only.
        // YARP then sends the worker X-Forwarded-For with that address, which the worker's UseForwardedHeaders reads.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
        });
        var app = builder.Build();
        app.UseForwardedHeaders();

        foreach (var function in Functions.Where(f => f.IsHttp))
        {
            var pattern = "/" + RoutePrefix.Trim('/') + "/" + function.Route!.TrimStart('/');
            var endpoint = function.Methods.Count == 0
                ? app.Map(pattern, context => ForwardAsync(context, function))
                : app.MapMethods(pattern, function.Methods, context => ForwardAsync(context, function));
            endpoint.WithDisplayName(function.Name);
        }

        if (_options.StaticWebsiteConnectionString is { } connectionString)
        {
            var website = new StaticWebsite(connectionString);
            app.MapMethods("/{**path}", ["GET", "HEAD"], context => website.ServeAsync(context, RoutePrefix));
        }

        return app;
    }

    /// <summary>
    /// Source: azure-functions-host GrpcWorkerChannel.SendInvocationRequest and DefaultHttpProxyService: for an
    /// HTTP-proxying worker the host starts forwarding the request (YARP IHttpForwarder, the invocation id in
    /// <c>x-ms-invocation-id</c>) before it sends the InvocationRequest, and on the InvocationResponse it awaits the
    /// forwarding. The worker's FunctionsHttpProxyingMiddleware joins the two by the invocation id.
    /// </summary>
    private async Task ForwardAsync(HttpContext context, HostedFunction function)
    {
        var invocationId = Guid.NewGuid().ToString();
        var request = NewInvocation(function, invocationId);

        // The http input the host sends a proxying worker carries no body (the worker reads the proxied request);
        // method, URL, headers, query and route values as the host's RpcHttp conversion sets them.
        var http = new RpcHttp { Method = context.Request.Method, Url = context.Request.GetDisplayUrl() };
        foreach (var header in context.Request.Headers)
        {
            http.Headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        foreach (var query in context.Request.Query)
        {
            http.Query[query.Key] = query.Value.ToString();
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (Convert.ToString(value, CultureInfo.InvariantCulture) is { } text)
            {
                http.Params[name] = text;
                request.TriggerMetadata[name] = new TypedData { String = text };
            }
        }

        request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = http } });

        context.Request.Headers[InvocationIdHeader] = invocationId;
        var answer = _channel!.ExpectInvocation(invocationId);
        var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
        var forwarding = forwarder.SendAsync(
            context, _workerHttpUri!.ToString(), _forwardingClient!, new ForwarderRequestConfig { ActivityTimeout = _options.InvocationTimeout }, ForwardingTransformer.Instance).AsTask();
        await _channel.SendAsync(new StreamingMessage { InvocationRequest = request }, context.RequestAborted);

        InvocationResponse response;
        try
        {
            response = await answer.WaitAsync(_options.InvocationTimeout, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            _channel.Forget(invocationId);
            _logger.LogError("Function {Function} (invocation {InvocationId}) did not answer within {Timeout}", function.Name, invocationId, _options.InvocationTimeout);
            throw;
        }

        var forwarded = await forwarding;
        if (forwarded != ForwarderError.None)
        {
            _logger.LogError(context.GetForwarderErrorFeature()?.Exception, "Forwarding {Function} to the worker failed: {Error}", function.Name, forwarded);
        }

        if (response.Result.Status != StatusResult.Types.Status.Success)
        {
            // The host fails the invocation; if the worker had not started a response, the client gets the host's bare 500.
            _logger.LogError(
                "Function {Function} (invocation {InvocationId}) failed: {Exception}", function.Name, invocationId, response.Result.Exception?.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    private async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var answer = _channel!.ExpectInvocation(request.InvocationId);
        await _channel.SendAsync(new StreamingMessage { InvocationRequest = request }, cancellationToken);
        try
        {
            return await answer.WaitAsync(_options.InvocationTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            _channel.Forget(request.InvocationId);
            throw;
        }
    }

    private static InvocationRequest NewInvocation(HostedFunction function, string invocationId)
    {
        var traceParent = Activity.Current?.Id ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";
        return new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.Id,
            TraceContext = new RpcTraceContext { TraceParent = traceParent, TraceState = "" },
        };
    }

    private static void EnsureSuccess(StatusResult? result, string what)
    {
        if (result is null || result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed to {what}: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
        }
    }

    private static string ServerAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/";

    private static string ReadRoutePrefix(string appDirectory)
    {
        var hostJson = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            throw new InvalidOperationException($"{appDirectory} has no host.json: not a Functions app.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? "api"
            : "api";
    }
}

/// <summary>A function the worker ran reported failure.</summary>
public sealed class FunctionInvocationException(string function, string? message)
    : Exception($"Function {function} failed: {message}");
