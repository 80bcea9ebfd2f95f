using System.Globalization;
using System.Xml.Linq;
using Yihao.Web.Features.Dashboard;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Dashboard;

/// <summary>The charts are SVG whose text holds the figures they draw, in Chinese, asking for a CJK font.</summary>
public sealed class ChartTests : IDisposable
{
    readonly CultureInfo before = CultureInfo.CurrentUICulture;

    public ChartTests() => CultureInfo.CurrentUICulture = L.Chinese;

    public void Dispose() => CultureInfo.CurrentUICulture = before;

    static Figures Of(int expected, int present, int red, int yellow, int blue)
    {
        var rate = expected == 0 ? 0 : Math.Round((double)present / expected, 4);
        return new Figures(
            new AttendanceFigures(expected, present, expected - present, 0, 0, 0, rate),
            new DayFigures(1, 1, 1, 0, 0),
            new StarFigures(red, yellow, blue)
        );
    }

    static readonly MonthFigures[] Trend =
    [
        new("2026-10", Of(40, 37, 12, 25, 3)),
        new("2026-11", Of(0, 0, 0, 0, 0)),
        new("2026-12", Of(40, 31, 9, 27, 4)),
    ];

    /// <summary>Every text of the SVG, which must parse as XML.</summary>
    static List<string> Texts(string svg)
    {
        Directory.CreateDirectory("charts");
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return [.. doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];
    }

    [Fact]
    public void The_attendance_trend_labels_its_months_and_rates_in_chinese()
    {
        var svg = Charts.AttendanceTrend(Trend);
        Keep("trend.svg", svg);
        var texts = Texts(svg);
        Assert.Contains("到会率趋势", texts);
        Assert.Contains("10月", texts);
        Assert.Contains("12月", texts);
        Assert.Contains("92.5%", texts); // 37 / 40
        Assert.Contains("77.5%", texts); // 31 / 40
        Assert.DoesNotContain("0.0%", texts); // November expected nobody: no point
        Assert.Contains("'Yihao CJK'", svg);
        Assert.Contains("@font-face", svg);
    }

    [Fact]
    public void The_star_distribution_labels_each_colour_with_its_count()
    {
        var texts = Texts(Charts.StarDistribution(Trend));
        Assert.Contains("各月星级分布", texts);
        foreach (var n in new[] { "12", "25", "3", "9", "27", "4" })
            Assert.Contains(n, texts);
        Assert.Contains("红星（优秀）", texts);
        Assert.Contains("蓝星（不合格）", texts);
    }

    [Fact]
    public void The_heat_map_has_a_row_per_branch_and_a_labelled_cell_per_month_with_a_day()
    {
        BranchMonths[] branches =
        [
            new(1, "东村党支部", "/1/2/", [0.95, null, 0.7], 0.83, 2, 2),
            new(2, "西村党支部", "/1/3/", [1.0, 0.5, null], 0.75, 2, 1),
        ];
        var svg = Charts.HeatMap(branches, Trend);
        Keep("heatmap.svg", svg);
        var texts = Texts(svg);
        Assert.Contains("东村党支部", texts);
        Assert.Contains("西村党支部", texts);
        foreach (var n in new[] { "95", "70", "100", "50" })
            Assert.Contains(n, texts);
        var capped = Texts(Charts.HeatMap(branches, Trend, rows: 1));
        Assert.Contains("西村党支部", capped); // the lower rate first
        Assert.DoesNotContain("东村党支部", capped);
    }

    [Fact]
    public void A_ranking_names_its_best_and_worst_in_order_with_their_rates()
    {
        var all = Enumerable.Range(1, 25).Select(i => new Ranked(i, $"第{i}支部", i / 25.0)).ToList();
        var (best, worst) = Charts.BestAndWorst(all);
        Assert.Equal(10, best.Count);
        Assert.Equal("第25支部", best[0].Name);
        Assert.Equal("第1支部", worst[0].Name);
        var svg = Charts.Ranking("到会率最高的十个支部", best);
        Keep("ranking.svg", svg);
        var texts = Texts(svg);
        Assert.Contains("到会率最高的十个支部", texts);
        Assert.Contains("第25支部", texts);
        Assert.Contains("100.0%", texts);
        Assert.Contains("64.0%", texts); // the tenth, 16 / 25
        Assert.DoesNotContain("第15支部", texts);
    }

    /// <summary>Keeps a chart in the test output, to look at.</summary>
    static void Keep(string name, string svg)
    {
        Directory.CreateDirectory("charts");
        File.WriteAllText(Path.Combine("charts", name), svg);
    }
}
