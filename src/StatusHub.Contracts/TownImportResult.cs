namespace StatusHub.Contracts;

/// <summary>
/// What <c>statushub towns import --json</c> prints on stdout (docs/cli.md): the slugs of the towns the import created,
/// changed and left unchanged (the API says so with <c>X-StatusHub-Unchanged: true</c>), and the file with the new town
/// keys when <c>--keys</c> wrote one (null otherwise).
/// </summary>
public sealed record TownImportResult(
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unchanged,
    string? KeysFile);
