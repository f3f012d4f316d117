return await StatusHub.Cli.StatusHubCli.RunAsync(args, StatusHub.Cli.CliEnvironment.FromProcess());
