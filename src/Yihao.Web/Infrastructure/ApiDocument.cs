using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Yihao.Web.Infrastructure;

/// <summary>What the OpenAPI document says once for every route: errors, updates, repeats, timestamps.</summary>
public static class ApiDocument
{
    public const string Timestamps = "UTC, ISO 8601 with Z (2026-12-01T01:00:00Z); pages show China time (UTC+8)";

    const string Bearer = "bearer";

    static readonly string[] Description =
    [
        "Timestamps: " + Timestamps,
        "Errors are RFC 9457 problem details in the user's language (Accept-Language: zh-CN or en); a 400 names each "
            + "field in `errors` (a body's JSON path: `agenda[0].title`). An unknown field, a value of the wrong type "
            + "or a null where none is allowed is a 400 that changes nothing. Without a valid token every route but "
            + "sign-in answers 401 first.",
        "PUT changes only the fields it sends: a field left out or null keeps its value; \"\" clears a text that may "
            + "be empty, [] a list. A value equal to the masked form the caller was shown keeps the stored one.",
        "Repeats: posting what already exists answers 200 with it; something different for the same key answers "
            + "409. See docs/api.md.",
        "Sign in with POST /api/v1/auth/token and send the token as `Authorization: Bearer …` (in this reference: "
            + "Authentication, then paste it).",
    ];

    public static void Configure(OpenApiOptions o)
    {
        o.AddSchemaTransformer(
            (schema, _, _) =>
            {
                if (schema.Format == "date-time")
                    schema.Description = Timestamps;
                return Task.CompletedTask;
            }
        );
        o.AddOperationTransformer(
            (operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                    operation.Security = []; // sign-in itself takes no token
                return Task.CompletedTask;
            }
        );
        o.AddDocumentTransformer(
            (document, _, _) =>
            {
                document.Info.Title = "Yihao API";
                document.Info.Description = string.Join("\n\n", Description);
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token from POST /api/v1/auth/token, valid 8 hours or until the account changes.",
                };
                document.Security = [new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];
                return Task.CompletedTask;
            }
        );
    }
}
