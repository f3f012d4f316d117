using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using StatusHub.Api.Http;
using StatusHub.Core.Subscriptions;
using StatusHub.Core.Validation;

namespace StatusHub.Api.OpenApi;

/// <summary>
/// The OpenAPI document as the contract: generated from the typed handlers and the request/response types, then told
/// what the types cannot say — each route's security and problem responses from its <see cref="RouteContract"/>, the
/// conditional, idempotency and response headers, and the request rules of <see cref="Validator"/> (required fields,
/// enums, slug and language-tag patterns, lengths from <see cref="Limits"/>). Shared by both hosts' code; the server
/// serves it live and the committed copy (<c>OpenApi/v1.json</c>) is published with the site.
/// </summary>
public static class ContractDocument
{
    public const string BearerScheme = "bearer";

    /// <summary>Adds the <c>v1</c> OpenAPI document with the StatusHub transformers.</summary>
    public static IServiceCollection AddStatusHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<RouteContract>().LastOrDefault() is { } contract)
                {
                    Operations.Apply(operation, contract, context.Description.HttpMethod ?? "", context.Document);
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Enums are strings on the wire (DocumentJson's JsonStringEnumConverter): say so beside their values.
                var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type);
                var type = nullable ?? context.JsonTypeInfo.Type;
                if (type.IsEnum && schema.Enum is { Count: > 0 })
                {
                    schema.Type = JsonSchemaType.String;
                }

                // Timestamps go through DocumentJson's UTC converter, which hides their type from the generator.
                if (type == typeof(DateTimeOffset))
                {
                    schema.Type = JsonSchemaType.String | (nullable is null ? 0 : JsonSchemaType.Null);
                    schema.Format = "date-time";
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "StatusHub API";
                document.Info.Description = "Publishing API of StatusHub: towns, keys, status, services, Q&A, timeline and shared incidents. "
                    + "Send 'Authorization: Bearer <key>' where an operation names a scope; errors are application/problem+json (RFC 9457).";
                document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An admin, town, region or provider key from POST /api/v1/keys (or the bootstrap StatusHub:AdminKey).",
                };
                if (document.Tags is { } tags)
                {
                    foreach (var tag in tags)
                    {
                        tag.Description ??= "The v1 API (API.md).";
                    }
                }

                RequestSchemas.Apply(document);
                ProblemSchemas.Apply(document);
                return Task.CompletedTask;
            });
        });
}

/// <summary>Security, headers, parameters and examples of one operation, from its <see cref="RouteContract"/>.</summary>
internal static class Operations
{
    private static readonly Dictionary<AccessRule, string> Needs = new()
    {
        [AccessRule.Admin] = "Needs an admin key.",
        [AccessRule.TownWriter] = "Needs a town key of {town} (scope town), or an admin key.",
        [AccessRule.TownOrItsRegion] = "Needs a town key of {town}, a region key of its region (scope region), or an admin key.",
        [AccessRule.RegionReader] = "Needs a region key of {region} (scope region), or an admin key.",
        [AccessRule.IncidentWriter] = "Needs a provider key (scope provider) whose towns include every member town of {incident}, "
            + "those of the stored incident and those of the body, or an admin key.",
    };

    public static void Apply(OpenApiOperation operation, RouteContract contract, string method, OpenApiDocument? document)
    {
        if (string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            // HEAD is GET without a body (RFC 9110): its own operation id, the same answers.
            operation.OperationId += "Head";
            operation.Summary += " (headers only)";
        }

        if (contract.Rule == AccessRule.Public)
        {
            // Public: an empty requirement says explicitly that no key is needed.
            operation.Security = [new OpenApiSecurityRequirement()];
            operation.Description = "Public: no key.";
        }
        else
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocument.BearerScheme, document)] = [] }];
            operation.Description = Needs[contract.Rule];
        }

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            parameter.Schema = PathSchema(parameter.Name!, operation.OperationId ?? "", out var example);
            parameter.Example = example;
        }

        if (contract.Answers.HasFlag(Answers.IfMatch))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of the version you changed (strong comparison): 412 when the resource changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"0x8DC0A1B2C3D4E5F\""),
            });
        }

        if (contract.Answers.HasFlag(Answers.IdempotencyKey))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "A replay with the same key and body within 24 hours returns the first response; the same key with another body is 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Limits.MaxIdempotencyKey },
                Example = JsonValue.Create("2023-11-20-first"),
            });
        }

        if (RequestExamples.For(operation.OperationId ?? "") is { } requestExample
            && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media) && media is OpenApiMediaType json)
        {
            json.Example = JsonNode.Parse(requestExample);
        }

        foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
        {
            if (response is not OpenApiResponse answer)
            {
                continue;
            }

            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            var success = status.StartsWith('2');
            if (success && (contract.Answers.HasFlag(Answers.IfMatch) || contract.Answers.HasFlag(Answers.ETag)) && !contract.Answers.HasFlag(Answers.Removes))
            {
                answer.Headers["ETag"] = Header("The version of the resource: send it back as If-Match.", JsonSchemaType.String);
            }

            if (status == "200" && contract.Answers.HasFlag(Answers.Unchanged))
            {
                answer.Headers[Endpoints.TownEndpoints.UnchangedHeader] = Header(
                    "'true' when the body equals the stored resource, which was therefore not written (the same ETag, no audit row, "
                    + "nothing rendered); absent otherwise.", JsonSchemaType.String, required: false);
            }

            if (status == "201")
            {
                answer.Headers["Location"] = Header("The path of the created resource.", JsonSchemaType.String);
            }

            if (status is "429" or "503")
            {
                answer.Headers["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemaType.Integer);
            }

            if (status == "401")
            {
                answer.Headers["WWW-Authenticate"] = Header("Bearer", JsonSchemaType.String);
            }

            if (answer.Headers.Count == 0)
            {
                answer.Headers = null;
            }
        }
    }

    /// <summary>A response header; <paramref name="required"/> when every such answer carries it (the API tests check those).</summary>
    private static OpenApiHeader Header(string description, JsonSchemaType type, bool required = true) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = type } };

    private static OpenApiSchema PathSchema(string name, string operationId, out JsonNode example)
    {
        if (name == "id" && operationId.StartsWith("RevokeKey", StringComparison.Ordinal))
        {
            example = JsonValue.Create("3f2a9c1d0b8e7f65");
            return new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{16}$" };
        }

        if (name == "id" && operationId.StartsWith("DeleteSubscription", StringComparison.Ordinal))
        {
            example = JsonValue.Create("9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d");
            return new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{32}$" };
        }

        example = JsonValue.Create(name switch
        {
            "town" => "musterstadt",
            "region" => "bw-tuebingen",
            "service" => "email",
            "provider" => "ofterdingen",
            "incident" => "kommunalit-ausfall",
            "offerId" => "kfz-zulassung",
            _ => "first-update",
        });
        return RequestSchemas.Slug();
    }
}

/// <summary>Request bodies of the README walkthrough and API.md, as examples of their operations.</summary>
internal static class RequestExamples
{
    public static string? For(string operationId) => operationId switch
    {
        "PutTown" => """{"name":"Musterstadt","region":"bw-tuebingen","phone":"+49 7000 1234-0","neighbours":["moessingen"]}""",
        "CreateKey" => """{"scope":"town","town":"musterstadt","label":"IT-Leitung"}""",
        "PutStatus" => """{"level":"emergency","headline":{"de":"Cyberangriff: Verwaltung im Notbetrieb","en":"Cyberattack: emergency operation"},"summary":{"de":"Telefon funktioniert, E-Mail nicht."},"asOf":"2023-11-20T08:00:00+01:00"}""",
        "PutService" => """{"state":"unavailable","note":{"de":"Bitte rufen Sie an."}}""",
        "PostUpdate" => """{"text":{"de":"Das Bürgerbüro öffnet um 8 Uhr."}}""",
        "PutIncident" => """{"title":{"de":"Cyberangriff auf den IT-Dienstleister"},"summary":{"de":"Seit 30. Oktober sind die Fachverfahren nicht erreichbar."},"towns":["moessingen","ofterdingen"],"startedAt":"2023-10-30T06:00:00+01:00"}""",
        "PostIncidentUpdate" => """{"text":{"de":"Die Fachverfahren laufen wieder an."}}""",
        "PutRegion" => """{"name":{"de":"Landkreis Tübingen","en":"Tübingen district"}}""",
        "PutAidOffer" => """{"service":"vehicle-registration","forTowns":["moessingen"],"note":{"de":"Kfz-Zulassung für Mössinger Bürger im Bürgerbüro Ofterdingen, Termin nötig."},"validUntil":"2023-12-31T23:59:59+01:00"}""",
        _ => null,
    };
}

/// <summary>
/// The request schemas as <see cref="Validator"/> checks them: which fields are required (the others may be absent or
/// null), enums, patterns and lengths, from the same constants.
/// </summary>
internal static class RequestSchemas
{
    private static readonly Dictionary<string, (string[] Required, Dictionary<string, Func<bool, OpenApiSchema>> Properties)> Rules = new()
    {
        ["TownRequest"] = (["name", "region"], new()
        {
            ["name"] = r => Text(Limits.MaxTownName, r),
            ["region"] = r => Nullable(Slug(), r),
            ["ags"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Validator.AgsRegex }, r),
            ["defaultLanguage"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Validator.LanguageTagRegex, Default = JsonValue.Create("de") }, r),
            ["website"] = r => Url(r),
            ["phone"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Validator.PhoneRegex, MaxLength = Limits.MaxPhone }, r),
            ["neighbours"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = Limits.MaxNeighbours, Items = Slug() }, r),
        }),
        ["LocationRequest"] = (["lat", "lon"], new()
        {
            ["lat"] = _ => new OpenApiSchema { Type = JsonSchemaType.Number, Description = "Latitude, -90 to 90." },
            ["lon"] = _ => new OpenApiSchema { Type = JsonSchemaType.Number, Description = "Longitude, -180 to 180." },
        }),
        ["InternalRequest"] = ([], new()
        {
            ["contact"] = r => Text(Limits.MaxInternalContact, r),
            ["phone"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Validator.PhoneRegex, MaxLength = Limits.MaxPhone }, r),
            ["notes"] = r => Text(Limits.MaxInternalNotes, r),
        }),
        ["RegionRequest"] = (["name"], new() { ["name"] = r => Localized(Limits.MaxRegionName, r) }),
        ["StatusRequest"] = (["level", "headline"], new()
        {
            ["level"] = _ => Enum("normal", "disrupted", "emergency", "offline"),
            ["headline"] = r => Localized(Limits.MaxHeadline, r),
            ["summary"] = r => Localized(Limits.MaxSummary, r),
            ["asOf"] = r => Timestamp(r),
            ["moreInfoUrl"] = r => Url(r),
        }),
        ["ServiceRequest"] = (["state"], new()
        {
            ["state"] = _ => Enum("available", "limited", "unavailable", "unknown"),
            ["note"] = r => Localized(Limits.MaxNote, r),
            ["name"] = r => Localized(Limits.MaxServiceName, r),
        }),
        ["ServiceListEntryRequest"] = (["id", "state"], new()
        {
            ["id"] = r => Nullable(Slug(), r),
            ["state"] = _ => Enum("available", "limited", "unavailable", "unknown"),
            ["note"] = r => Localized(Limits.MaxNote, r),
            ["name"] = r => Localized(Limits.MaxServiceName, r),
        }),
        ["ServiceListRequest"] = (["services"], new()),
        ["QaItemRequest"] = (["id", "question", "answer"], new()
        {
            ["id"] = r => Nullable(Slug(), r),
            ["question"] = r => Localized(Limits.MaxQuestion, r),
            ["answer"] = r => Localized(Limits.MaxAnswer, r),
        }),
        ["QaRequest"] = (["items"], new()),
        ["UpdateRequest"] = (["text"], new()
        {
            ["text"] = r => Localized(Limits.MaxUpdateText, r),
            ["at"] = r => Timestamp(r),
        }),
        ["KeyRequest"] = (["scope"], new()
        {
            ["scope"] = _ => Enum("admin", "town", "region", "provider"),
            ["town"] = r => Nullable(Slug(), r),
            ["region"] = r => Nullable(Slug(), r),
            ["towns"] = r => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = 1, MaxItems = Limits.MaxIncidentTowns, Items = Slug(),
                Description = "The towns of a provider key (scope provider only): it may write shared incidents of these towns.",
            }, r),
            ["label"] = r => Text(Limits.MaxLabel, r),
        }),
        ["IncidentRequest"] = (["title", "summary", "towns", "startedAt"], new()
        {
            ["title"] = r => Localized(Limits.MaxHeadline, r),
            ["summary"] = r => Localized(Limits.MaxSummary, r),
            ["towns"] = r => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = 1, MaxItems = Limits.MaxIncidentTowns, Items = Slug(),
                Description = "The member towns, each an existing town: the incident shows on each of their pages.",
            }, r),
            ["startedAt"] = r => Timestamp(r),
            ["resolvedAt"] = r => Timestamp(r),
            ["moreInfoUrl"] = r => Url(r),
        }),
        ["AidOfferRequest"] = (["service"], new()
        {
            ["service"] = r => Nullable(Slug(), r),
            ["forTowns"] = r => Nullable(new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = Limits.MaxNeighbours, Items = Slug() }, r),
            ["note"] = r => Localized(Limits.MaxNote, r),
            ["validUntil"] = r => Timestamp(r),
        }),
        ["SubscriptionRequest"] = (["url", "secret"], new()
        {
            ["url"] = r => Url(r),
            ["secret"] = r => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String, MinLength = SubscriptionRules.MinSecretLength, MaxLength = SubscriptionRules.MaxSecretLength,
            }, r),
        }),
    };

    public static OpenApiSchema Slug() => new()
    {
        Type = JsonSchemaType.String, Pattern = Validator.SlugRegex, MinLength = Limits.MinSlugLength, MaxLength = Limits.MaxSlugLength,
    };

    public static void Apply(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var (name, (required, properties)) in Rules)
        {
            if (!schemas.TryGetValue(name, out var found) || found is not OpenApiSchema schema)
            {
                continue;
            }

            schema.Required = new HashSet<string>(required);
            foreach (var (property, rule) in properties)
            {
                if (schema.Properties?.ContainsKey(property) == true)
                {
                    schema.Properties[property] = rule(required.Contains(property));
                }
            }
        }
    }

    private static OpenApiSchema Nullable(OpenApiSchema schema, bool required)
    {
        if (!required)
        {
            schema.Type |= JsonSchemaType.Null;
        }

        return schema;
    }

    private static OpenApiSchema Text(int maxLength, bool required) =>
        Nullable(new OpenApiSchema { Type = JsonSchemaType.String, MinLength = required ? 1 : null, MaxLength = maxLength }, required);

    private static OpenApiSchema Url(bool required) =>
        Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = Limits.MaxUrl }, required);

    private static OpenApiSchema Timestamp(bool required) =>
        Nullable(new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }, required);

    // Every enum of a request is required, so it is never null.
    private static OpenApiSchema Enum(params string[] values) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    /// <summary>Text by language: BCP 47 tags as keys (at most <see cref="Limits.MaxLanguagesPerText"/>), each text at most <paramref name="maxLength"/>.</summary>
    private static OpenApiSchema Localized(int maxLength, bool required) => Nullable(new OpenApiSchema
    {
        Type = JsonSchemaType.Object,
        MinProperties = required ? 1 : null,
        MaxProperties = Limits.MaxLanguagesPerText,
        PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Validator.LanguageTagRegex },
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
        Description = $"Text by BCP 47 language tag; the town's default language is required where the text is. At most {maxLength} characters each.",
    }, required);
}

/// <summary>
/// RFC 9457 problem details as <see cref="Problems"/> writes them: type, title, status and detail always; <c>errors</c>
/// by field on validation problems; extension members allowed (RFC 9457 §3.2), so clients ignore what they do not know.
/// </summary>
internal static class ProblemSchemas
{
    public static void Apply(OpenApiDocument document)
    {
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var found) != true || found is not OpenApiSchema schema)
            {
                continue;
            }

            schema.Description = "RFC 9457 problem details (application/problem+json); validation problems name each field in 'errors'.";
            schema.Required = new HashSet<string> { "type", "title", "status", "detail" };
            schema.AdditionalProperties = null;
            schema.AdditionalPropertiesAllowed = true;
            foreach (var property in new[] { "type", "title", "detail" })
            {
                if (schema.Properties?.TryGetValue(property, out var text) == true && text is OpenApiSchema value)
                {
                    value.Type = JsonSchemaType.String;
                }
            }

            if (schema.Properties?.TryGetValue("status", out var status) == true && status is OpenApiSchema code)
            {
                code.Type = JsonSchemaType.Integer;
            }
        }
    }
}
