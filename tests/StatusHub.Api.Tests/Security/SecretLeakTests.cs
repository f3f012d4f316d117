using System.Net;
using Microsoft.Extensions.Logging;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>The test app with every log entry of its run captured, at every level.</summary>
public sealed class LoggedApp : StatusHubApp
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureHostLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs);
}

/// <summary>
/// Keys never appear in logs, URLs, response headers or error bodies: a whole run (create, use, wrong secret, revoke,
/// use revoked) is searched for every key, every secret part and the admin key.
/// </summary>
public sealed class SecretLeakTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task No_key_or_secret_appears_in_any_log_entry_url_header_or_error()
    {
        var answers = new List<string>();
        var admin = app.Client(StatusHubApp.AdminKey);
        var slug = Towns.NewSlug();
        answers.Add(await Record(await admin.Put($"/api/v1/towns/{slug}", Towns.Profile())));
        var created = new List<string>();
        foreach (var request in new object[] { new { scope = "town", town = slug, label = "IT" }, new { scope = "region", region = "leak-region" }, new { scope = "admin" } })
        {
            using var response = await admin.Post("/api/v1/keys", request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add((await response.Json())["key"]!.GetValue<string>());
            Assert.DoesNotContain(created[^1], response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var townKey = created[0];
        var wrong = townKey[..^6] + "WRONG0";
        var secrets = created.SelectMany(k => new[] { k, k.Split('_', 3)[2] }).Concat([StatusHubApp.AdminKey, wrong, wrong.Split('_', 3)[2]]).ToList();

        var town = app.Client(townKey);
        answers.Add(await Record(await town.Put($"/api/v1/towns/{slug}/status", Towns.Status())));
        answers.Add(await Record(await town.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "x" } }, ("Idempotency-Key", "k1"))));
        answers.Add(await Record(await town.Put($"/api/v1/towns/{slug}/status", new { level = "panic" })));
        answers.Add(await Record(await town.Put($"/api/v1/towns/{slug}", Towns.Profile())));
        answers.Add(await Record(await town.GetAsync($"/api/v1/towns/{slug}/audit")));
        answers.Add(await Record(await app.Client(created[1]).GetAsync("/api/v1/regions/leak-region/feed")));
        answers.Add(await Record(await app.Client(created[2]).GetAsync("/api/v1/keys")));
        answers.Add(await Record(await app.Client(wrong).Put($"/api/v1/towns/{slug}/status", Towns.Status())));
        answers.Add(await Record(await app.Client(StatusHubApp.AdminKey + "x").GetAsync("/api/v1/keys")));
        answers.Add(await Record(await admin.DeleteAsync($"/api/v1/keys/{townKey.Split('_')[1]}")));
        answers.Add(await Record(await town.Put($"/api/v1/towns/{slug}/status", Towns.Status())));
        answers.Add(await Record(await admin.GetAsync("/api/v1/keys")));
        answers.Add(await Record(await admin.PostAsync("/api/v1/render", null)));

        var logs = app.Logs.Entries;
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Message.Contains("Authentication failed", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leaked = logs.Where(l => l.Text.Contains(secret, StringComparison.Ordinal)).Select(l => $"[{l.Category}] {l.Text}").ToList();
            Assert.True(leaked.Count == 0, $"A secret appears in {leaked.Count} log entries:\n{string.Join("\n", leaked)}");
            Assert.DoesNotContain(answers, a => a.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Rejected_writes_are_counted_in_the_log_by_reason()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "panic" }).Problem(HttpStatusCode.BadRequest);
        await app.Client().Put($"/api/v1/towns/{slug}/status", Towns.Status()).Problem(HttpStatusCode.Unauthorized);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", "\"old\"")).Problem(HttpStatusCode.PreconditionFailed);

        var rejected = app.Logs.Entries.Where(l => l.EventId.Name == "WriteRejected" && l.Message.Contains(slug, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rejected.Count);
        Assert.Contains(rejected, l => l.Message.Contains("bad-request", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.Message.Contains("unauthorized", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.Message.Contains("precondition-failed", StringComparison.Ordinal));
        Assert.DoesNotContain(rejected, l => l.Text.Contains(key.Split('_', 3)[2], StringComparison.Ordinal));
    }

    /// <summary>Everything a client sees of one answer: URL, status, headers and body.</summary>
    private static async Task<string> Record(HttpResponseMessage response)
    {
        using (response)
        {
            return $"{response.RequestMessage?.RequestUri} {(int)response.StatusCode}\n{response.Headers}\n{response.Content.Headers}\n"
                + await response.Content.ReadAsStringAsync();
        }
    }
}
