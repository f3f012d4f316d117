using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Azurite, the real Azure Storage emulator, run from the repository's pinned <c>node_modules</c> on free
/// loopback ports. Used by the local server when no storage is configured, and by the tests.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's documented development account; it only ever exists on this machine's loopback.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _script;
    private readonly ILogger _logger;
    private Process? _process;

    private AzuriteProcess(string script, string dataFolder, ILogger logger)
    {
        _script = script;
        DataFolder = dataFolder;
        _logger = logger;
        BlobPort = FreePort();
        QueuePort = FreePort();
        TablePort = FreePort();
    }

    public string DataFolder { get; }

    /// <summary>
    /// How long a start may take: node loading Azurite takes a second on a quiet machine, but far longer when
    /// several test assemblies and a browser start at once on two cores.
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Installs Azurite with npm when missing, starts it on free ports with data in <paramref name="dataFolder"/>, and waits until it answers.</summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string dataFolder, ILogger logger, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            await InstallAsync(repositoryRoot, logger, cancellationToken).ConfigureAwait(false);
        }

        // Free ports are picked before Azurite binds them, so another process can take one meanwhile: try again with new ones.
        for (var attempt = 1; ; attempt++)
        {
            var azurite = new AzuriteProcess(script, dataFolder, logger);
            try
            {
                await azurite.StartAsync(cancellationToken).ConfigureAwait(false);
                return azurite;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                logger.LogWarning("Azurite did not start on ports {Blob}/{Table}; trying other ports", azurite.BlobPort, azurite.TablePort);
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts (again) on the same ports and data folder.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(DataFolder);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            _script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", DataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { _logger.LogDebug("azurite: {Line}", e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { _logger.LogWarning("azurite: {Line}", e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync(TablePort).ConfigureAwait(false) || !await AnswersAsync(BlobPort).ConfigureAwait(false))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Azurite did not answer within {StartTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Azurite is running (tables on 127.0.0.1:{TablePort}, blobs on 127.0.0.1:{BlobPort}, data in {Folder})",
            TablePort, BlobPort, DataFolder);
    }

    /// <summary>Stops Azurite: SIGTERM first so it saves its data, then a kill if it lingers.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        _logger.LogInformation("Azurite stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
        _process = null;
    }

    private static async Task InstallAsync(string repositoryRoot, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Azurite is not installed yet: running 'npm ci' in {Folder} (one time, about a minute)", repositoryRoot);
        var start = new ProcessStartInfo("npm") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm: install Node.js 20 or later.");
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' failed with exit code {npm.ExitCode}.");
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
