using System.Text.Json;

namespace StatusHub.Api.Http;

/// <summary>
/// Finds the first property named twice in one JSON object, so that a body the serializer refuses for a duplicate
/// (<c>AllowDuplicateProperties = false</c>) gets a message naming the key instead of "malformed". Names are compared as
/// the API binds them: exactly, and then ignoring case ("Level" and "level" are the same property).
/// </summary>
public static class JsonDuplicateKeys
{
    /// <summary>
    /// The first duplicated name and the JSON path of its object ("$", "$.headline"); null when there is none or the JSON
    /// is broken anywhere (then that is the problem to report).
    /// </summary>
    public static (string Name, string Path)? Find(ReadOnlySpan<byte> json) =>
        Find(json, StringComparer.Ordinal) ?? Find(json, StringComparer.OrdinalIgnoreCase);

    private static (string Name, string Path)? Find(ReadOnlySpan<byte> json, StringComparer comparer)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var objects = new Stack<(HashSet<string> Names, string Path)>();
        var path = new Stack<string>();
        path.Push("$");
        string? pending = null;
        (string Name, string Path)? first = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push((new HashSet<string>(comparer), Current(path, pending)));
                        path.Push(Current(path, pending));
                        pending = null;
                        break;
                    case JsonTokenType.StartArray:
                        path.Push(Current(path, pending) + "[]");
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            objects.Pop();
                        }

                        path.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var (names, where) = objects.Peek();
                        if (!names.Add(name))
                        {
                            first ??= (name, where);
                        }

                        pending = name;
                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return first;
    }

    private static string Current(Stack<string> path, string? property) =>
        property is null ? path.Peek() : $"{path.Peek()}.{property}";
}
