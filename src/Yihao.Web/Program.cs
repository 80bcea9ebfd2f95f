using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Accounts;
using Yihao.Web.Features.ActivityDays;
using Yihao.Web.Features.Audit;
using Yihao.Web.Features.Auth;
using Yihao.Web.Features.CallOuts;
using Yihao.Web.Features.CheckIn;
using Yihao.Web.Features.Commitments;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Features.Deliberation;
using Yihao.Web.Features.Dues;
using Yihao.Web.Features.Exports;
using Yihao.Web.Features.Liaison;
using Yihao.Web.Features.Me;
using Yihao.Web.Features.Members;
using Yihao.Web.Features.Organizations;
using Yihao.Web.Features.Outbox;
using Yihao.Web.Features.Service;
using Yihao.Web.Features.Stars;
using Yihao.Web.Features.Supervision;
using Yihao.Web.Features.Todo;
using Yihao.Web.Infrastructure;

// `--demo` is a switch, not a key=value pair: turn it into configuration before the host reads the command line.
args = [.. args.Select(a => a == "--demo" ? "--Demo=true" : a)];
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<AuditActor>();
builder.Services.AddSingleton<BranchChanges>();
builder.Services.Configure<ActivityPolicy>(builder.Configuration.GetSection("Policy"));
builder.Services.AddSingleton<PersonalCodes>();
builder.Services.AddSingleton<CheckInWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CheckInWriter>());
builder.Services.AddSingleton<MeetingFacts>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MeetingFacts>());
builder.Services.AddYihaoDb(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddYihaoFiles(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddYihaoSecurity(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddHostedService<WarningSchedule>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Translate);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenApi(ApiDocument.Configure);
builder.Services.Configure<JsonOptions>(o => JsonBodies.Configure(o.SerializerOptions));
// Chinese stays Chinese in the HTML instead of &#x...; entities: pages are a third of the size on a cheap phone's
// connection.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings =
    new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToFolder("/Account");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AllowAnonymousToPage("/Stars/Display");
}).AddMvcOptions(o => BindingMessages.Configure(o.ModelBindingMessageProvider));

builder.Services.WithoutContentTypeRouting(); // authentication first, then the body's content type

var app = builder.Build();

if (ResetPassword.UserName(args) is { } account)
{
    Environment.ExitCode = await ResetPassword.RunAsync(app.Services, account, app.Configuration);
    return;
}

app.UseTrustedProxies(); // the client's address behind the configured TLS proxy, for the sign-in throttle
// The language is settled first, so that errors, too, speak the user's language.
app.UseYihaoLocalization();
app.UseExceptionHandler();
app.UseCheckInLane(); // a valid scan is answered before routing; everything else goes on below
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}"));
app.UseRouting(); // after the status pages, so that a re-executed request finds the error page's endpoint
app.UseStaticFiles();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseFormLineBreaks(); // a textarea's CR LF counts as the one character the browser counted
app.UseAntiforgery();

app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteAsync });
app.MapOpenApi("/openapi/{documentName}.json");
// The browsable reference: Scalar's script is served from the package itself, with no web fonts, telemetry, agent or
// MCP, so that it loads on a district's network with no way out and sends nothing to anyone.
app.MapScalarApiReference(
    "/api/reference",
    reference =>
        reference
            .WithTitle("Yihao API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .HideDeveloperTools()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
);
app.MapLanguageSwitch();
app.MapScan();
app.MapBoardLive();

var api = app.MapGroup("/api/v1").RequireAuthorization(Security.ApiPolicy).DisableAntiforgery();
api.MapAuthApi();
api.MapOrgsApi();
api.MapMembersApi();
api.MapUsersApi();
api.MapAuditApi();
api.MapActivityDaysApi();
api.MapMeApi();
api.MapOutboxApi();
api.MapStarsApi();
api.MapLiaisonApi();
api.MapTodoApi(); // 待办 and 催报 (issue 24)
api.MapSupervisionApi(); // Supervision (督查)
api.MapDuesApi();
api.MapCommitmentsApi();
api.MapServiceApi(); // Service ledger (服务台账)
api.MapDeliberationApi(); // 民主议事
api.MapCallOutsApi(); // 志愿者召集
api.MapDashboardApi();
app.MapExports(); // 导出 Excel, by token or by the pages' cookie
app.MapChartFont(app.Configuration);
app.MapRazorPages();

try
{
    app.Run();
}
catch (PreReleaseDatabaseException e)
{
    Console.Error.WriteLine(e.Message);
    Environment.ExitCode = 2;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
