using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly;
using Polly.Retry;

namespace StatusHub.Cli;

/// <summary>One run of a command: the resolved settings, the HTTP client, and the mapping of answers to exit codes.</summary>
internal sealed class ApiSession : IDisposable
{
    /// <summary>The API's own JSON options (camelCase, lower-case enums), leaving out what the user did not give.</summary>
    public static readonly JsonSerializerOptions RequestJsonOptions = new(DocumentJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The API's JSON options for reading its answers into the contract types: a field the client does not know (a newer
    /// server, or a type that reads part of a document, as <see cref="TownStatus"/> of the town document) is skipped.
    /// </summary>
    public static readonly JsonSerializerOptions ResponseJsonOptions = new(DocumentJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private const int MaxResponseBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string? _key;

    public ApiSession(CliSettings settings, CliEnvironment env)
    {
        Settings = settings;
        Out = env.Out;
        Error = env.Error;
        _key = settings.Key;
        var handler = env.CreateHandler?.Invoke() ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = settings.BaseUrl,
            Timeout = TimeSpan.FromSeconds(100),
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("statushub-cli", "1.0"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
    }

    public CliSettings Settings { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>The JSON of a request body, serialized exactly like the API's own contract types.</summary>
    public static string JsonBody<T>(T body) => JsonSerializer.Serialize(body, RequestJsonOptions);

    /// <summary>
    /// Sends one request and reports it: on 2xx the raw JSON (<c>--json</c>) or the line <paramref name="describe"/> makes
    /// of the answer read as <typeparamref name="T"/> (null when it is not one; unless <c>--quiet</c>), otherwise the
    /// problem on stderr. Returns the exit code.
    /// </summary>
    /// <param name="path">Relative to the base URL, e.g. <c>api/v1/towns/moessingen/status</c> (segments already checked slugs).</param>
    /// <param name="afterFailure">Printed on stderr when the outcome is unknown (exit 5 or 6), e.g. how to retry safely.</param>
    public async Task<int> SendAsync<T>(
        HttpMethod method,
        string path,
        string? json,
        bool authenticated,
        Func<T?, string?, string> describe,
        CancellationToken cancellationToken,
        string? ifMatch = null,
        IReadOnlyList<(string Name, string Value)>? headers = null,
        string? afterFailure = null)
        where T : class
    {
        var answer = await ExchangeAsync(method, path, json, authenticated, cancellationToken, ifMatch, headers, afterFailure, printProblemJson: Settings.Json);
        if (answer.ExitCode == ExitCodes.Success)
        {
            if (Settings.ETagOnly)
            {
                Out.WriteLine(answer.ETag ?? "");
            }
            else if (Settings.Json)
            {
                Out.WriteLine(answer.Body);
            }
            else if (!Settings.Quiet)
            {
                Out.WriteLine(describe(answer.Read<T>(), answer.ETag));
            }
        }

        return answer.ExitCode;
    }

    /// <summary>Like <see cref="SendAsync{T}"/> for an answer whose body the line does not need, only its ETag.</summary>
    public Task<int> SendAsync(
        HttpMethod method,
        string path,
        string? json,
        bool authenticated,
        Func<string?, string> describe,
        CancellationToken cancellationToken) =>
        SendAsync<object>(method, path, json, authenticated, (_, etag) => describe(etag), cancellationToken);

    /// <summary>
    /// Sends one request (with --retry) and returns the answer; a failure is reported on stderr (and its problem JSON on
    /// stdout when <paramref name="printProblemJson"/>), a success is left to the caller to print.
    /// </summary>
    public async Task<ApiAnswer> ExchangeAsync(
        HttpMethod method,
        string path,
        string? json,
        bool authenticated,
        CancellationToken cancellationToken,
        string? ifMatch = null,
        IReadOnlyList<(string Name, string Value)>? headers = null,
        string? afterFailure = null,
        bool printProblemJson = false)
    {
        // Checked once up front, so that a bad header value is a usage error before anything is sent.
        using (var probe = new HttpRequestMessage())
        {
            foreach (var (name, value) in Headers(ifMatch, headers))
            {
                if (!probe.Headers.TryAddWithoutValidation(name, value) || value.Any(char.IsControl))
                {
                    Error.WriteLine($"error: '{value}' is not a valid {name} header value.");
                    return ApiAnswer.Failed(ExitCodes.Usage);
                }
            }
        }

        // Every attempt is a new message: a request cannot be sent twice. Every write the client makes is safe to
        // repeat (PUT, or POST with an Idempotency-Key), so --retry may resend after a lost connection too.
        HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            if (authenticated)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
            }

            foreach (var (name, value) in Headers(ifMatch, headers))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await RetryPipeline().ExecuteAsync(async token =>
            {
                using var request = CreateRequest();
                var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                return answer;
            }, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            Error.WriteLine($"error: the answer of {Settings.BaseUrl} exceeds {MaxResponseBytes / 1024 / 1024} MiB; this is not the StatusHub API.");
            return ApiAnswer.Failed(ExitCodes.Unexpected);
        }
        catch (HttpRequestException e)
        {
            Error.WriteLine($"error: cannot reach {Settings.BaseUrl}: {e.Message}");
            WriteAfterFailure(afterFailure);
            return ApiAnswer.Failed(ExitCodes.Unreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Error.WriteLine($"error: {Settings.BaseUrl} did not answer within {_http.Timeout.TotalSeconds:0} s.");
            WriteAfterFailure(afterFailure);
            return ApiAnswer.Failed(ExitCodes.Unreachable);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var answerHeaders = response.Headers.Concat(response.Content.Headers)
                    .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
                return new ApiAnswer(ExitCodes.Success, (int)response.StatusCode, body, ETagOf(response), answerHeaders);
            }

            var problem = IsProblem(response) ? ApiAnswer.TryRead<ApiProblem>(body) : null;
            if (printProblemJson && problem is not null)
            {
                Out.WriteLine(body);
            }

            var code = ReportFailure(response, problem);
            if (code is ExitCodes.Unavailable)
            {
                WriteAfterFailure(afterFailure);
            }

            return ApiAnswer.Failed(code, (int)response.StatusCode);
        }
    }

    /// <summary>Prints a non-2xx answer on stderr: title, detail and each field error of the problem details.</summary>
    private int ReportFailure(HttpResponseMessage response, ApiProblem? problem)
    {
        var status = (int)response.StatusCode;
        var title = problem?.Title ?? response.ReasonPhrase ?? "Error";
        var detail = problem?.Detail;

        Error.WriteLine(detail is null ? $"error: {status} {title}" : $"error: {status} {title}: {detail}");
        foreach (var (field, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages.Where(m => m is not null))
            {
                Error.WriteLine($"  {field}: {message}");
            }
        }

        switch (status)
        {
            case 412:
                Error.WriteLine("Someone else changed this; run `statushub status get` and retry with the new ETag.");
                return ExitCodes.PreconditionFailed;
            case 429 or 502 or 503 or 504:
                Error.WriteLine(RetryAfter(response) is { } wait
                    ? $"Temporarily unavailable; retry after {wait.TotalSeconds:0} s (Retry-After)."
                    : "Temporarily unavailable; retry later.");
                return ExitCodes.Unavailable;
            case 401:
                Error.WriteLine("Check STATUSHUB_KEY: the server does not accept this key.");
                return ExitCodes.Rejected;
            case 403:
                Error.WriteLine("STATUSHUB_KEY is valid but may not write to this town.");
                return ExitCodes.Rejected;
            case >= 400 and < 500:
                return ExitCodes.Rejected;
            default:
                if (problem is null)
                {
                    Error.WriteLine($"The answer is not problem details from the StatusHub API; is {Settings.BaseUrl} right?");
                }

                return ExitCodes.Unexpected;
        }
    }

    private static IEnumerable<(string Name, string Value)> Headers(string? ifMatch, IReadOnlyList<(string Name, string Value)>? headers) =>
        ifMatch is null ? headers ?? [] : [("If-Match", ifMatch), .. headers ?? []];

    /// <summary>
    /// --retry N: up to N more attempts on 429, 502, 503, 504 or no connection, each after the server's Retry-After
    /// (at most <see cref="MaxRetryAfter"/>), else after an exponential, jittered back-off from one second.
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> RetryPipeline()
    {
        if (Settings.Retries <= 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Settings.Retries,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .HandleResult(r => IsTemporary((int)r.StatusCode))
                    .Handle<HttpRequestException>(e => e.HttpRequestError != HttpRequestError.ConfigurationLimitExceeded)
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } r && RetryAfter(r) is { } wait ? Min(wait, MaxRetryAfter) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (!Settings.Quiet)
                    {
                        var reason = args.Outcome.Result is { } r
                            ? $"{(int)r.StatusCode} {r.ReasonPhrase}"
                            : args.Outcome.Exception?.Message;
                        Error.WriteLine($"retry {args.AttemptNumber + 1} of {Settings.Retries} in {Math.Ceiling(args.RetryDelay.TotalSeconds):0} s ({reason})");
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsTemporary(int status) => status is 429 or 502 or 503 or 504;

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json";

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private void WriteAfterFailure(string? afterFailure)
    {
        if (afterFailure is not null)
        {
            Error.WriteLine(afterFailure);
        }
    }

    private static string? ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null;

    /// <summary>The text of a localized answer in the preferred language, else the first non-empty one in any language.</summary>
    public static string? Localized(LocalizedText? text, string language) =>
        text?.In(language) ?? text?.Values.FirstOrDefault(t => !string.IsNullOrEmpty(t));

    /// <summary>A timestamp of an answer as the API writes it (UTC, <c>Z</c>).</summary>
    public static string? Timestamp(DateTimeOffset? value) => value is { } at ? DocumentJson.Timestamp(at) : null;
}

/// <summary>One answer of the API: the exit code it maps to and, on success, the status, body, ETag and headers.</summary>
internal sealed record ApiAnswer(int ExitCode, int Status, string Body, string? ETag, IReadOnlyDictionary<string, string> Headers)
{
    public static ApiAnswer Failed(int exitCode, int status = 0) =>
        new(exitCode, status, "", null, new Dictionary<string, string>());

    /// <summary>The body read as the contract type <typeparamref name="T"/>, or null when it is empty or not one.</summary>
    public T? Read<T>()
        where T : class => TryRead<T>(Body);

    /// <summary><paramref name="body"/> read as <typeparamref name="T"/> with the API's JSON options, or null (never throws).</summary>
    public static T? TryRead<T>(string body)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, ApiSession.ResponseJsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
