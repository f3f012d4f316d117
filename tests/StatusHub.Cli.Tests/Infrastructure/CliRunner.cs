using System.Diagnostics;
using System.Reflection;

namespace StatusHub.Cli.Tests.Infrastructure;

/// <summary>What one run of the client did: exit code, both outputs, and how many HTTP requests it sent.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error, int Requests)
{
    public override string ToString() => $"exit {ExitCode}, {Requests} request(s)\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>Runs <see cref="StatusHubCli.RunAsync"/> in-process with its own environment variables and outputs.</summary>
public static class CliRunner
{
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> variables, params string[] args) =>
        RunAsync(variables, onRequest: null, args);

    /// <summary>As above, cancelled through <paramref name="cancellationToken"/> as Ctrl+C would.</summary>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(variables, onRequest: null, cancellationToken, args);

    /// <summary>As above; <paramref name="onRequest"/> runs as each request leaves the client.</summary>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> variables, Action? onRequest, params string[] args) =>
        RunAsync(variables, onRequest, CancellationToken.None, args);

    private static async Task<CliRun> RunAsync(
        IReadOnlyDictionary<string, string?> variables, Action? onRequest, CancellationToken cancellationToken, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var requests = 0;
        var env = new CliEnvironment
        {
            GetVariable = name => variables.GetValueOrDefault(name),
            Out = output,
            Error = error,
            CreateHandler = () => new CountingHandler(() =>
            {
                Interlocked.Increment(ref requests);
                onRequest?.Invoke();
            }),
        };
        var code = await StatusHubCli.RunAsync(args, env, cancellationToken);
        var run = new CliRun(code, output.ToString(), error.ToString(), requests);

        // Whatever happened, the key never appears in anything the client printed.
        if (variables.GetValueOrDefault("STATUSHUB_KEY") is { Length: > 0 } key)
        {
            Assert.DoesNotContain(key.Trim(), run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Trim(), run.Error, StringComparison.Ordinal);
        }

        return run;
    }

    /// <summary>Counts the requests that really leave the client; everything else is the real socket handler.</summary>
    private sealed class CountingHandler(Action onSend) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The built <c>statushub</c> apphost of src/StatusHub.Cli, in the configuration these tests were built in.</summary>
    public static string AppHostPath()
    {
        var root = StatusHub.Server.Hosting.RepositoryRoot.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Tests must run inside the StatusHub checkout.");
        var configuration = typeof(CliRunner).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var name = OperatingSystem.IsWindows() ? "statushub.exe" : "statushub";
        var path = Path.Combine(root, "src", "StatusHub.Cli", "bin", configuration, "net10.0", name);
        Assert.True(File.Exists(path), $"The statushub apphost is not built at {path}.");
        return path;
    }

    /// <summary>Runs the apphost as a real child process with exactly these STATUSHUB_* variables.</summary>
    public static async Task<CliRun> RunProcessAsync(IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        var start = new ProcessStartInfo(AppHostPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STATUSHUB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("statushub did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("statushub did not exit within 2 minutes.");
        }

        return new CliRun(process.ExitCode, await output, await error, -1);
    }
}
