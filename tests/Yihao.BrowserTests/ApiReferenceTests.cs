using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yihao.BrowserTests;

/// <summary>The browsable API reference at /api/reference, as an integrator on the district's closed network opens it:
/// it renders the OpenAPI document's description and routes, and every request it makes — its script, styles, fonts,
/// the document — goes to Yihao itself. A request to any other host fails the test (and is refused, so that a page
/// that only worked with the internet would show it here).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_reference_renders_the_documents_routes_with_every_request_served_by_yihao()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var firstPath = document.GetProperty("paths").EnumerateObject().First().Name;
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes")
            .GetProperty("bearer").GetProperty("scheme").GetString());
        var signIn = document.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post");
        Assert.Equal(0, signIn.GetProperty("security").GetArrayLength()); // sign-in itself takes no token

        await using var context = await app.NewContextAsync();
        var outside = new List<string>();
        var local = new List<string>();
        await context.RouteAsync(
            "**/*",
            async route =>
            {
                var url = new Uri(route.Request.Url);
                if (url.Host == app.BaseAddress.Host && url.Port == app.BaseAddress.Port)
                {
                    lock (local)
                        local.Add(url.PathAndQuery);
                    await route.ContinueAsync();
                    return;
                }
                lock (outside)
                    outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        );
        var page = await context.NewPageAsync();
        var answer = await page.GotoAsync("/api/reference");
        Assert.Equal(200, answer!.Status);

        await Expect(page.GetByText("Timestamps: UTC", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.GetByText(firstPath, new() { Exact = false }).First).ToBeAttachedAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Shots.TakeAsync(page, "api-reference.png", fullPage: false);

        output.WriteLine(string.Join("\n", local));
        Assert.Contains(local, p => p.StartsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.Contains(local, p => p.EndsWith("scalar.js", StringComparison.Ordinal));
        Assert.True(outside.Count == 0, "requests left Yihao:\n" + string.Join("\n", outside));
    }
}
