using System.Globalization;
using System.Text;
using ScottPlot;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Dashboard;

/// <summary>One bar of a ranking: a name and its value (a rate from 0 to 1).</summary>
public sealed record Ranked(int OrgId, string Name, double Value);

/// <summary>
/// The dashboard's charts, drawn on the server by ScottPlot as SVG: text stays text (the tests read the labels and
/// values from it), in a CJK font that the page references (<see cref="FontFamily"/>, served by <see
/// cref="MapChartFont"/>) so that a browser without one still shows the Chinese.
/// </summary>
public static partial class Charts
{
    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex FontAttribute();

    /// <summary>The font the server measures and draws with (Debian's fonts-wqy-microhei).</summary>
    public const string DrawingFont = "WenQuanYi Micro Hei";

    /// <summary>The family the SVG's text asks for: Yihao's own web font first, then the usual CJK fonts.</summary>
    public const string FontFamily =
        "'Yihao CJK', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

    public const string FontUrl = "/fonts/cjk.ttc";

    /// <summary>Where the font file is read from; configuration Charts:FontFile overrides it.</summary>
    public const string DefaultFontFile = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    static readonly Color Red = Color.FromHex("#c8102e"),
        Yellow = Color.FromHex("#e0a800"),
        Blue = Color.FromHex("#1f5fbf");
    static readonly Color Grey = Color.FromHex("#d9dde3");

    /// <summary>Serves the CJK font the charts reference, from the machine's font file (cached a year; it never
    /// changes under its address).</summary>
    public static void MapChartFont(this IEndpointRouteBuilder app, IConfiguration config) =>
        app.MapGet(FontUrl, (HttpContext http) =>
            {
                var file = config["Charts:FontFile"] ?? DefaultFontFile;
                if (!File.Exists(file))
                    return Results.NotFound();
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.File(file, "font/collection");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    /// <summary>The style an inline SVG needs so that its text finds a CJK font: a local one first, Yihao's
    /// otherwise.</summary>
    public static string FontFace =>
        "@font-face{font-family:'Yihao CJK';src:local('WenQuanYi Micro Hei'),local('PingFang SC'),"
        + $"local('Microsoft YaHei'),local('Noto Sans CJK SC'),url('{FontUrl}') format('collection');}}";

    static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(DrawingFont);
        plot.Title(title, 16);
        return plot;
    }

    static string Month(string month) =>
        L.IsChinese ? $"{int.Parse(month[5..], CultureInfo.InvariantCulture)}月" : month;

    static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>到会率 month by month, each point labelled with its rate; months without anyone expected are
    /// left out.</summary>
    public static string AttendanceTrend(IReadOnlyList<MonthFigures> trend)
    {
        var plot = NewPlot(L.T("Attendance rate by month"));
        var points = trend.Select((m, i) => (i, m)).Where(p => p.m.Figures.Attendance.Expected > 0).ToList();
        if (points.Count > 0)
        {
            var line = plot.Add.Scatter(
                points.Select(p => (double)p.i).ToArray(),
                points.Select(p => p.m.Figures.Attendance.Rate * 100).ToArray()
            );
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.Color = Red;
            foreach (var (i, m) in points)
            {
                var text = plot.Add.Text(Percent(m.Figures.Attendance.Rate), i, m.Figures.Attendance.Rate * 100);
                text.LabelFontSize = 11;
                text.LabelAlignment = Alignment.LowerCenter;
                text.OffsetY = -6;
            }
        }
        var ninety = plot.Add.HorizontalLine(90);
        ninety.LinePattern = LinePattern.Dashed;
        ninety.Color = Grey.Darken(0.3);
        plot.Axes.Bottom.SetTicks([.. trend.Select((_, i) => (double)i)], [.. trend.Select(m => Month(m.Month))]);
        plot.Axes.SetLimits(-0.5, Math.Max(trend.Count - 0.5, 0.5), 0, 105);
        plot.YLabel(L.T("Attendance rate") + " (%)");
        return Svg(plot, 720, 320);
    }

    /// <summary>The star colours month by month, stacked: red, yellow, blue, each segment labelled with its
    /// count.</summary>
    public static string StarDistribution(IReadOnlyList<MonthFigures> trend)
    {
        var plot = NewPlot(L.T("Stars by month"));
        var bars = new List<Bar>();
        for (var i = 0; i < trend.Count; i++)
        {
            var s = trend[i].Figures.Stars;
            double at = 0;
            foreach (var (count, color) in new[] { (s.Red, Red), (s.Yellow, Yellow), (s.Blue, Blue) })
            {
                if (count == 0)
                    continue;
                bars.Add(
                    new Bar
                    {
                        Position = i,
                        ValueBase = at,
                        Value = at + count,
                        FillColor = color,
                        Label = count.ToString(CultureInfo.InvariantCulture),
                        CenterLabel = true,
                    }
                );
                at += count;
            }
        }
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 11;
        plotted.ValueLabelStyle.ForeColor = Colors.White;
        plot.Axes.Bottom.SetTicks([.. trend.Select((_, i) => (double)i)], [.. trend.Select(m => Month(m.Month))]);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(L.T("Members"));
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = L.T("Red (excellent)"), FillColor = Red });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = L.T("Yellow (qualified)"), FillColor = Yellow });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = L.T("Blue (unqualified)"), FillColor = Blue });
        plot.ShowLegend(Alignment.UpperLeft);
        return Svg(plot, 720, 320);
    }

    /// <summary>Branches × months of attendance: each cell coloured by its rate and labelled with it; grey where
    /// the branch had no day. At most <paramref name="rows"/> branches, the lowest rates first.</summary>
    public static string HeatMap(
        IReadOnlyList<BranchMonths> branches,
        IReadOnlyList<MonthFigures> months,
        int rows = 60
    )
    {
        var shown = branches.OrderBy(b => b.Rate ?? 2).ThenBy(b => b.Name, StringComparer.Ordinal).Take(rows).ToList();
        var title =
            shown.Count < branches.Count
                ? L.T("Attendance by branch and month (the {0} lowest)", shown.Count)
                : L.T("Attendance by branch and month");
        var plot = NewPlot(title);
        for (var r = 0; r < shown.Count; r++)
            for (var c = 0; c < months.Count; c++)
            {
                var rate = shown[r].Rates[c];
                var y = shown.Count - 1 - r;
                var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = rate is { } v ? Shade(v) : Grey;
                cell.LineColor = Colors.White;
                if (rate is not { } x)
                    continue;
                var text = plot.Add.Text(((int)Math.Round(x * 100)).ToString(CultureInfo.InvariantCulture), c, y);
                text.LabelFontSize = 10;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = x < 0.8 ? Colors.White : Colors.Black;
            }
        plot.Axes.Bottom.SetTicks([.. months.Select((_, i) => (double)i)], [.. months.Select(m => Month(m.Month))]);
        plot.Axes.Left.SetTicks(
            [.. shown.Select((_, i) => (double)(shown.Count - 1 - i))],
            [.. shown.Select(b => b.Name)]
        );
        plot.Axes.SetLimits(-0.5, months.Count - 0.5, -0.5, Math.Max(shown.Count, 1) - 0.5);
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        return Svg(plot, 720, 90 + 18 * Math.Max(shown.Count, 4));
    }

    /// <summary>Red below 80%, amber below 90%, green from 90% (the source's target), lighter as it rises.</summary>
    static Color Shade(double rate) =>
        rate switch
        {
            < 0.8 => Color.FromHex("#c8102e"),
            < 0.9 => Color.FromHex("#f0ad4e"),
            < 0.95 => Color.FromHex("#9bd19b"),
            _ => Color.FromHex("#3c9a3c"),
        };

    /// <summary>A ranking as horizontal bars, the first at the top, each labelled with its value.</summary>
    public static string Ranking(string title, IReadOnlyList<Ranked> items)
    {
        var plot = NewPlot(title);
        var bars = items
            .Select(
                (x, i) =>
                    new Bar
                    {
                        Position = items.Count - 1 - i,
                        Value = x.Value * 100,
                        FillColor = Shade(x.Value),
                        Label = Percent(x.Value),
                    }
            )
            .ToList();
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 11;
        plot.Axes.Left.SetTicks(
            [.. items.Select((_, i) => (double)(items.Count - 1 - i))],
            [.. items.Select(x => x.Name)]
        );
        plot.Axes.SetLimitsX(0, 115);
        plot.Axes.SetLimitsY(-0.5, Math.Max(items.Count, 1) - 0.5);
        return Svg(plot, 560, 90 + 26 * Math.Max(items.Count, 3));
    }

    /// <summary>The best and the worst ten, by a value where there is one.</summary>
    public static (List<Ranked> Best, List<Ranked> Worst) BestAndWorst(IEnumerable<Ranked> all, int count = 10)
    {
        var sorted = all.OrderByDescending(r => r.Value).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return (sorted.Take(count).ToList(), sorted.AsEnumerable().Reverse().Take(count).ToList());
    }

    /// <summary>The plot as SVG text, its fonts asking for the CJK family with Yihao's web font first.</summary>
    static string Svg(Plot plot, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        var sb = new StringBuilder(svg.Length + 300);
        sb.Append(FontAttribute().Replace(svg, $"font-family=\"{FontFamily}\""));
        var open = sb.ToString().IndexOf('>', sb.ToString().IndexOf("<svg", StringComparison.Ordinal)) + 1;
        sb.Insert(open, $"<style>{FontFace}</style>");
        return sb.ToString()
            .Replace(
                "<svg ",
                $"<svg role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(Title(plot))}\" ",
                StringComparison.Ordinal
            );
    }

    static string Title(Plot plot) => plot.Axes.Title.Label.Text;
}
