using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Yihao.Web.Infrastructure;

/// <summary>Business failures as RFC 9457 problem details, in the user's language.</summary>
public static class Problems
{
    /// <summary>400 with every field's problem, each an English key translated for the user.</summary>
    public static ValidationProblem Invalid(IEnumerable<(string Field, string Problem)> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => L.T(p.Problem)).ToArray()),
            title: L.T("The request has problems."));

    public static ValidationProblem Invalid(string field, string problem) => Invalid([(field, problem)]);

    public static ProblemHttpResult Conflict(string problem) =>
        TypedResults.Problem(title: L.T(problem), statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(title: L.T("Your role may not do this."), statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: L.T("Not found."), statusCode: StatusCodes.Status404NotFound);

    /// <summary>What the route takes: a file upload names its field, everything else takes JSON.</summary>
    public static string UnsupportedMediaType(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<UploadField>() is { } upload
            ? L.T("Send the file as multipart/form-data in the field '{0}'.", upload.Name)
            : L.T("Send the body as JSON (Content-Type: application/json).");

    /// <summary>The framework's own problems (401, 404 on an unknown route, 405, 415 …) carry English reason phrases:
    /// translate them.</summary>
    public static void Translate(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        p.Title = p.Status switch
        {
            400 when p.Title is null or "Bad Request" => L.T("The request is malformed."),
            401 when p.Title is null or "Unauthorized" =>
                L.T("Sign in first, or sign in again: the token is missing or has expired."),
            403 when p.Title is null or "Forbidden" => L.T("Your role may not do this."),
            404 when p.Title is null or "Not Found" => L.T("Not found."),
            405 => L.T("This address does not accept that method."),
            413 when p.Title is null or "Content Too Large" or "Payload Too Large" => L.T("The upload is too large."),
            415 => UnsupportedMediaType(context.HttpContext),
            429 when p.Title is null or "Too Many Requests" => L.T("Too many requests; wait a minute and try again."),
            >= 500 when p.Title is null or "An error occurred while processing your request." =>
                L.T("Something went wrong on the server; nothing was changed."),
            _ => p.Title,
        };
    }
}

/// <summary>Turns what escapes a handler into problem details: a malformed body is the client's fault (400, 413),
/// anything else is ours (500, logged).</summary>
sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, L.T("The upload is too large."), null),
            BadHttpRequestException { InnerException: JsonException j } =>
                (400, L.T("The request body is not valid JSON of the expected shape."),
                j.Path is { } p ? L.T("Look at field") + " " + p : null),
            BadHttpRequestException { StatusCode: 415 } => (415, Problems.UnsupportedMediaType(http), null),
            BadHttpRequestException b => (b.StatusCode, L.T("The request is malformed."), null),
            _ => (500, L.T("Something went wrong on the server; nothing was changed."), (string?)null),
        };
        // A body that does not read names its field, as a handler's own 400 does: { "errors": { "agenda[0]": [ … ] } }.
        var errors = exception is BadHttpRequestException { InnerException: JsonException json }
            ? JsonBodies.Problem(json) : default;
        if (status >= 500) log.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            // A person at a page gets a page in their language, not JSON.
            http.Response.Redirect($"/Error/{status}");
            return true;
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = errors.Field is null
                ? new ProblemDetails { Status = status, Title = title, Detail = detail }
                : new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [errors.Field is "" ? "$" : errors.Field] = [L.T(errors.Problem)],
                })
                {
                    Status = status,
                    Title = title,
                    Detail = detail,
                },
        });
    }
}
