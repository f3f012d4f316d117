namespace StatusHub.Cli;

/// <summary>
/// Everything the client takes from its process: environment variables, the two output streams and the HTTP handler.
/// Tests pass their own, so that the whole program runs in-process against a real server.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Reads an environment variable (<c>STATUSHUB_URL</c>, <c>STATUSHUB_TOWN</c>, <c>STATUSHUB_KEY</c>).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Creates the HTTP handler of one run (disposed with it); null means a plain <see cref="SocketsHttpHandler"/>.</summary>
    public Func<HttpMessageHandler>? CreateHandler { get; init; }

    /// <summary>True in the real process: Ctrl+C / SIGTERM cancel the request in flight.</summary>
    public bool HandleProcessTermination { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        GetVariable = Environment.GetEnvironmentVariable,
        Out = Console.Out,
        Error = Console.Error,
        HandleProcessTermination = true,
    };
}
