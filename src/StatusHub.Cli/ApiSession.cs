using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StatusHub.Core.Documents;

namespace StatusHub.Cli;

/// <summary>One run of a command: the resolved settings, the HTTP client, and the mapping of answers to exit codes.</summary>
internal sealed class ApiSession : IDisposable
{
    /// <summary>The API's own JSON options (camelCase, lower-case enums), leaving out what the user did not give.</summary>
    public static readonly JsonSerializerOptions RequestJsonOptions = new(DocumentJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
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

    public static HttpContent JsonBody<T>(T body) =>
        new StringContent(JsonSerializer.Serialize(body, RequestJsonOptions), Encoding.UTF8, "application/json");

    public static HttpContent JsonBody(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// Sends one request and reports it: on 2xx the raw JSON (<c>--json</c>) or the line <paramref name="describe"/> makes
    /// (unless <c>--quiet</c>), otherwise the problem on stderr. Returns the exit code.
    /// </summary>
    /// <param name="path">Relative to the base URL, e.g. <c>api/v1/towns/moessingen/status</c> (segments already checked slugs).</param>
    /// <param name="afterFailure">Printed on stderr when the outcome is unknown (exit 5 or 6), e.g. how to retry safely.</param>
    public async Task<int> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        bool authenticated,
        Func<JsonNode?, string?, string> describe,
        CancellationToken cancellationToken,
        string? ifMatch = null,
        IReadOnlyList<(string Name, string Value)>? headers = null,
        string? afterFailure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        }

        if (ifMatch is not null && !request.Headers.TryAddWithoutValidation("If-Match", ifMatch))
        {
            Error.WriteLine("error: --if-match is not a valid header value.");
            return ExitCodes.Usage;
        }

        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                Error.WriteLine($"error: '{value}' is not a valid {name} header value.");
                return ExitCodes.Usage;
            }
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            Error.WriteLine($"error: the answer of {Settings.BaseUrl} exceeds {MaxResponseBytes / 1024 / 1024} MiB; this is not the StatusHub API.");
            return ExitCodes.Unexpected;
        }
        catch (HttpRequestException e)
        {
            Error.WriteLine($"error: cannot reach {Settings.BaseUrl}: {e.Message}");
            WriteAfterFailure(afterFailure);
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Error.WriteLine($"error: {Settings.BaseUrl} did not answer within {_http.Timeout.TotalSeconds:0} s.");
            WriteAfterFailure(afterFailure);
            return ExitCodes.Unreachable;
        }

        using (response)
        {
            var json = TryParse(body);
            if (response.IsSuccessStatusCode)
            {
                if (Settings.Json)
                {
                    Out.WriteLine(body);
                }
                else if (!Settings.Quiet)
                {
                    Out.WriteLine(describe(json, ETagOf(response)));
                }

                return ExitCodes.Success;
            }

            if (Settings.Json && json is not null)
            {
                Out.WriteLine(body);
            }

            var code = ReportFailure(response, json);
            if (code is ExitCodes.Unavailable)
            {
                WriteAfterFailure(afterFailure);
            }

            return code;
        }
    }

    /// <summary>Prints a non-2xx answer on stderr: title, detail and each field error of the problem details.</summary>
    private int ReportFailure(HttpResponseMessage response, JsonNode? json)
    {
        var status = (int)response.StatusCode;
        var problem = IsProblem(response, json) ? json as JsonObject : null;
        var title = Text(problem?["title"]) ?? response.ReasonPhrase ?? "Error";
        var detail = Text(problem?["detail"]);

        Error.WriteLine(detail is null ? $"error: {status} {title}" : $"error: {status} {title}: {detail}");
        if (problem?["errors"] is JsonObject errors)
        {
            foreach (var (field, messages) in errors)
            {
                var list = messages is JsonArray array ? array.Select(Text).Where(m => m is not null) : [Text(messages)];
                foreach (var message in list)
                {
                    Error.WriteLine($"  {field}: {message}");
                }
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

    private static bool IsProblem(HttpResponseMessage response, JsonNode? json) =>
        json is JsonObject && response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json";

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

    private static JsonNode? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string value of a JSON node, or null (never throws on a number or object).</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    /// <summary>The text of a localized object in the preferred language, else in any language.</summary>
    public static string? Localized(JsonNode? node, string language) => node switch
    {
        JsonObject text when text[language] is { } preferred => Text(preferred),
        JsonObject text => text.Select(p => Text(p.Value)).FirstOrDefault(t => !string.IsNullOrEmpty(t)),
        _ => Text(node),
    };
}
