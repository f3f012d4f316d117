using StatusHub.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddStatusHubServer();

var app = builder.Build();
app.MapStatusHubServer();
app.Run();

/// <summary>The local and self-hosted StatusHub server (entry point; public for WebApplicationFactory).</summary>
public partial class Program;
