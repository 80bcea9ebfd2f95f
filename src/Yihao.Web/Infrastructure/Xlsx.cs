using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Yihao.Web.Infrastructure;

/// <summary>How a column's cells are written: text, a number, a percentage (a fraction shown as 92.5%), a date or a
/// date and time (real dates, which Excel sorts and filters as dates).</summary>
public enum XlsxKind { Auto, Text, Number, Money, Percent, Date, DateTime }

/// <summary>One column of an export: its header (an English key, written in the user's language), how to read a row's
/// value, its width in characters (0: from the header) and how its cells are written.</summary>
public sealed record XlsxColumn<T>(string Header, Func<T, object?> Value, double Width = 0,
    XlsxKind Kind = XlsxKind.Auto);

/// <summary>
/// An .xlsx file made of one sheet: a bold header row that stays in view when scrolling (frozen), the columns' widths,
/// numbers as numbers and dates as dates. Rows come as an <see cref="IAsyncEnumerable{T}"/> and are written as they
/// arrive (to a temporary file, then sent), so that a district's 30,000 members are never a list in memory. Written
/// by hand with <see cref="XmlWriter"/> rather than MiniExcel: MiniExcel takes rows only as a list or a synchronous
/// enumerable and has no frozen rows in the version used here.
/// <para>To add an export: <c>new XlsxExport&lt;T&gt;("文件名", "Sheet name", columns, rows)</c>, returned from a
/// minimal API handler or a page handler as it is (it is both an <see cref="IResult"/> and an
/// <see cref="IActionResult"/>).</para>
/// </summary>
public sealed class XlsxExport<T>(string fileName, string sheet, IReadOnlyList<XlsxColumn<T>> columns,
    IAsyncEnumerable<T> rows) : IResult, IActionResult
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileName => fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? fileName : fileName + ".xlsx";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        var ct = http.RequestAborted;
        var path = Path.GetTempFileName();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Xlsx.WriteAsync(file, sheet, columns, rows, ct);
        file.Position = 0;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = file.Length;
        http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition
        {
            FileName = FileName,
            DispositionType = "attachment",
        }.ToString();
        await file.CopyToAsync(http.Response.Body, ct);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}

public static class Xlsx
{
    // Styles by index in styles.xml: 0 plain, 1 header (bold), 2 date, 3 date and time, 4 percent, 5 money.
    const int Header = 1, DateStyle = 2, DateTimeStyle = 3, PercentStyle = 4, MoneyStyle = 5;
    const int MaxRows = 1_048_575; // Excel's limit, less the header

    /// <summary>Rows fetched a page at a time (for lists whose handler pages with skip and take), one after
    /// another.</summary>
    public static async IAsyncEnumerable<T> Pages<T>(Func<int, int, Task<IReadOnlyList<T>?>> page, int size = 500)
    {
        for (var skip = 0; ; skip += size)
        {
            var items = await page(skip, size);
            if (items is null)
                yield break;
            foreach (var item in items)
                yield return item;
            if (items.Count < size)
                yield break;
        }
    }

    /// <summary>A list already in memory (a branch's board, a day's sheet) as rows.</summary>
    public static async IAsyncEnumerable<T> Rows<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
            yield return item;
        await Task.CompletedTask;
    }

    public static async Task WriteAsync<T>(Stream output, string sheet, IReadOnlyList<XlsxColumn<T>> columns,
        IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes);
            Part(zip, "_rels/.rels", RootRels);
            Part(zip, "xl/workbook.xml", Workbook(Clean(sheet, 31)));
            Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRels);
            Part(zip, "xl/styles.xml", Styles);
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            await using var stream = entry.Open();
            await using var x = XmlWriter.Create(stream, new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Async = true,
            });
            await WriteSheetAsync(x, columns, rows, ct);
        }
        await output.FlushAsync(ct);
    }

    const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    static async Task WriteSheetAsync<T>(XmlWriter x, IReadOnlyList<XlsxColumn<T>> columns, IAsyncEnumerable<T> rows,
        CancellationToken ct)
    {
        await x.WriteStartDocumentAsync(true);
        x.WriteStartElement("worksheet", Ns);
        // The header row stays in view (frozen) while the rows scroll under it.
        x.WriteStartElement("sheetViews");
        x.WriteStartElement("sheetView");
        x.WriteAttributeString("workbookViewId", "0");
        x.WriteStartElement("pane");
        x.WriteAttributeString("ySplit", "1");
        x.WriteAttributeString("topLeftCell", "A2");
        x.WriteAttributeString("activePane", "bottomLeft");
        x.WriteAttributeString("state", "frozen");
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteStartElement("cols");
        var headers = columns.Select(c => L.T(c.Header)).ToList();
        for (var i = 0; i < columns.Count; i++)
        {
            x.WriteStartElement("col");
            x.WriteAttributeString("min", $"{i + 1}");
            x.WriteAttributeString("max", $"{i + 1}");
            x.WriteAttributeString("width", Inv(WidthOf(columns[i], headers[i])));
            x.WriteAttributeString("customWidth", "1");
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteStartElement("sheetData");
        x.WriteStartElement("row");
        x.WriteAttributeString("r", "1");
        for (var i = 0; i < headers.Count; i++)
            Cell(x, i, 1, headers[i], XlsxKind.Text, Header);
        x.WriteEndElement();
        var r = 1;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (++r > MaxRows + 1)
                break;
            x.WriteStartElement("row");
            x.WriteAttributeString("r", $"{r}");
            for (var i = 0; i < columns.Count; i++)
                Cell(x, i, r, columns[i].Value(row), columns[i].Kind, 0);
            x.WriteEndElement();
            if (r % 500 == 0)
                await x.FlushAsync();
        }
        x.WriteEndElement(); // sheetData
        if (columns.Count > 0)
        {
            x.WriteStartElement("autoFilter");
            x.WriteAttributeString("ref", $"A1:{Column(columns.Count - 1)}{Math.Max(r, 1)}");
            x.WriteEndElement();
        }
        x.WriteEndElement();
        await x.WriteEndDocumentAsync();
        await x.FlushAsync();
    }

    /// <summary>Wide enough for the header (a Chinese character takes two) and the column's own width.</summary>
    static double WidthOf<T>(XlsxColumn<T> c, string header)
    {
        var h = header.Sum(ch => ch > 0x2E80 ? 2 : 1) + 3;
        var least = c.Kind switch
        {
            XlsxKind.Date => 12,
            XlsxKind.DateTime => 18,
            _ => 8,
        };
        return Math.Min(80, Math.Max(Math.Max(h, least), c.Width));
    }

    static void Cell(XmlWriter x, int column, int row, object? value, XlsxKind kind, int style)
    {
        if (value is null)
            return;
        x.WriteStartElement("c");
        x.WriteAttributeString("r", $"{Column(column)}{row}");
        switch (value)
        {
            case DateOnly d:
                Number(x, d.ToDateTime(TimeOnly.MinValue), style == 0 ? DateStyle : style, false);
                break;
            case DateTime t:
                Number(x, DistrictTime.Local(t), style == 0 ? kind == XlsxKind.Date ? DateStyle : DateTimeStyle
                    : style, true);
                break;
            case DateTimeOffset o:
                Number(x, DistrictTime.Local(o.UtcDateTime), style == 0 ? DateTimeStyle : style, true);
                break;
            case bool b:
                Text(x, L.T(b ? "Yes" : "No"), style);
                break;
            case int or long or short or decimal or double or float:
                var s = style != 0 ? style : kind switch
                {
                    XlsxKind.Percent => PercentStyle,
                    XlsxKind.Money => MoneyStyle,
                    _ => 0,
                };
                if (s != 0)
                    x.WriteAttributeString("s", $"{s}");
                x.WriteElementString("v", Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                Text(x, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", style);
                break;
        }
        x.WriteEndElement();
    }

    static void Number(XmlWriter x, DateTime at, int style, bool withTime)
    {
        x.WriteAttributeString("s", $"{style}");
        var serial = (at - new DateTime(1899, 12, 30)).TotalDays;
        x.WriteElementString("v", Inv(withTime ? Math.Round(serial, 8) : Math.Floor(serial)));
    }

    /// <summary>Text as an inline string: a value that begins with "=" stays text, never a formula.</summary>
    static void Text(XmlWriter x, string text, int style)
    {
        x.WriteAttributeString("t", "inlineStr");
        if (style != 0)
            x.WriteAttributeString("s", $"{style}");
        x.WriteStartElement("is");
        x.WriteStartElement("t");
        x.WriteAttributeString("xml", "space", null, "preserve");
        x.WriteString(Clean(text, 32767));
        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>Without the control characters XML cannot hold, and no longer than a cell takes.</summary>
    static string Clean(string s, int max)
    {
        var b = new StringBuilder(Math.Min(s.Length, max));
        foreach (var ch in s)
        {
            if (b.Length >= max)
                break;
            if (ch >= 0x20 || ch is '\t' or '\n' or '\r')
                b.Append(char.IsSurrogate(ch) || XmlConvert.IsXmlChar(ch) ? ch : ' ');
        }
        return b.ToString();
    }

    /// <summary>A, B, … Z, AA, AB …</summary>
    static string Column(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    static string Inv(double d) => d.ToString("0.########", CultureInfo.InvariantCulture);

    static void Part(ZipArchive zip, string name, string xml)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(Encoding.UTF8.GetBytes(xml));
    }

    static string Workbook(string sheet) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="{Ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <sheets><sheet name="{System.Security.SecurityElement.Escape(sheet.Replace('/', '-').Replace(':', '-'))}"
         sheetId="1" r:id="rId1"/></sheets></workbook>
        """;

    const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/xl/workbook.xml"
         ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
        <Override PartName="/xl/worksheets/sheet1.xml"
         ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
        <Override PartName="/xl/styles.xml"
         ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
        </Types>
        """;

    const string RootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1"
         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
         Target="xl/workbook.xml"/>
        </Relationships>
        """;

    const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1"
         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
         Target="worksheets/sheet1.xml"/>
        <Relationship Id="rId2"
         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        </Relationships>
        """;

    const string Styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>
        <numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="2"><fill><patternFill patternType="none"/></fill>
        <fill><patternFill patternType="gray125"/></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="6">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        </cellXfs>
        </styleSheet>
        """;
}
