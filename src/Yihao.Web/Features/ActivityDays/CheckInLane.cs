using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Yihao.Web.Domain;
using Yihao.Web.Features.Liaison;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.ActivityDays;

/// <summary>
/// The scan's own lane. At ten past eight on the 1st the whole district scans within minutes, and a scan that succeeds
/// needs only its token, its code and its row: it should not pay for routing, the authentication and authorization
/// stages, model binding and a request scope. A well-formed, valid scan is answered here with the very bytes the
/// endpoint would send: a member's check-in, or an assigned liaison leader's (<see cref="LiaisonApi"/>, one a branch,
/// among its members' scans). Anything else (no or a bad token, a wrong code, a closed window, a member not expected, a
/// leader not assigned, a body that is not plain) goes on down the full pipeline untouched, which checks it all again
/// and answers with the usual problem details in the user's language.
/// </summary>
public static class CheckInLane
{
    const string Prefix = "/api/v1/activity-days/";
    const string Member = "/check-in";
    const string Liaison = "/liaison-check-in";
    const int MaxBody = 1024;

    public static IApplicationBuilder UseCheckInLane(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var policy = services.GetRequiredService<IOptions<ActivityPolicy>>();
        var meetings = services.GetRequiredService<MeetingFacts>();
        var writer = services.GetRequiredService<CheckInWriter>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var tokens = services.GetRequiredService<ApiTokens>();
        var stamps = services.GetRequiredService<AccountStamps>();
        return app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || ScanOf(http.Request.Path.Value) is not { } scan
                || tokens.Read(ApiTokens.FromHeader(http.Request), clock.GetUtcNow()) is not { } caller ||
                (scan.Liaison ? caller.Role != Roles.LiaisonLeader : caller.MemberId is null) ||
                // a dictionary lookup for a cached account; a revoked token goes on and is refused there
                !await stamps.IsCurrentAsync(caller.UserId, caller.Stamp))
            {
                await next(http);
                return;
            }
            // No cancellation token: a scan waits for a body already in the buffer and for one group commit, a few
            // milliseconds, and asking Kestrel for the request's token costs each request a token source of its own.
            var (body, length) = await ReadBodyAsync(http.Request);
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var facts = length < 0 ? null : await FactsOrNullAsync(meetings, scan.DayId);
                if (facts is null
                    || !(scan.Liaison ? facts.Liaisons.Contains(caller.UserId)
                    : facts.Expected.Contains(caller.MemberId!.Value)) ||
                    !CheckIns.WindowOpen(facts.Day, policy.Value, now)
                        || !facts.CodeValid(CodeOf(body.AsSpan(0, Math.Max(length, 0))),
                        CheckInCode.Step(now, policy.Value.CodeStepSeconds)))
                {
                    // The full pipeline reads the same body again and says what is wrong.
                    if (length >= 0) http.Request.Body = new MemoryStream(body, 0, length, writable: false);
                    await next(http);
                    return;
                }
                // The whole answer with its length, sent with the headers in one write at the end of the request (a
                // chunked answer went out in two, and the phone woke twice to read it).
                var answer = scan.Liaison
                    ? JsonSerializer.SerializeToUtf8Bytes(
                        LiaisonApi.ViewOf(facts.Day.Id,
                        await writer.LiaisonAsync(facts.Day, caller.UserName, now, CancellationToken.None)), json)
                    : JsonSerializer.SerializeToUtf8Bytes(ActivityDaysApi.AttendanceOf(
                        await writer.WriteAsync(facts.Day, caller.MemberId!.Value, AttendanceStatus.Present,
                            CheckInMethod.QrScan, null, null, now, CancellationToken.None,
                            CheckIn.DeviceKey.Of(http.Request))), json);
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = answer.Length;
                http.Response.BodyWriter.Write(answer);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        });
    }

    /// <summary>The day's facts, or null when they cannot be read now: the full pipeline then answers (a liaison
    /// leader's from the database).</summary>
    static async Task<MeetingFacts.DayFacts?> FactsOrNullAsync(MeetingFacts meetings, int dayId)
    {
        try
        {
            return await meetings.ForAsync(dayId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The day's id, and whose check-in it is, when the path is exactly a check-in's.</summary>
    static (int DayId, bool Liaison)? ScanOf(string? path)
    {
        if (path is null || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var liaison = path.EndsWith(Liaison, StringComparison.OrdinalIgnoreCase);
        if (!liaison && !path.EndsWith(Member, StringComparison.OrdinalIgnoreCase)) return null;
        // a day of one digit too (the lane once began at two)
        var idLength = path.Length - Prefix.Length - (liaison ? Liaison : Member).Length;
        return idLength > 0
            && int.TryParse(path.AsSpan(Prefix.Length, idLength), NumberStyles.None, CultureInfo.InvariantCulture,
            out var dayId) ? (dayId, liaison) : null;
    }

    /// <summary>The body into a pooled buffer; a length of -1 when it is too long or not JSON (the full pipeline then
    /// reads the original).</summary>
    static async Task<(byte[] Body, int Length)> ReadBodyAsync(HttpRequest request)
    {
        var body = ArrayPool<byte>.Shared.Rent(MaxBody);
        if (request.ContentLength is not (> 0 and <= MaxBody) || request.HasJsonContentType() is false) return (body,
            -1);
        var length = 0;
        int read;
        while (length < MaxBody
            && (read = await request.Body.ReadAsync(body.AsMemory(length, MaxBody - length))) > 0) length += read;
        return (body, length);
    }

    /// <summary>The "code" of exactly {"code": "..."} (either case, as the endpoint binds it), or null: a body with
    /// any other field goes to the full pipeline, which answers it with the 400 every strict body gets.</summary>
    static string? CodeOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return null;
            if (!reader.ValueTextEquals("code"u8) && !reader.ValueTextEquals("Code"u8)) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
            var code = reader.GetString();
            return reader.Read() && reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? code : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
