namespace StatusHub.Core.PublisherConsole;

/// <summary>Settings of the publisher console (<c>StatusHub:Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "StatusHub:Console";

    /// <summary>
    /// Absolute base URL of the API the console calls (the Functions app, e.g. <c>https://func-statushub.azurewebsites.net</c>);
    /// empty: the console's own origin (the local server serves both).
    /// </summary>
    public string? ApiBaseUrl { get; set; }
}
