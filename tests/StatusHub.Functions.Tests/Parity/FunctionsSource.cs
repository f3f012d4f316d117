using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StatusHub.Functions.Tests.Parity;

/// <summary>One <c>[Function]</c> method of the Functions app, as its syntax declares it.</summary>
public sealed record FunctionDeclaration(
    string Name,
    string File,
    string ClassName,
    MethodDeclarationSyntax Method,
    HttpTrigger? Http,
    TimerTrigger? Timer)
{
    public override string ToString() => $"{ClassName}.{Method.Identifier.Text} ({File})";

    /// <summary>The single expression the method consists of: its expression body, or the one statement of its block.</summary>
    public ExpressionSyntax? SingleExpression => Method switch
    {
        { ExpressionBody: { } arrow } => arrow.Expression,
        { Body.Statements: [ReturnStatementSyntax { Expression: { } returned }] } => returned,
        { Body.Statements: [ExpressionStatementSyntax { Expression: var expression }] } => expression,
        _ => null,
    };
}

/// <summary>An <c>[HttpTrigger]</c> parameter: level, methods (upper case) and route as written.</summary>
/// <param name="AuthorizationLevel">The level named in the attribute (e.g. "Anonymous"), null when not given.</param>
/// <param name="Methods">Upper-case HTTP methods; empty means every method.</param>
/// <param name="Route">The Route property; null when not given.</param>
/// <param name="ParameterName">The name of the parameter that receives the request.</param>
public sealed record HttpTrigger(string? AuthorizationLevel, IReadOnlyList<string> Methods, string? Route, string ParameterName);

/// <summary>A <c>[TimerTrigger]</c> parameter: the schedule argument as written.</summary>
public sealed record TimerTrigger(string? Schedule, string ParameterName);

/// <summary>Reads the Functions app's source with Roslyn, syntax only: for the rule that each function is one call to its handler.</summary>
public static class FunctionsSource
{
    public static IReadOnlyList<SyntaxTree> ParseAll(IEnumerable<SourceFile> files) =>
        files.Select(file => CSharpSyntaxTree.ParseText(file.Text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), file.Path)).ToList();

    /// <summary>Every method carrying a <c>[Function]</c> attribute, with its trigger.</summary>
    public static IReadOnlyList<FunctionDeclaration> Functions(IEnumerable<SourceFile> files)
    {
        var functions = new List<FunctionDeclaration>();
        foreach (var tree in ParseAll(files))
        {
            var parseErrors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(parseErrors.Count == 0, $"{tree.FilePath} does not parse: {string.Join("; ", parseErrors)}");
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var function = Attributes(method.AttributeLists, "Function").FirstOrDefault();
                if (function is null)
                {
                    continue;
                }

                functions.Add(new FunctionDeclaration(
                    Name: StringArgument(function, 0) ?? "",
                    File: tree.FilePath,
                    ClassName: method.Ancestors().OfType<TypeDeclarationSyntax>().First().Identifier.Text,
                    Method: method,
                    Http: method.ParameterList.Parameters.Select(ReadHttpTrigger).FirstOrDefault(t => t is not null),
                    Timer: method.ParameterList.Parameters.Select(ReadTimerTrigger).FirstOrDefault(t => t is not null)));
            }
        }

        return functions;
    }

    private static HttpTrigger? ReadHttpTrigger(ParameterSyntax parameter)
    {
        var attribute = Attributes(parameter.AttributeLists, "HttpTrigger").FirstOrDefault();
        if (attribute is null)
        {
            return null;
        }

        string? level = null;
        var methods = new List<string>();
        string? route = null;
        foreach (var argument in attribute.ArgumentList?.Arguments ?? [])
        {
            if (argument.NameEquals is { } named)
            {
                if (named.Name.Identifier.Text == "Route")
                {
                    route = Literal(argument.Expression);
                }
            }
            else if (argument.Expression is MemberAccessExpressionSyntax { Expression: var type } member && type.ToString().EndsWith("AuthorizationLevel", StringComparison.Ordinal))
            {
                level = member.Name.Identifier.Text;
            }
            else
            {
                methods.Add((Literal(argument.Expression) ?? $"<not a literal: {argument.Expression}>").ToUpperInvariant());
            }
        }

        return new HttpTrigger(level, methods, route, parameter.Identifier.Text);
    }

    private static TimerTrigger? ReadTimerTrigger(ParameterSyntax parameter)
    {
        var attribute = Attributes(parameter.AttributeLists, "TimerTrigger").FirstOrDefault();
        return attribute is null ? null : new TimerTrigger(StringArgument(attribute, 0), parameter.Identifier.Text);
    }

    private static IEnumerable<AttributeSyntax> Attributes(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(list => list.Attributes).Where(attribute =>
        {
            var written = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.Text,
                SimpleNameSyntax simple => simple.Identifier.Text,
                _ => attribute.Name.ToString(),
            };
            return written == name || written == name + "Attribute";
        });

    private static string? StringArgument(AttributeSyntax attribute, int position) =>
        attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ElementAtOrDefault(position) is { } argument
            ? Literal(argument.Expression)
            : null;

    private static string? Literal(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } invocation =>
            invocation.ArgumentList.Arguments[0].Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
                var other => other.ToString(),
            },
        _ => null,
    };
}
