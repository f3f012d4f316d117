using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StatusHub.Core.Rendering;

namespace StatusHub.Api;

/// <summary>
/// Stops either host's start when <c>StatusHub:SiteBaseUrl</c> is malformed, or unset in Production: every absolute
/// URL the hub publishes (canonical links, Atom ids, CAP <c>web</c>, JSON-LD, Statuspage <c>page.url</c>) comes from it,
/// and a deployed hub must not publish another host's address.
/// </summary>
public sealed class SiteBaseUrlValidation(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<RenderOptions>
{
    public ValidateOptionsResult Validate(string? name, RenderOptions options) =>
        RenderOptions.SiteBaseUrlProblem(configuration[RenderOptions.SiteBaseUrlKey], environment.IsProduction()) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
