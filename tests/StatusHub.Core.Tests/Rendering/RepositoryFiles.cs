namespace StatusHub.Core.Tests.Rendering;

/// <summary>Files of the repository the renderer tests read: demo towns and the Nu HTML Checker.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string DemoTown(string slug) => Path.Combine(Root, "samples", "demo", "towns", slug + ".json");

    public static string VnuJar => Path.Combine(Root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StatusHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No StatusHub.sln above {AppContext.BaseDirectory}.");
    }
}
