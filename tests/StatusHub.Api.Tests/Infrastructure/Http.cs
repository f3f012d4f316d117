using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>Small helpers to send JSON and check problem details; every assertion reads the real response.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> SendJson(
        this HttpClient client, HttpMethod method, string url, object? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body, params (string, string)[] headers) =>
        client.SendJson(HttpMethod.Put, url, body, headers);

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, params (string, string)[] headers) =>
        client.SendJson(HttpMethod.Post, url, body, headers);

    public static async Task<JsonNode> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty JSON body.");

    public static async Task<JsonNode> Ok(this Task<HttpResponseMessage> pending, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await pending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns it.</summary>
    public static async Task<JsonNode> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["type"]?.GetValue<string>()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return problem;
    }

    public static async Task<JsonNode> Problem(this Task<HttpResponseMessage> pending, HttpStatusCode expected)
    {
        using var response = await pending;
        return await response.Problem(expected);
    }

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag header.");

    public static MediaTypeHeaderValue JsonType => new("application/json");
}
