using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Cli.Tests.Infrastructure;

namespace StatusHub.Cli.Tests;

/// <summary>The client against the real server on a real port: every command, every exit code, and the published site.</summary>
[Collection(CliServerCollection.Name)]
public sealed class CliEndToEndTests(CliServer server)
{
    private Dictionary<string, string?> Env(string? key, string? town = null) => new()
    {
        ["STATUSHUB_URL"] = server.Origin,
        ["STATUSHUB_KEY"] = key,
        ["STATUSHUB_TOWN"] = town,
    };

    private async Task<JsonNode> TownDocument(string town) => await server.Client().GetAsync($"/api/v1/towns/{town}").Ok();

    [Fact]
    public async Task Status_set_changes_the_town_from_the_API_to_the_published_status_json()
    {
        var (town, key) = await server.CreateTownAsync();

        var set = await CliRunner.RunAsync(Env(key),
            "status", "set", "--town", town, "--level", "emergency",
            "--headline", "Cyberangriff: Verwaltung im Notbetrieb", "--headline-en", "Cyberattack: emergency operation",
            "--summary", "Seit 17. November sind die Systeme abgeschaltet.",
            "--as-of", "2023-11-20T08:00:00+01:00", "--more-info", "https://www.moessingen.de/cyberangriff");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal(1, set.Requests);
        Assert.StartsWith($"{town}: level emergency, ETag \"", set.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal("", set.Error);

        var get = await CliRunner.RunAsync(Env(key: null, town), "status", "get");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains($"{town}: level emergency, \"Cyberangriff: Verwaltung im Notbetrieb\", as of 2023-11-20T07:00:00Z", get.Out, StringComparison.Ordinal);

        var document = await TownDocument(town);
        Assert.Equal("emergency", document["level"]!.GetValue<string>());
        Assert.Equal("Cyberattack: emergency operation", document["headline"]!["en"]!.GetValue<string>());
        Assert.Equal("https://www.moessingen.de/cyberangriff", document["moreInfoUrl"]!.GetValue<string>());

        await server.RenderAsync();
        var published = await server.Client().GetAsync($"/{town}/status.json").Ok();
        Assert.Equal("emergency", published["level"]!.GetValue<string>());
        Assert.Equal("Cyberangriff: Verwaltung im Notbetrieb", published["headline"]!["de"]!.GetValue<string>());
        Assert.Equal("Seit 17. November sind die Systeme abgeschaltet.", published["summary"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_prints_the_raw_response_and_quiet_prints_nothing()
    {
        var (town, key) = await server.CreateTownAsync();

        var json = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "disrupted", "--headline", "Telefon gestört", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var body = JsonNode.Parse(json.Out)!;
        Assert.Equal("disrupted", body["level"]!.GetValue<string>());
        Assert.Equal("Telefon gestört", body["headline"]!["de"]!.GetValue<string>());

        var quiet = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "normal", "--headline", "Alles normal", "--quiet");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Equal("", quiet.Out);
        Assert.Equal("normal", (await TownDocument(town))["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Service_set_publishes_the_state_and_note()
    {
        var (town, key) = await server.CreateTownAsync();

        var run = await CliRunner.RunAsync(Env(key, town),
            "service", "set", "email", "unavailable", "--note", "Nicht per E-Mail erreichbar.", "--note-en", "No e-mail.");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"{town}: service email unavailable, ETag ", run.Out.Trim(), StringComparison.Ordinal);
        var email = (await TownDocument(town))["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!;
        Assert.Equal("unavailable", email["state"]!.GetValue<string>());
        Assert.Equal("Nicht per E-Mail erreichbar.", email["note"]!["de"]!.GetValue<string>());
        Assert.Equal("No e-mail.", email["note"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Qa_push_publishes_a_JSON_file_and_a_Markdown_file()
    {
        var (town, key) = await server.CreateTownAsync();
        var folder = Directory.CreateTempSubdirectory("statushub-cli-qa-");
        try
        {
            var jsonFile = Path.Combine(folder.FullName, "qa.json");
            await File.WriteAllTextAsync(jsonFile, """
                { "items": [
                  { "id": "email", "question": { "de": "Kann ich eine E-Mail schicken?" }, "answer": { "de": "Nein, bitte rufen Sie an." } },
                  { "id": "pass", "question": { "de": "Bekomme ich einen Pass?" }, "answer": { "de": "Ja, im **Bürgerbüro**." } } ] }
                """);
            var json = await CliRunner.RunAsync(Env(key, town), "qa", "push", jsonFile);
            Assert.True(json.ExitCode == 0, json.ToString());
            Assert.StartsWith($"{town}: 2 questions published, ETag ", json.Out.Trim(), StringComparison.Ordinal);
            var qa = (await TownDocument(town))["qa"]!.AsArray();
            Assert.Equal(["email", "pass"], qa.Select(q => q!["id"]!.GetValue<string>()));

            var markdownFile = Path.Combine(folder.FullName, "qa.md");
            await File.WriteAllTextAsync(markdownFile, """
                # Fragen und Antworten

                ## Ist das Rathaus geöffnet? {#rathaus}
                Ja, von 8 bis 12 Uhr.

                Termine nur telefonisch.

                ## Kann ich online zahlen?
                Nein.
                """);
            var markdown = await CliRunner.RunAsync(Env(key, town), "qa", "push", markdownFile);
            Assert.True(markdown.ExitCode == 0, markdown.ToString());
            qa = (await TownDocument(town))["qa"]!.AsArray();
            Assert.Equal(["rathaus", "q2"], qa.Select(q => q!["id"]!.GetValue<string>()));
            Assert.Equal("Ist das Rathaus geöffnet?", qa[0]!["question"]!["de"]!.GetValue<string>());
            Assert.Equal("Ja, von 8 bis 12 Uhr.\n\nTermine nur telefonisch.", qa[0]!["answer"]!["de"]!.GetValue<string>());

            var broken = Path.Combine(folder.FullName, "broken.json");
            await File.WriteAllTextAsync(broken, "{ \"items\": [ ");
            var bad = await CliRunner.RunAsync(Env(key, town), "qa", "push", broken);
            Assert.True(bad.ExitCode == 2, bad.ToString());
            Assert.Equal(0, bad.Requests);
            Assert.Contains("is not valid JSON", bad.Error, StringComparison.Ordinal);

            var missing = await CliRunner.RunAsync(Env(key, town), "qa", "push", Path.Combine(folder.FullName, "nope.json"));
            Assert.True(missing.ExitCode == 2, missing.ToString());
            Assert.Equal(0, missing.Requests);
            Assert.Equal(2, (await TownDocument(town))["qa"]!.AsArray().Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Update_add_with_the_same_idempotency_key_adds_one_update()
    {
        var (town, key) = await server.CreateTownAsync();
        string[] args = ["update", "add", "--text", "Bürgerbüro ab Montag wieder geöffnet.", "--idempotency-key", "script-run-42"];

        var first = await CliRunner.RunAsync(Env(key, town), args);
        var retry = await CliRunner.RunAsync(Env(key, town), args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("(Idempotency-Key script-run-42)", first.Out, StringComparison.Ordinal);
        Assert.Equal(first.Out, retry.Out);
        var updates = (await TownDocument(town))["updates"]!.AsArray();
        Assert.Single(updates);
        Assert.Equal("Bürgerbüro ab Montag wieder geöffnet.", updates[0]!["text"]!["de"]!.GetValue<string>());

        // Without --idempotency-key every run gets its own, printed key: a second, different update.
        var generated = await CliRunner.RunAsync(Env(key, town), "update", "add", "--text", "Zweite Meldung");
        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Matches(@"\(Idempotency-Key [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)", generated.Out);
        Assert.Equal(2, (await TownDocument(town))["updates"]!.AsArray().Count);

        // Same key, other text: the API refuses (422), nothing added.
        var reused = await CliRunner.RunAsync(Env(key, town), "update", "add", "--text", "Andere Meldung", "--idempotency-key", "script-run-42");
        Assert.True(reused.ExitCode == 3, reused.ToString());
        Assert.Contains("error: 422 ", reused.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await TownDocument(town))["updates"]!.AsArray().Count);
    }

    [Fact]
    public async Task Aid_offer_appears_for_the_town_that_needs_the_service()
    {
        var region = Towns.NewSlug("region");
        var (needing, needingKey) = await server.CreateTownAsync(region);
        var (provider, providerKey) = await server.CreateTownAsync(region, neighbours: [needing]);

        var service = await CliRunner.RunAsync(Env(needingKey, needing), "service", "set", "vehicle-registration", "unavailable");
        Assert.True(service.ExitCode == 0, service.ToString());

        var offer = await CliRunner.RunAsync(Env(providerKey, provider),
            "aid", "offer", "--service", "vehicle-registration", "--for", needing,
            "--note", "Kfz-Zulassung im Bürgerbüro, Termin nötig.", "--valid-until", "2099-12-31T23:59:59+01:00");

        Assert.True(offer.ExitCode == 0, offer.ToString());
        Assert.StartsWith($"{provider}: aid offer vehicle-registration (vehicle-registration) for {needing}, ETag ", offer.Out.Trim(), StringComparison.Ordinal);

        // Not accepted yet: the offer helps nobody. The town that needs it accepts it with its own key.
        Assert.Empty((await TownDocument(needing))["aid"]!.AsArray());
        var accept = await CliRunner.RunAsync(Env(needingKey, needing), "aid", "accept", provider, "vehicle-registration");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        Assert.StartsWith($"{needing}: accepted offer vehicle-registration of {provider}, ETag ", accept.Out.Trim(), StringComparison.Ordinal);
        var aid = (await TownDocument(needing))["aid"]!.AsArray().Single()!;
        Assert.Equal("vehicle-registration", aid["service"]!.GetValue<string>());
        Assert.Equal(provider, aid["provider"]!["slug"]!.GetValue<string>());
        Assert.Equal("Kfz-Zulassung im Bürgerbüro, Termin nötig.", aid["note"]!["de"]!.GetValue<string>());

        // The provider cannot accept for the town that needs it: 403 -> exit 3.
        var foreignAccept = await CliRunner.RunAsync(Env(providerKey, needing), "aid", "withdraw", provider, "vehicle-registration");
        Assert.True(foreignAccept.ExitCode == 3, foreignAccept.ToString());

        // A town key writes only its own town: offering in the name of the other town is 403 -> exit 3.
        var foreign = await CliRunner.RunAsync(Env(providerKey, needing), "aid", "offer", "--service", "email", "--note", "x");
        Assert.True(foreign.ExitCode == 3, foreign.ToString());
        Assert.Contains("error: 403 ", foreign.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_level_exits_3_with_the_APIs_field_message_and_leaves_the_status_intact()
    {
        var (town, key) = await server.CreateTownAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "emergency", "--headline", "Notbetrieb")).ExitCode);

        var run = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "panic", "--headline", "Panik");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(1, run.Requests);
        Assert.Equal("", run.Out);
        Assert.Contains("error: 400 Invalid request: One or more fields are invalid; see errors.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  level: Required: one of normal, disrupted, emergency, offline.", run.Error, StringComparison.Ordinal);
        Assert.Equal("emergency", (await TownDocument(town))["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_key_exits_2_without_any_request()
    {
        var (town, _) = await server.CreateTownAsync();

        var run = await CliRunner.RunAsync(Env(key: null, town), "status", "set", "--level", "offline", "--headline", "Offline");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(0, run.Requests);
        Assert.Contains("STATUSHUB_KEY is not set", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2_without_any_request()
    {
        var (town, key) = await server.CreateTownAsync();

        var noLevel = await CliRunner.RunAsync(Env(key, town), "status", "set", "--headline", "x");
        var noTown = await CliRunner.RunAsync(Env(key), "status", "get");
        var badTown = await CliRunner.RunAsync(Env(key), "status", "get", "--town", "../keys");
        var key2 = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "normal", "--key", key);

        foreach (var run in new[] { noLevel, noTown, badTown, key2 })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal(0, run.Requests);
        }

        Assert.Contains("--level", noLevel.Error, StringComparison.Ordinal);
        Assert.Contains("STATUSHUB_TOWN", noTown.Error, StringComparison.Ordinal);
        Assert.Contains("never a command-line argument", key2.Error, StringComparison.Ordinal);

        // A key typed as an argument by mistake is not echoed in the parse error either (no STATUSHUB_KEY set here).
        const string typed = "shk_typed-by-mistake-0123456789";
        var typedKey = await CliRunner.RunAsync(Env(key: null, town), "status", "set", "--level", "normal", "--api-key=" + typed);
        Assert.True(typedKey.ExitCode == 2, typedKey.ToString());
        Assert.DoesNotContain(typed, typedKey.Out + typedKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_exits_3_and_never_prints_the_key()
    {
        var (town, _) = await server.CreateTownAsync();
        const string wrongKey = "shk_wrong-secret-key-0123456789abcdef";

        var run = await CliRunner.RunAsync(Env(wrongKey, town), "status", "set", "--level", "offline", "--headline", "Offline", "--json");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error: 401 ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Check STATUSHUB_KEY", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_if_match_exits_4_and_a_current_one_writes()
    {
        var (town, key) = await server.CreateTownAsync();
        var get = await CliRunner.RunAsync(Env(key, town), "status", "get");
        var etag = EtagOf(get.Out);
        var etagOnly = await CliRunner.RunAsync(Env(key, town), "status", "get", "--etag");
        Assert.Equal(etag + Environment.NewLine, etagOnly.Out);

        var current = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "disrupted", "--headline", "Gestört", "--if-match", etag);
        Assert.True(current.ExitCode == 0, current.ToString());

        var stale = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "offline", "--headline", "Offline", "--if-match", etag);
        Assert.True(stale.ExitCode == 4, stale.ToString());
        Assert.Contains("error: 412 ", stale.Error, StringComparison.Ordinal);
        Assert.Contains("Someone else changed this; run `statushub status get` and retry", stale.Error, StringComparison.Ordinal);
        Assert.Equal("disrupted", (await TownDocument(town))["level"]!.GetValue<string>());

        var fresh = EtagOf(current.Out);
        var retried = await CliRunner.RunAsync(Env(key, town), "status", "set", "--level", "offline", "--headline", "Offline", "--if-match", fresh);
        Assert.True(retried.ExitCode == 0, retried.ToString());
    }

    [Fact]
    public async Task An_unreachable_server_exits_6()
    {
        // A port that was just free: nothing listens there, the connection is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var variables = new Dictionary<string, string?> { ["STATUSHUB_URL"] = $"http://127.0.0.1:{port}", ["STATUSHUB_KEY"] = "some-key", ["STATUSHUB_TOWN"] = "moessingen" };

        var run = await CliRunner.RunAsync(variables, "update", "add", "--text", "Hallo");

        Assert.True(run.ExitCode == 6, run.ToString());
        Assert.Contains($"error: cannot reach http://127.0.0.1:{port}/", run.Error, StringComparison.Ordinal);
        Assert.Contains("retry with --idempotency-key ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_request_in_flight_exits_130()
    {
        // A server that accepts the connection and never answers; the run is cancelled once the connection is there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource();
        var accepted = AcceptThenCancelAsync(listener, cancel);
        var variables = new Dictionary<string, string?> { ["STATUSHUB_URL"] = $"http://127.0.0.1:{port}", ["STATUSHUB_KEY"] = "some-key", ["STATUSHUB_TOWN"] = "moessingen" };

        var run = await CliRunner.RunAsync(variables, cancel.Token, "status", "set", "--level", "normal", "--headline", "x");

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("interrupted: the request may or may not have reached the server.", run.Error, StringComparison.Ordinal);
        (await accepted).Dispose();
    }

    private static async Task<TcpClient> AcceptThenCancelAsync(TcpListener listener, CancellationTokenSource cancel)
    {
        var connection = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await cancel.CancelAsync();
        return connection;
    }

    [Fact]
    public async Task The_built_statushub_executable_sets_the_status_as_a_real_process()
    {
        var (town, key) = await server.CreateTownAsync();

        var set = await CliRunner.RunProcessAsync(Env(key, town), "status", "set", "--level", "emergency", "--headline", "Notbetrieb im Rathaus");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.StartsWith($"{town}: level emergency, ETag \"", set.Out.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, set.Out + set.Error, StringComparison.Ordinal);
        Assert.Equal("emergency", (await TownDocument(town))["level"]!.GetValue<string>());

        var rejected = await CliRunner.RunProcessAsync(Env(key, town), "status", "set", "--level", "panic", "--headline", "x");
        Assert.True(rejected.ExitCode == 3, rejected.ToString());
        Assert.Contains("level: Required: one of normal, disrupted, emergency, offline.", rejected.Error, StringComparison.Ordinal);

        var noKey = await CliRunner.RunProcessAsync(Env(key: null, town), "status", "set", "--level", "normal", "--headline", "x");
        Assert.True(noKey.ExitCode == 2, noKey.ToString());
        Assert.Equal("emergency", (await TownDocument(town))["level"]!.GetValue<string>());
    }

    private static string EtagOf(string output)
    {
        var at = output.IndexOf("ETag ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No ETag in: {output}");
        return output[(at + "ETag ".Length)..].Trim();
    }
}
