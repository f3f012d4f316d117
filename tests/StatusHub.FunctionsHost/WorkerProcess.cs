using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace StatusHub.FunctionsHost;

/// <summary>
/// The published worker, started the way the Functions host starts a dotnet-isolated worker: the executable and
/// assembly from <c>worker.config.json</c>, the host's command line, the app settings as environment variables.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly Queue<string> _lastLines = new();

    private WorkerProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The worker's last lines of output, for a startup failure's message.</summary>
    public string Tail
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join(Environment.NewLine, _lastLines);
            }
        }
    }

    public static WorkerProcess Start(
        string appDirectory, Uri grpcUri, string workerId, IReadOnlyDictionary<string, string?> settings, ILogger logger)
    {
        var (executable, workerPath) = ReadWorkerConfig(appDirectory);
        var requestId = Guid.NewGuid().ToString();

        // Source: Azure/azure-functions-host, src/WebJobs.Script/Workers/Rpc/RpcWorkerContext.cs (GetFormattedArguments)
        // and RpcWorkerProcess.CreateWorkerProcess; max message length is RpcWorkerConstants.DefaultMaxMessageLengthBytes.
        const int maxMessageLength = int.MaxValue;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(appDirectory, workerPath),
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", maxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--functions-uri", grpcUri.AbsoluteUri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", maxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The host gives the worker its own environment plus these; app settings reach the worker as environment
        // variables, with ':' spelled '__' as on Linux plans.
        var environment = start.Environment;
        foreach (var inherited in environment.Keys.Where(k => k.StartsWith("StatusHub", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(inherited);
        }

        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        environment["AzureWebJobsScriptRoot"] = appDirectory;
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, logger);
        process.OutputDataReceived += (_, line) => worker.Record(line.Data, LogLevel.Debug);
        process.ErrorDataReceived += (_, line) => worker.Record(line.Data, LogLevel.Warning);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start the worker ({executable}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Started worker process {Pid}: {Executable} {WorkerPath}", process.Id, executable, workerPath);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private void Record(string? line, LogLevel level)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }

        _logger.Log(level, "[worker output] {Line}", line);
    }

    private static (string Executable, string WorkerPath) ReadWorkerConfig(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{appDirectory} is not a published Functions app: it has no worker.config.json.");
        }

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var description = config.RootElement.GetProperty("description");
        return (description.GetProperty("defaultExecutablePath").GetString()!, description.GetProperty("defaultWorkerPath").GetString()!);
    }
}
