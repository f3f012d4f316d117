using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace StatusHub.Api.Http;

/// <summary>
/// What a route run by <see cref="ApiCall.Typed"/> answers: the handler's typed result, or the pipeline's problem+json.
/// The route's declared responses are the handler's (<typeparamref name="TResult"/>, e.g.
/// <c>Results&lt;Ok&lt;T&gt;, Created&lt;T&gt;&gt;</c>), so the OpenAPI document comes from the types; its problem
/// responses come from the route's <see cref="RouteContract"/>.
/// </summary>
public sealed class ApiResult<TResult> : IResult, INestedHttpResult, IStatusCodeHttpResult, IEndpointMetadataProvider
    where TResult : IResult, IEndpointMetadataProvider
{
    internal ApiResult(IResult result) => Result = result;

    /// <summary>The handler's result, or a problem.</summary>
    public IResult Result { get; }

    public int? StatusCode => (Result as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => TResult.PopulateMetadata(method, builder);
}
