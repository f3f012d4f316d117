using System.Net;
using System.Text;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Cli.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Cli.Tests;

/// <summary><c>statushub towns import</c> against the real server: the 70-town sample, twice, bad files and the keys file.</summary>
[Collection(CliServerCollection.Name)]
public sealed class CliTownImportTests(CliServer server) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("statushub-cli-import-");

    public void Dispose() => _folder.Delete(recursive: true);

    private Dictionary<string, string?> Env(string? key) => new()
    {
        ["STATUSHUB_URL"] = server.Origin,
        ["STATUSHUB_KEY"] = key,
    };

    private static string SampleCsv => Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "samples", "suedwestfalen", "towns.csv");

    private async Task<string?> ETagOf(string town)
    {
        using var response = await server.Client().GetAsync($"/api/v1/towns/{town}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : response.ETag();
    }

    [Fact]
    public async Task The_sample_is_imported_with_a_key_per_town_and_a_second_run_changes_nothing()
    {
        var slugs = File.ReadAllLines(SampleCsv).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(70, slugs.Count);
        var keysFile = Path.Combine(_folder.FullName, "keys.csv");

        var first = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", SampleCsv, "--keys", keysFile);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(140, first.Requests);
        var lines = first.Out.TrimEnd().Split('\n');
        Assert.Equal(71, lines.Length);
        foreach (var (slug, line) in slugs.Zip(lines))
        {
            Assert.StartsWith($"{slug}: created, key ", line, StringComparison.Ordinal);
        }

        Assert.Equal($"{SampleCsv}: 70 of 70 towns: 70 created, 0 changed, 0 unchanged. 70 new town keys in {keysFile} (owner-only; hand each town its own, then delete the file).", lines[^1]);
        Assert.Contains("import: 10 of 70 towns", first.Error, StringComparison.Ordinal);

        // The keys file: owner-only from creation, one key per created town, none printed.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keysFile));
        }

        var keys = File.ReadAllLines(keysFile);
        Assert.Equal("town,keyId,key", keys[0]);
        var rows = keys.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(slugs, rows.Select(r => r[0]));
        Assert.Equal(70, rows.Select(r => r[2]).Distinct().Count());
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row[2], first.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(row[2], first.Error, StringComparison.Ordinal);
        }

        var document = await server.Client().GetAsync("/api/v1/towns/bad-berleburg").Ok();
        Assert.Equal("Bad Berleburg", document["town"]!["name"]!.GetValue<string>());
        Assert.Equal("nrw-suedwestfalen", document["town"]!["region"]!.GetValue<string>());
        var etags = new Dictionary<string, string?>();
        foreach (var slug in slugs)
        {
            etags[slug] = await ETagOf(slug);
        }

        // Second run: every town unchanged, nothing written (ETags and audit as before), no keys file.
        var secondKeys = Path.Combine(_folder.FullName, "keys-2.csv");
        var second = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", SampleCsv, "--keys", secondKeys);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(70, second.Requests);
        lines = second.Out.TrimEnd().Split('\n');
        Assert.Equal(slugs.Select(s => $"{s}: unchanged"), lines[..^1]);
        Assert.Equal($"{SampleCsv}: 70 of 70 towns: 0 created, 0 changed, 70 unchanged; nothing was written. No town was created, so no keys; {secondKeys} was not written.", lines[^1]);
        Assert.False(File.Exists(secondKeys));
        foreach (var slug in slugs)
        {
            Assert.Equal(etags[slug], await ETagOf(slug));
        }

        var audit = await server.Client(StatusHubApp.AdminKey).GetAsync("/api/v1/towns/siegen/audit").Ok();
        Assert.Equal(["town.create"], audit["items"]!.AsArray().Select(i => i!["operation"]!.GetValue<string>()));

        // Every key of the file is a working key of its town (its audit is readable only with that town's key or admin).
        foreach (var row in rows)
        {
            await server.Client(row[2]).GetAsync($"/api/v1/towns/{row[0]}/audit").Ok();
        }

        // A key of the file works for its town (and for its town only).
        var (town, key) = (rows[5][0], rows[5][2]);
        var publish = await CliRunner.RunAsync(Env(key), "status", "set", "--town", town, "--level", "disrupted", "--headline", "Telefonanlage gestört");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Equal("disrupted", (await server.Client().GetAsync($"/api/v1/towns/{town}").Ok())["level"]!.GetValue<string>());
        var other = await CliRunner.RunAsync(Env(key), "status", "set", "--town", rows[6][0], "--level", "offline", "--headline", "Fremd");
        Assert.True(other.ExitCode == 3, other.ToString());

        // One changed row: that town is changed, the others unchanged.
        var edited = Path.Combine(_folder.FullName, "edited.csv");
        await File.WriteAllTextAsync(edited, File.ReadAllText(SampleCsv).Replace("Bad Berleburg", "Bad Berleburg (Wittgenstein)", StringComparison.Ordinal));
        var third = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", edited);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("bad-berleburg: changed\n", third.Out, StringComparison.Ordinal);
        Assert.EndsWith("70 of 70 towns: 0 created, 1 changed, 69 unchanged.\n", third.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_errors_in_several_rows_reports_each_and_writes_nothing()
    {
        var good = Towns.NewSlug("imp");
        var csv = Path.Combine(_folder.FullName, "towns.csv");
        await File.WriteAllTextAsync(csv, string.Join("\r\n",
            "slug,name,region,ags,phone,website,lat,lon,neighbours",
            $"{good},\"Gut, Stadt\",imp-region,05970004,+49 221 4710 300,https://gut.example,50.1,8.2,",
            "Bad_Slug,Irgendwo,imp-region,,,,,,",
            $"{good},Doppelt,imp-region,123,,ftp://x.example,91,8.2,",
            "ohne-name,,,,,,50.1,,nirgendwo-ort",
            "\"mehr-zeilen\",\"Zwei",
            "Zeilen\",imp-region,,+49 (0) abc,,,,") + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", csv, "--keys", Path.Combine(_folder.FullName, "k.csv"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Equal(1, run.Requests);   // GET /api/v1/towns, for the neighbour that is not in the file
        foreach (var expected in new[]
        {
            $"{csv}:3:slug: Not a slug",
            $"{csv}:4:slug: '{good}' is already the town of line 2.",
            $"{csv}:4:ags: The Amtlicher Gemeindeschlüssel has exactly 8 digits.",
            $"{csv}:4:website: Must be an absolute https:// or http:// URL",
            $"{csv}:4:lat: Latitude between -90 and 90 is required.",
            $"{csv}:5:name: Required",
            $"{csv}:5:region: Required.",
            $"{csv}:5:lon: Required when lat is given (both or neither).",
            $"{csv}:5:neighbours: 'nirgendwo-ort' is neither a town of this file nor of the hub.",
            $"{csv}:6:phone: Digits, spaces and + ( ) / - only",
        })
        {
            Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"{csv}:2:", run.Error, StringComparison.Ordinal);
        Assert.Contains($"in 4 lines of {csv}; nothing was written.", run.Error, StringComparison.Ordinal);
        Assert.Null(await ETagOf(good));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "k.csv")));
    }

    [Fact]
    public async Task An_existing_keys_file_is_refused_before_anything_is_written()
    {
        var slug = Towns.NewSlug("imp");
        var csv = Path.Combine(_folder.FullName, "towns.csv");
        await File.WriteAllTextAsync(csv, $"slug,name,region\n{slug},Neustadt,imp-region\n");
        var keysFile = Path.Combine(_folder.FullName, "keys.csv");
        await File.WriteAllTextAsync(keysFile, "alte Schlüssel\n");

        var run = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", csv, "--keys", keysFile);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(0, run.Requests);
        Assert.Contains($"{keysFile} exists", run.Error, StringComparison.Ordinal);
        Assert.Equal("alte Schlüssel\n", await File.ReadAllTextAsync(keysFile));
        Assert.Null(await ETagOf(slug));

        // --dry-run validates (a neighbour of the hub is fine) and writes nothing either; then the real run creates the town.
        var (hubTown, _) = await server.CreateTownAsync();
        await File.WriteAllTextAsync(csv, $"slug,name,region,neighbours\n{slug},Neustadt,imp-region,{hubTown}\n");
        var dry = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", csv, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(1, dry.Requests);
        Assert.Equal($"{csv}: 1 towns valid; dry run, nothing was written.\n", dry.Out);
        Assert.Null(await ETagOf(slug));

        var real = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "towns", "import", csv);
        Assert.True(real.ExitCode == 0, real.ToString());
        Assert.StartsWith($"{slug}: created\n", real.Out, StringComparison.Ordinal);
        Assert.NotNull(await ETagOf(slug));
    }

    [Fact]
    public async Task Import_needs_an_admin_key_and_says_so_for_a_town_key()
    {
        var (_, townKey) = await server.CreateTownAsync();
        var slug = Towns.NewSlug("imp");
        var csv = Path.Combine(_folder.FullName, "towns.csv");
        await File.WriteAllTextAsync(csv, $"slug,name,region\n{slug},Neustadt,imp-region\n");

        var run = await CliRunner.RunAsync(Env(townKey), "towns", "import", csv);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error: 403", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:2: town '{slug}' not written", run.Error, StringComparison.Ordinal);
        Assert.Null(await ETagOf(slug));

        var noKey = await CliRunner.RunAsync(Env(null), "towns", "import", csv);
        Assert.True(noKey.ExitCode == 2, noKey.ToString());
        Assert.Equal(0, noKey.Requests);
    }
}

/// <summary><c>statushub incident set|update</c> against the real server: members from --towns and from a towns.csv.</summary>
[Collection(CliServerCollection.Name)]
public sealed class CliIncidentTests(CliServer server) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("statushub-cli-incident-");

    public void Dispose() => _folder.Delete(recursive: true);

    private Dictionary<string, string?> Env(string? key) => new()
    {
        ["STATUSHUB_URL"] = server.Origin,
        ["STATUSHUB_KEY"] = key,
    };

    [Fact]
    public async Task Set_then_update_reaches_every_member_town_and_a_retry_adds_no_second_update()
    {
        var (a, _) = await server.CreateTownAsync();
        var (b, _) = await server.CreateTownAsync();
        var (c, townKey) = await server.CreateTownAsync();
        var id = Towns.NewSlug("vorfall");

        var set = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "set", id,
            "--title-de", "Cyberangriff auf den IT-Dienstleister", "--summary-de", "Die Fachverfahren sind abgeschaltet.",
            "--towns", $"{a},{b}", "--towns", c, "--started-at", "2023-10-30T06:00:00+01:00", "--more-info-url", "https://www.example.org/vorfall");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.StartsWith($"{id}: incident with 3 towns, open, ETag ", set.Out, StringComparison.Ordinal);

        var update = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "update", id,
            "--text-de", "Kfz-Zulassung über den Nachbarkreis.", "--idempotency-key", "tag-1");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("(Idempotency-Key tag-1)", update.Out, StringComparison.Ordinal);
        var again = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "update", id,
            "--text-de", "Kfz-Zulassung über den Nachbarkreis.", "--idempotency-key", "tag-1");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(update.Out.Split(',')[0], again.Out.Split(',')[0]);

        var incident = await server.Client().GetAsync($"/api/v1/incidents/{id}").Ok();
        Assert.Equal(new[] { a, b, c }.Order(StringComparer.Ordinal), incident["towns"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Single(incident["updates"]!.AsArray());
        foreach (var town in new[] { a, b, c })
        {
            var document = await server.Client().GetAsync($"/api/v1/towns/{town}").Ok();
            var shown = Assert.Single(document["incidents"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id)!;
            Assert.Equal("Kfz-Zulassung über den Nachbarkreis.", shown["updates"]![0]!["text"]!["de"]!.GetValue<string>());
        }

        // A town key writes no incident; a missing title is the API's field error.
        var refused = await CliRunner.RunAsync(Env(townKey), "incident", "update", id, "--text-de", "Fremd");
        Assert.True(refused.ExitCode == 3, refused.ToString());
        var invalid = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "set", id, "--towns", a, "--started-at", "2023-10-30T06:00:00+01:00");
        Assert.True(invalid.ExitCode == 3, invalid.ToString());
        Assert.Contains("  title: ", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Towns_file_takes_the_slug_column_and_a_bad_file_sends_nothing()
    {
        var (a, _) = await server.CreateTownAsync();
        var (b, _) = await server.CreateTownAsync();
        var csv = Path.Combine(_folder.FullName, "towns.csv");
        await File.WriteAllTextAsync(csv, $"slug,name,region\n{a},A-Stadt,x\n{b},\"B, Stadt\",x\n{a},A-Stadt,x\n");
        var id = Towns.NewSlug("vorfall");

        var set = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "set", id,
            "--title-de", "Ausfall", "--summary-de", "Behoben.", "--towns-file", csv, "--started-at", "2023-10-30T06:00:00+01:00", "--resolved-at", "2023-12-20T12:00:00+01:00");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.StartsWith($"{id}: incident with 2 towns, resolved 2023-12-20T11:00:00Z", set.Out, StringComparison.Ordinal);

        await File.WriteAllTextAsync(csv, $"slug,name\n{a},A\nNICHT_OK,B\n");
        var bad = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "set", id, "--title-de", "Ausfall", "--towns-file", csv, "--started-at", "2023-10-30T06:00:00+01:00");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Equal(0, bad.Requests);
        Assert.Contains($"{csv}:3:slug: Not a slug.", bad.Error, StringComparison.Ordinal);
        var both = await CliRunner.RunAsync(Env(StatusHubApp.AdminKey), "incident", "set", id, "--title-de", "Ausfall", "--towns", a, "--towns-file", csv);
        Assert.True(both.ExitCode == 2, both.ToString());
        Assert.Equal(0, both.Requests);
    }
}
