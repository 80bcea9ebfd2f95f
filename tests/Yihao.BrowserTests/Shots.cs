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

/// <summary>A printed page read back as text with pdftotext, as a person reading the paper would.</summary>
public static class Pdf
{
    /// <summary>The text without any white space, so that a line break in the print does not split a word.</summary>
    public static string Flat(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", "");

    public static async Task<string> TextAsync(string pdf, bool layout = false)
    {
        string[] args = layout ? ["-layout", "-enc", "UTF-8", pdf, "-"] : ["-enc", "UTF-8", pdf, "-"];
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", args)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
