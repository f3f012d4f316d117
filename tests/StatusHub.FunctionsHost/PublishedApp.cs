using System.Diagnostics;

namespace StatusHub.FunctionsHost;

/// <summary>
/// The published Functions app the test host runs: <c>dotnet publish src/StatusHub.Functions --no-build</c> into
/// <c>artifacts/functions-app</c>, redone whenever an assembly of the build output is newer than the last publish. The test
/// command publishes before the tests run; this makes a lone <c>dotnet test</c> after a build work too. Test
/// processes that run at once take turns through a lock file.
/// </summary>
public static class PublishedApp
{
    public const string Folder = "artifacts/functions-app";

    public static async Task<string> EnsureAsync(string repositoryRoot, string configuration, CancellationToken cancellationToken = default)
    {
        var project = Path.Combine(repositoryRoot, "src", "StatusHub.Functions");
        var built = Path.Combine(project, "bin", configuration, "net10.0", "StatusHub.Functions.dll");
        if (!File.Exists(built))
        {
            throw new InvalidOperationException($"The Functions app is not built ({built} is missing): build StatusHub.sln in {configuration} first.");
        }

        var output = Path.Combine(repositoryRoot, Folder);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await using var turn = await TakeTurnAsync(output + ".lock", cancellationToken);
        // Any assembly of the build (StatusHub.Core and .Api change without the Functions assembly changing) newer than
        // the last publish means publishing again.
        var stamp = Path.Combine(output, ".published");
        var newestBuilt = Directory.EnumerateFiles(Path.GetDirectoryName(built)!, "*.dll").Max(File.GetLastWriteTimeUtc);
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= newestBuilt)
        {
            return output;
        }

        // A clean folder: dotnet publish never removes what an earlier publish left (such as a dropped runtime folder).
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "--configuration", configuration, "--no-build", "--output", output, "-tl:off", "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the Functions app failed ({process.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }

        await File.WriteAllTextAsync(stamp, $"published from {built}{Environment.NewLine}", cancellationToken);
        return output;
    }

    private static async Task<FileStream> TakeTurnAsync(string lockFile, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
