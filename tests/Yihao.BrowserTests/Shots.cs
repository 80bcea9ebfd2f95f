using Microsoft.Playwright;

namespace Yihao.BrowserTests;

/// <summary>Screenshots and PDFs kept in the test output (<c>bin/…/screenshots</c>), where a reviewer finds
/// them after a run.</summary>
public static class Shots
{
    public static string Folder { get; } =
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static Task TakeAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = PathOf(name), FullPage = fullPage });
}
