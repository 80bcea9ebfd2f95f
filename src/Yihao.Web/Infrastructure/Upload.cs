using Microsoft.AspNetCore.Http.HttpResults;

namespace Yihao.Web.Infrastructure;

/// <summary>Reads one uploaded file with a size limit, answering a problem in the user's language rather than throwing.</summary>
public static class Upload
{
    public static async Task<(byte[]? File, ProblemHttpResult? Problem)> ReadFileAsync(HttpRequest request, string field, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + 64 * 1024)
            return (null, TooLarge(maxBytes));
        if (!request.HasFormContentType)
            return (null, TypedResults.Problem(title: L.T("Send the file as multipart/form-data in the field '{0}'.", field), statusCode: 400));
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
        if (file is null) return (null, TypedResults.Problem(title: L.T("Send the file as multipart/form-data in the field '{0}'.", field), statusCode: 400));
        if (file.Length > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }

    static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(title: L.T("The upload is too large."), detail: L.T("At most {0} MB.", maxBytes / 1024 / 1024), statusCode: 413);
}
