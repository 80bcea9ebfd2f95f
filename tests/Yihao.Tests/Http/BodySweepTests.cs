using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>
/// Every route that takes a JSON body, as the endpoint data source lists them (a new route is swept without anyone
/// adding it here), is sent an unknown field, a value of the wrong type and a null where none is allowed: each is a 400
/// whose errors name the field, in Chinese, and nothing is written.
/// </summary>
public abstract partial class BodySweepTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    sealed record Route(string Method, string Url, Type Body);

    List<Route> JsonRoutes() =>
        [
            .. App
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e =>
                    e.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null } a
                    && a.ContentTypes.Contains("application/json")
                )
                .Select(e => new Route(
                    e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0],
                    Parameter().Replace(e.RoutePattern.RawText!, "1"),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!
                )),
        ];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>A value no property of this type reads.</summary>
    static JsonNode WrongTypeFor(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u == typeof(string) ? new JsonObject { ["not"] = "a string" } : JsonValue.Create("not a " + u.Name);
    }

    /// <summary>(body, the field the answer must name) for each kind of wrong value this type can be sent.</summary>
    static IEnumerable<(JsonObject Body, string Field)> BadBodies(JsonTypeInfo info)
    {
        yield return (new JsonObject { ["zzzUnknown"] = 1 }, "zzzUnknown");
        foreach (var p in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            yield return (new JsonObject { [p.Name] = WrongTypeFor(p.PropertyType) }, p.Name);
            if (!p.IsSetNullable)
                yield return (new JsonObject { [p.Name] = null }, p.Name);
            if (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
                yield return (new JsonObject { [p.Name] = new JsonArray((JsonNode?)null) }, p.Name + "[0]");
        }
    }

    [Fact]
    public async Task Every_json_body_refuses_unknown_wrong_typed_and_null_values_naming_the_field()
    {
        var admin = await App.ClientAsync();
        var json = App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var routes = JsonRoutes();
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes with a JSON body were found");
        Assert.Contains(routes, r => r.Url == "/api/v1/activity-days/1" && r.Method == "PUT");
        var audited = await App.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count()));
        var failures = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            foreach (var (body, field) in BadBodies(json.GetTypeInfo(route.Body)))
            {
                sent++;
                var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url)
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                var answer = await admin.SendAsync(request);
                var text = await answer.Content.ReadAsStringAsync();
                var said =
                    answer.StatusCode == HttpStatusCode.BadRequest ? JsonDocument.Parse(text).RootElement : default;
                if (
                    answer.StatusCode != HttpStatusCode.BadRequest
                    || !said.TryGetProperty("errors", out var errors)
                    || !errors.TryGetProperty(field, out var messages)
                    || !messages[0].GetString()!.Any(c => c > 0x3000)
                )
                    failures.Add(
                        $"{route.Method} {route.Url} {body.ToJsonString()} → {(int)answer.StatusCode}: {text}"
                    );
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(sent > 100, $"{sent}");
        Assert.Equal(audited, await App.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count())));
    }
}

public sealed class BodySweepTestsOnSqlite(SqliteApp app) : BodySweepTests<SqliteApp>(app);

public sealed class BodySweepTestsOnPostgres(PostgresApp app) : BodySweepTests<PostgresApp>(app);
