using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StatusHub.Core.PublisherConsole;
using StatusHub.Core.Rendering;

namespace StatusHub.Functions.Tests;

/// <summary>
/// infra/main.bicep compiles and lints clean with the Bicep CLI pinned in Directory.Packages.props
/// (package Azure.Bicep.CommandLine.linux-x64, restored like any other package).
/// </summary>
public sealed class InfraTests
{
    private static readonly string MainBicep = Path.Combine(Checkout.Root, "infra", "main.bicep");

    [Fact]
    public async Task Main_bicep_builds_without_errors_or_warnings()
    {
        var (exitCode, output, errors) = await RunBicepAsync("build", MainBicep, "--stdout");

        Assert.True(exitCode == 0, $"bicep build failed ({exitCode}):{Environment.NewLine}{errors}");
        Assert.True(errors.Trim().Length == 0, $"bicep build reported diagnostics:{Environment.NewLine}{errors}");
        Assert.Contains("\"$schema\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_bicep_lints_without_errors_or_warnings()
    {
        var (exitCode, output, errors) = await RunBicepAsync("lint", MainBicep);
        var diagnostics = (output + errors).Trim();

        Assert.True(exitCode == 0, $"bicep lint failed ({exitCode}):{Environment.NewLine}{diagnostics}");
        Assert.True(diagnostics.Length == 0, $"bicep lint reported diagnostics:{Environment.NewLine}{diagnostics}");
    }

    [Fact]
    public async Task The_template_turns_off_basic_publishing_credentials_and_requires_a_32_character_admin_key()
    {
        var (exitCode, output, errors) = await RunBicepAsync("build", MainBicep, "--stdout");
        Assert.True(exitCode == 0, errors);
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var text = template.RootElement.GetRawText();

        Assert.Equal(32, template.RootElement.GetProperty("parameters").GetProperty("adminKey").GetProperty("minLength").GetInt32());
        foreach (var name in new[] { "ftp", "scm" })
        {
            Assert.Contains($"/basicPublishingCredentialsPolicies", text, StringComparison.Ordinal);
            Assert.Contains($"'{name}')", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"allow\": true", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_Door_sends_exactly_the_headers_the_local_server_sends()
    {
        var deployment = await StatusHubDeploymentAsync();

        var compiled = deployment.GetProperty("variables").GetProperty("siteHeaders").EnumerateArray()
            .Select(h => new KeyValuePair<string, string>(h.GetProperty("name").GetString()!, h.GetProperty("value").GetString()!))
            .ToList();
        Assert.Equal([.. SiteHeaders.All, SiteHeaders.StrictTransportSecurity], compiled);

        // The console's rule: its own policy (the one its meta tag carries) plus frame-ancestors, with the API's host.
        var consoleRule = Resources(deployment, "Microsoft.Cdn/profiles/ruleSets/rules")
            .Single(r => r.GetProperty("name").GetString()!.Contains("'console'", StringComparison.Ordinal));
        Assert.Equal("publish/", consoleRule.GetProperty("properties").GetProperty("conditions")[0].GetProperty("parameters").GetProperty("matchValues")[0].GetString());
        var expression = consoleRule.GetProperty("properties").GetProperty("actions")[0].GetProperty("parameters").GetProperty("value").GetString()!;
        const string Prefix = "[format('", Suffix = "', reference(";
        Assert.StartsWith(Prefix, expression, StringComparison.Ordinal);
        var format = expression[Prefix.Length..expression.IndexOf(Suffix, StringComparison.Ordinal)].Replace("''", "'", StringComparison.Ordinal);
        const string ApiHost = "func-example.azurewebsites.net";
        var console = new ConsoleFiles(Options.Create(new ConsoleOptions { ApiBaseUrl = $"https://{ApiHost}" }));
        Assert.Equal(SiteHeaders.ConsolePolicy(console.ContentSecurityPolicy), format.Replace("{0}", ApiHost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_app_writes_blobs_only_in_the_containers_it_needs()
    {
        var deployment = await StatusHubDeploymentAsync();
        var appBlobAssignments = Resources(deployment, "Microsoft.Authorization/roleAssignments")
            .Where(r => r.GetProperty("properties").GetProperty("principalId").GetString()!.Contains("Microsoft.Web/sites", StringComparison.Ordinal))
            .Where(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("variables('roles').storageBlobData", StringComparison.Ordinal))
            .ToList();

        // Deployment package, the host's two containers, the site ($web) and the private container.
        Assert.Equal(4, appBlobAssignments.Count);
        Assert.All(appBlobAssignments, r => Assert.Contains("blobServices/containers", r.GetProperty("scope").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Blob_service_lets_any_origin_read_and_nothing_else()
    {
        var deployment = await StatusHubDeploymentAsync();
        var blobService = Resources(deployment, "Microsoft.Storage/storageAccounts/blobServices").Single();

        var rule = Assert.Single(blobService.GetProperty("properties").GetProperty("cors").GetProperty("corsRules").EnumerateArray());
        Assert.Equal(["*"], rule.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["GET", "HEAD", "OPTIONS"], rule.GetProperty("allowedMethods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task The_Bicep_CLI_is_the_pinned_version()
    {
        var (exitCode, output, _) = await RunBicepAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Contains($"Bicep CLI version {PinnedVersion()} ", output, StringComparison.Ordinal);
    }

    /// <summary>The template of the nested deployment that holds every resource (infra/statushub.bicep).</summary>
    private static async Task<JsonElement> StatusHubDeploymentAsync()
    {
        var (exitCode, output, errors) = await RunBicepAsync("build", MainBicep, "--stdout");
        Assert.True(exitCode == 0, errors);
        using var template = JsonDocument.Parse(output);
        return template.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .GetProperty("properties").GetProperty("template").Clone();
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template, string type) =>
        template.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type);

    /// <summary>The version in Directory.Packages.props, read from the package folder NuGet restored it to.</summary>
    private static string PinnedVersion() => Path.GetFileName(BicepPackageFolder().TrimEnd('/', '\\'));

    private static string BicepPackageFolder() =>
        typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepPackageFolder")?.Value
            is { Length: > 0 } folder
            ? folder
            : throw new InvalidOperationException("The build did not record where NuGet restored Azure.Bicep.CommandLine.linux-x64.");

    private static async Task<(int ExitCode, string Output, string Errors)> RunBicepAsync(params string[] arguments)
    {
        var bicep = Path.Combine(BicepPackageFolder(), "tools", "bicep");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not at {bicep}: restore the test project (it is a linux-x64 binary).");
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            // Some NuGet extractions drop the executable bit of package tools.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Checkout.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bicep}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
