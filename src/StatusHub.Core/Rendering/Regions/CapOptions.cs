using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StatusHub.Core.Rendering.Regions;

/// <summary>Settings of the hub's CAP alerts (<c>StatusHub:Cap</c>), checked at start (docs/cap.md says where each goes).</summary>
public sealed partial class CapOptions
{
    public const string Section = "StatusHub:Cap";

    /// <summary>The BBK event code NINA shows for a warning without a more specific one (its "Gefahreninformation" symbol).</summary>
    public const string DefaultEventCode = "BBK-EVC-001";

    /// <summary>
    /// CAP <c>sender</c>: who operates this hub, unique and stable, e.g. <c>lagezentrum@kreis-tuebingen.de</c>; unset:
    /// <c>statushub@</c> and the host of <c>StatusHub:SiteBaseUrl</c>. CAP 1.2 forbids spaces, commas, '&lt;' and '&amp;' in it.
    /// </summary>
    public string? Sender { get; set; }

    /// <summary>The operator's full name for NINA's <c>sender_langname</c> parameter, e.g. "Landratsamt Tübingen"; unset: the town's name.</summary>
    public string? SenderName { get; set; }

    /// <summary>The BBK event code (<c>profile:DE-BBK-EVENTCODE</c>) of every alert.</summary>
    public string EventCode { get; set; } = DefaultEventCode;

    [GeneratedRegex(@"^[^\s,<&]{1,255}\z", RegexOptions.CultureInvariant)]
    internal static partial Regex SenderPattern();

    [GeneratedRegex(@"^BBK-EVC-[0-9]{3}\z", RegexOptions.CultureInvariant)]
    internal static partial Regex EventCodePattern();
}

/// <summary>Stops the start with a message when a CAP setting could not go into a valid CAP 1.2 alert.</summary>
public sealed class CapOptionsValidation : IValidateOptions<CapOptions>
{
    public ValidateOptionsResult Validate(string? name, CapOptions options)
    {
        var failures = new List<string>();
        if (options.Sender is { } sender && !CapOptions.SenderPattern().IsMatch(sender))
        {
            failures.Add($"{CapOptions.Section}:Sender must be 1–255 characters without spaces, commas, '<' or '&' (CAP 1.2 sender), e.g. 'lagezentrum@kreis-tuebingen.de'.");
        }

        if (options.SenderName is { } senderName && (senderName.Trim().Length is 0 or > 200 || senderName.Any(char.IsControl)))
        {
            failures.Add($"{CapOptions.Section}:SenderName must be 1–200 characters of plain text on one line.");
        }

        if (!CapOptions.EventCodePattern().IsMatch(options.EventCode ?? ""))
        {
            failures.Add($"{CapOptions.Section}:EventCode must be a BBK event code such as '{CapOptions.DefaultEventCode}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
