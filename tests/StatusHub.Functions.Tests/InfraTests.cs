using System.Diagnostics;
using System.Reflection;

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
    public async Task The_Bicep_CLI_is_the_pinned_version()
    {
        var (exitCode, output, _) = await RunBicepAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Contains($"Bicep CLI version {PinnedVersion()} ", output, StringComparison.Ordinal);
    }

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
