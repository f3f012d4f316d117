namespace StatusHub.Server.Hosting;

/// <summary>Finds the checkout the server runs from (the folder holding StatusHub.sln and package.json).</summary>
public static class RepositoryRoot
{
    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "StatusHub.sln")) && File.Exists(Path.Combine(folder.FullName, "package.json")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
