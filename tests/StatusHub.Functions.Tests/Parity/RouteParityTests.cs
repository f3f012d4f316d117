using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StatusHub.Api;
using StatusHub.Core.Rendering;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Functions.Tests.Parity;

/// <summary>
/// The Functions app as its real build describes it (<c>functions.metadata</c>, what the host indexes) against the
/// server: the same routes and methods, anonymous HTTP triggers, the timers on the same settings; and, read from the
/// source, each function a one-line call into the same handler.
/// </summary>
public sealed partial class RouteParityTests(ServerRoutes server) : IClassFixture<ServerRoutes>
{
    /// <summary>The setting the server's scheduler reads the render schedule from (bound to <see cref="RenderOptions"/>).</summary>
    public static readonly string RenderScheduleSetting = $"{RenderOptions.Section}:{nameof(RenderOptions.Schedule)}";

    /// <summary>The setting of the delivery timer (bound to <see cref="DeliveryOptions"/>).</summary>
    public static readonly string DeliveryScheduleSetting = $"{DeliveryOptions.Section}:{nameof(DeliveryOptions.Schedule)}";

    private const string HandlerNamespace = "StatusHub.Api.Endpoints";

    private static readonly IReadOnlyList<SourceFile> Sources = Checkout.FunctionsSources();

    private static readonly IReadOnlyList<FunctionMetadata> Built = FunctionsMetadata.Read();

    private static readonly Assembly ApiAssembly = typeof(StatusHubApi).Assembly;

    [Fact]
    public void The_server_maps_routes_under_api_v1()
    {
        Assert.Contains(new RouteKey("GET", "/api/v1/health"), server.Routes);
    }

    [Fact]
    public void The_Functions_app_and_the_server_map_the_same_methods_and_routes()
    {
        var parity = RouteParity.Compare(FunctionsMetadata.Routes(Built), server.Routes);

        Assert.True(parity.Matches, parity.Describe());
    }

    [Fact]
    public void The_built_metadata_lists_every_function_of_the_source()
    {
        Assert.Equal(
            FunctionsSource.Functions(Sources).Select(f => f.Name).Order(StringComparer.Ordinal),
            Built.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(Built, f => Assert.StartsWith("StatusHub.Functions.", f.EntryPoint, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_function_has_a_unique_name()
    {
        var duplicates = Built.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(duplicates.Count == 0, "Function names used twice: " + string.Join(", ", duplicates));
        Assert.DoesNotContain(Built, f => f.Name.Length == 0);
    }

    [Fact]
    public void Every_HTTP_function_is_anonymous_with_explicit_methods_and_a_v1_route()
    {
        var problems = new List<string>();
        foreach (var function in Built.Where(f => f.TriggerType == "httpTrigger"))
        {
            if (function.AuthLevel != "Anonymous")
            {
                problems.Add($"{function.Name}: authLevel {function.AuthLevel ?? "(none)"}; our own keys do the auth, so it must be Anonymous.");
            }

            if (function.Methods.Count == 0)
            {
                problems.Add($"{function.Name}: no HTTP method named.");
            }

            if (function.Route is null || !function.Route.StartsWith("v1/", StringComparison.Ordinal))
            {
                problems.Add($"{function.Name}: route '{function.Route}' must start with 'v1/' (host.json adds the 'api' prefix).");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_HTTP_function_is_one_call_to_a_StatusHub_Api_handler_passing_the_request_and_its_route_values()
    {
        var functions = FunctionsSource.Functions(Sources).Where(f => f.Http is not null).ToList();
        Assert.NotEmpty(functions);

        var problems = functions.SelectMany(HandlerCallProblems).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_Functions_app_has_the_render_timer_and_the_delivery_timer_only()
    {
        var timers = Built.Where(f => f.TriggerType == "timerTrigger").Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["DeliverSubscriptions", "RenderOnSchedule"], timers);
        Assert.Equal(timers, FunctionsSource.Functions(Sources).Where(f => f.Timer is not null).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_timer_runs_the_render_job_on_the_render_schedule_setting()
    {
        Assert.Equal("StatusHub:Render:Schedule", RenderScheduleSetting);
        AssertTimer("RenderOnSchedule", RenderScheduleSetting, typeof(RenderJob), nameof(RenderJob.RunAsync));
    }

    [Fact]
    public void The_delivery_timer_runs_the_dispatcher_on_the_delivery_schedule_setting()
    {
        Assert.Equal("StatusHub:Delivery:Schedule", DeliveryScheduleSetting);
        AssertTimer("DeliverSubscriptions", DeliveryScheduleSetting, typeof(SubscriptionDispatcher), nameof(SubscriptionDispatcher.RunOnceAsync));
    }

    /// <summary>The timer <paramref name="name"/> is one call of <paramref name="method"/>(token) on an injected <paramref name="service"/>, on <paramref name="setting"/>.</summary>
    private static void AssertTimer(string name, string setting, Type service, string method)
    {
        var built = Assert.Single(Built, f => f.TriggerType == "timerTrigger" && f.Name == name);
        Assert.Equal($"%{setting}%", built.Schedule);
        var timer = Assert.Single(FunctionsSource.Functions(Sources), f => f.Timer is not null && f.Name == name);

        var call = Assert.IsType<InvocationExpressionSyntax>(timer.SingleExpression);
        var member = Assert.IsType<MemberAccessExpressionSyntax>(call.Expression);
        Assert.Equal(method, member.Name.Identifier.Text);
        var receiver = Assert.IsType<IdentifierNameSyntax>(member.Expression).Identifier.Text;
        var type = timer.Method.Ancestors().OfType<TypeDeclarationSyntax>().First();
        var injected = type.ParameterList?.Parameters.SingleOrDefault(p => p.Identifier.Text == receiver);
        Assert.True(injected is not null, $"{timer}: '{receiver}' must be a constructor parameter of {type.Identifier.Text} (the {service.Name} from DI).");
        Assert.Equal(service.Name, LastIdentifier(injected!.Type!.ToString()));

        var token = timer.Method.ParameterList.Parameters.SingleOrDefault(p => LastIdentifier(p.Type?.ToString() ?? "") == "CancellationToken");
        Assert.True(token is not null, $"{timer}: the function must take the host's CancellationToken.");
        var argument = Assert.Single(call.ArgumentList.Arguments);
        Assert.Equal(token!.Identifier.Text, argument.Expression.ToString());

        var run = service.GetMethod(method, BindingFlags.Public | BindingFlags.Instance, [typeof(CancellationToken)]);
        Assert.True(run is not null && typeof(Task).IsAssignableFrom(run.ReturnType),
            $"{service.Name}.{method}(CancellationToken) returning a Task must exist: the timer calls it.");
    }

    [Fact]
    public void A_function_missing_from_the_metadata_is_reported_missing_in_the_Functions_app()
    {
        var checkedAny = false;
        foreach (var function in Built.Where(f => f.TriggerType == "httpTrigger"))
        {
            var removedRoutes = FunctionsMetadata.Routes([function]);
            if (!removedRoutes.IsSubsetOf(server.Routes))
            {
                continue;
            }

            var parity = RouteParity.Compare(FunctionsMetadata.Routes(Built.Where(f => f != function)), server.Routes);

            Assert.False(parity.Matches, $"Removing {function.Name} went unnoticed.");
            Assert.Superset(removedRoutes.ToHashSet(), parity.MissingInFunctions.ToHashSet());
            Assert.Contains("Mapped by the server but with no [Function]", parity.Describe(), StringComparison.Ordinal);
            Assert.Contains(removedRoutes.First().ToString(), parity.Describe(), StringComparison.Ordinal);
            checkedAny = true;
        }

        Assert.True(checkedAny, "No function maps a route the server maps: nothing to remove.");
    }

    [Fact]
    public void A_function_with_a_wrong_method_or_template_is_reported_on_both_sides()
    {
        // The shape the SDK writes for one HTTP function, with a method and a template the server does not map.
        const string wrong = """
            [{ "name": "PutTown", "scriptFile": "StatusHub.Functions.dll", "entryPoint": "StatusHub.Functions.TownFunctions.PutTown",
               "language": "dotnet-isolated", "properties": { "IsCodeless": false },
               "bindings": [
                 { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Anonymous", "methods": ["patch"],
                   "route": "v1/town/{town}", "properties": {} },
                 { "name": "$return", "type": "http", "direction": "Out" } ] }]
            """;
        var mutated = Built.Where(f => f.Name != "PutTown").Concat(FunctionsMetadata.Parse(wrong));

        var parity = RouteParity.Compare(FunctionsMetadata.Routes(mutated), server.Routes);

        Assert.Contains(new RouteKey("PATCH", "/api/v1/town/{town}"), parity.MissingInServer);
        Assert.Contains(new RouteKey("PUT", "/api/v1/towns/{town}"), parity.MissingInFunctions);
        Assert.Contains("PATCH /api/v1/town/{town}", parity.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_only_the_server_maps_is_reported_for_every_server_route()
    {
        var functionRoutes = FunctionsMetadata.Routes(Built);
        foreach (var route in server.Routes.Where(functionRoutes.Contains))
        {
            var parity = RouteParity.Compare(functionRoutes.Where(r => r != route).ToHashSet(), server.Routes);

            Assert.Contains(route, parity.MissingInFunctions);
            Assert.False(parity.Matches);
        }
    }

    private static IEnumerable<string> HandlerCallProblems(FunctionDeclaration function)
    {
        // A handler with typed results (ApiCall.Typed) is awaited: 'await Handlers.Method(request, …)'.
        var expression = function.SingleExpression is AwaitExpressionSyntax awaited ? awaited.Expression : function.SingleExpression;
        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call)
        {
            yield return $"{function}: the body must be a single call 'Handlers.Method(request, …)', not '{function.Method.Body?.ToString() ?? function.Method.ExpressionBody?.ToString()}'.";
            yield break;
        }

        var typeName = HandlerTypeName(function, member.Expression);
        var handlerType = typeName is null ? null : ApiAssembly.GetType(typeName);
        if (handlerType is null)
        {
            yield return $"{function}: '{member.Expression}' is not a type of namespace {HandlerNamespace} in StatusHub.Api.";
            yield break;
        }

        var arguments = call.ArgumentList.Arguments.Select(a => a.Expression.ToString()).ToList();
        var handler = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == member.Name.Identifier.Text && m.GetParameters().Length == arguments.Count);
        if (handler is null)
        {
            yield return $"{function}: {handlerType.Name} has no public static {member.Name.Identifier.Text} taking {arguments.Count} arguments.";
            yield break;
        }

        var parameters = handler.GetParameters();
        if (parameters.Length == 0 || parameters[0].ParameterType != typeof(HttpRequest) || arguments[0] != function.Http!.ParameterName)
        {
            yield return $"{function}: the first argument must be the trigger's request '{function.Http!.ParameterName}', passed to {handler.Name}'s HttpRequest.";
        }

        if (!(handler.ReturnType.IsGenericType && handler.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            && typeof(IResult).IsAssignableFrom(handler.ReturnType.GetGenericArguments()[0])))
        {
            yield return $"{function}: {handlerType.Name}.{handler.Name} returns {handler.ReturnType}, not a Task of an IResult.";
        }

        // Both hosts bind route values by name: the server to the handler's parameters, the worker to the function's.
        var functionParameters = function.Method.ParameterList.Parameters.Select(p => p.Identifier.Text).ToHashSet();
        var routeValues = RouteValueNames(function.Http!.Route ?? "");
        var handlerRouteValues = parameters.Skip(1).Select(p => p.Name!).ToList();
        if (!routeValues.SetEquals(handlerRouteValues))
        {
            yield return $"{function}: route values {{{string.Join(", ", routeValues)}}} differ from {handler.Name}'s parameters ({string.Join(", ", handlerRouteValues)}).";
        }

        for (var i = 1; i < parameters.Length; i++)
        {
            if (arguments[i] != parameters[i].Name || !functionParameters.Contains(arguments[i]))
            {
                yield return $"{function}: argument {i + 1} of {handler.Name} must be the function parameter '{parameters[i].Name}' (the route value), not '{arguments[i]}'.";
            }
        }
    }

    /// <summary>The full name of the handler type a call names, if it is in <see cref="HandlerNamespace"/>.</summary>
    private static string? HandlerTypeName(FunctionDeclaration function, ExpressionSyntax typeExpression)
    {
        var written = typeExpression.ToString().Replace("global::", "", StringComparison.Ordinal);
        if (written.StartsWith(HandlerNamespace + ".", StringComparison.Ordinal))
        {
            return written;
        }

        if (typeExpression is not IdentifierNameSyntax)
        {
            return null;
        }

        var imports = typeExpression.SyntaxTree.GetCompilationUnitRoot().Usings
            .Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None))
            .Select(u => u.Name?.ToString());
        return imports.Contains(HandlerNamespace) ? $"{HandlerNamespace}.{written}" : null;
    }

    private static HashSet<string> RouteValueNames(string route) =>
        RouteValue().Matches(route).Select(m => m.Groups["name"].Value).ToHashSet();

    private static string LastIdentifier(string typeName) => typeName.Split('.').Last().TrimEnd('?');

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteValue();
}
