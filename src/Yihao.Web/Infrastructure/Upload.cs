using Microsoft.AspNetCore.Http.HttpResults;

namespace Yihao.Web.Infrastructure;

/// <summary>The multipart field a route reads its file from.</summary>
public sealed record UploadField(string Name);

/// <summary>Reads one uploaded file with a size limit, answering a problem in the user's language rather than
/// throwing.</summary>
public static class Upload
{
    public static async Task<(byte[]? File, ProblemHttpResult? Problem)> ReadFileAsync(HttpRequest request,
        string field, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + 64 * 1024)
            return (null, TooLarge(maxBytes));
        // Reached only once the caller is signed in: a stranger's wrong content type is a 401 first, like everything.
        if (!request.HasFormContentType)
            return (null, TypedResults.Problem(
                title: L.T("Send the file as multipart/form-data in the field '{0}'.", field),
                    statusCode: StatusCodes.Status415UnsupportedMediaType));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, e is BadHttpRequestException { StatusCode: 413 } ? TooLarge(maxBytes) :
                TypedResults.Problem(title: L.T("The upload could not be read."), statusCode: 400));
        }
        var file = form.Files.GetFile(field);
        if (file is null) return (null,
            TypedResults.Problem(title: L.T("Send the file as multipart/form-data in the field '{0}'.", field),
            statusCode: 400));
        if (file.Length > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }

    /// <summary>A route that takes one file in a multipart field: for the OpenAPI document and the 415's
    /// words.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder route, string field) =>
        route.Accepts<IFormFile>("multipart/form-data").WithMetadata(new UploadField(field)).DisableAntiforgery();

    /// <summary>
    /// Routing would answer a wrong Content-Type with 415 before authentication runs (its content-type matcher picks a
    /// 415 endpoint that needs no sign-in). Without that matcher the handler checks the body itself, after
    /// authentication; no two of Yihao's routes differ only by content type. Call after every service that adds
    /// routing.
    /// </summary>
    public static IServiceCollection WithoutContentTypeRouting(this IServiceCollection services)
    {
        foreach (var d in services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy)
            && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList())
            services.Remove(d);
        return services;
    }

    static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(title: L.T("The upload is too large."),
            detail: L.T("At most {0} MB.", maxBytes / 1024 / 1024), statusCode: 413);
}
