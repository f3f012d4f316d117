namespace StatusHub.Cli;

/// <summary>The process exit codes (docs/cli.md, and the end of <c>statushub --help</c>).</summary>
public static class ExitCodes
{
    /// <summary>The API accepted the request.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected: a 5xx other than 502/503/504, or a response that is not what the API sends.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad command line, missing <c>STATUSHUB_KEY</c>/town, or an unreadable file: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The API rejected the request (4xx problem details: 400, 401, 403, 404, 409, 413, 415, 422).</summary>
    public const int Rejected = 3;

    /// <summary>412: the resource changed since the ETag given with <c>--if-match</c>.</summary>
    public const int PreconditionFailed = 4;

    /// <summary>429 or 502/503/504: try again later (after Retry-After).</summary>
    public const int Unavailable = 5;

    /// <summary>No HTTP answer at all: connection refused, DNS, TLS, timeout.</summary>
    public const int Unreachable = 6;

    /// <summary>Ctrl+C or SIGTERM while a request was in flight (the shell's convention, 128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
