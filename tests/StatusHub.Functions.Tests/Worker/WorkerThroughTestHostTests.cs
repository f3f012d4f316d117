using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using StatusHub.Functions.Tests.Parity;

namespace StatusHub.Functions.Tests.Worker;

/// <summary>
/// The published worker behind the test Functions host: it indexes and loads the functions the build lists, every
/// v1 route reaches its handler through the worker (invocation over gRPC, request proxied to the worker's own
/// ASP.NET Core server), and both timers run through it.
/// </summary>
public sealed partial class WorkerThroughTestHostTests(PublishedWorker worker) : IClassFixture<PublishedWorker>
{
    [Fact]
    public void The_worker_indexes_exactly_the_functions_the_build_wrote_into_functions_metadata()
    {
        var built = FunctionsMetadata.Read()
            .Select(f => $"{f.Name} {f.TriggerType} {string.Join(',', f.Methods)} {f.Route} {f.Schedule} {f.AuthLevel}")
            .Order(StringComparer.Ordinal);
        var indexed = worker.Host.Functions
            .Select(f => $"{f.Name} {f.TriggerType} {string.Join(',', f.Methods)} {(f.IsHttp ? f.Route : null)} {f.Schedule} {f.AuthLevel}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(built, indexed);
        Assert.Equal("api", worker.Host.RoutePrefix);
        Assert.True(worker.Host.WorkerCapabilities.ContainsKey("HttpUri"));
    }

    [Fact]
    public async Task Every_http_function_answers_through_the_worker_with_the_APIs_own_answer()
    {
        using var anonymous = worker.Client();
        var answered = new List<string>();
        foreach (var function in worker.Host.Functions.Where(f => f.IsHttp))
        {
            foreach (var method in function.Methods)
            {
                var path = "/api/" + RouteValue().Replace(function.Route!, match => Sample(match.Groups["name"].Value));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "PUT" or "POST")
                {
                    request.Content = JsonContent.Create(new { });
                }

                using var response = await anonymous.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{method} {path} ({function.Name}) answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}";

                // The test host's own answer to an unrouted request is a bare 404 and a failed invocation a bare 500;
                // the API's answers are 2xx/3xx, or 4xx problem+json from its handlers.
                Assert.True((int)response.StatusCode < 500, what);
                Assert.True(
                    response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400
                    || response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    what);
                answered.Add(function.Name);
            }
        }

        Assert.Equal(worker.Host.Functions.Count(f => f.IsHttp), answered.Distinct().Count());
    }

    [Fact]
    public async Task Health_and_a_town_written_and_read_back_go_through_the_worker()
    {
        using var admin = worker.Client(PublishedWorker.AdminKey);
        using var health = await admin.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var slug = "worker-" + Guid.NewGuid().ToString("N")[..8];
        using var put = await admin.PutAsJsonAsync($"/api/v1/towns/{slug}", new { name = "Werkstadt", region = "worker-region", defaultLanguage = "de" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        using var read = await admin.GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("Werkstadt", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(read.Headers.ETag);
        Assert.Equal("nosniff", read.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Both_timers_run_through_the_worker_and_the_render_timer_publishes_the_site()
    {
        using var admin = worker.Client(PublishedWorker.AdminKey);
        var slug = "timer-" + Guid.NewGuid().ToString("N")[..8];
        using var put = await admin.PutAsJsonAsync($"/api/v1/towns/{slug}", new { name = "Zeitstadt", region = "timer-region", defaultLanguage = "de" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        await worker.Host.InvokeTimerAsync("RenderOnSchedule");
        await worker.Host.InvokeTimerAsync("DeliverSubscriptions");

        using var page = await worker.Client().GetAsync($"/{slug}/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Zeitstadt", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_path_no_function_routes_is_the_hosts_404_and_an_unknown_timer_is_refused()
    {
        using var client = worker.Client();
        using var response = await client.GetAsync("/api/not-a-function");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Assert.ThrowsAsync<ArgumentException>(() => worker.Host.InvokeTimerAsync("NoSuchTimer"));
    }

    /// <summary>A value for a route parameter that passes its constraint, if any.</summary>
    private static string Sample(string name) => name switch
    {
        _ when name.Contains("id", StringComparison.OrdinalIgnoreCase) => "0123456789abcdef0123456789abcdef",
        "lang" or "language" => "de",
        _ => "sweep-" + name.ToLowerInvariant().Trim('*'),
    };

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteValue();
}
