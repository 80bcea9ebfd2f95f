using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;
using Member = Yihao.Web.Domain.Member;

namespace Yihao.Web.Features.Members;

public sealed record RowError(int Row, string Column, string Message);

public sealed record ImportResult(int Imported, int Created, int Updated, IReadOnlyList<RowError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Imports a branch's roster from .xlsx or .csv (UTF-8 or GB18030, as Chinese Excel saves it), with Chinese or English
/// headers. All or nothing: one bad row and nothing changes, and every bad row is reported with its row number, column
/// and reason. Members are matched by ID number, so importing the same file twice changes nothing the second time.
/// </summary>
public static class ImportRoster
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;

    /// <summary>Each field, with the headers that name it (compared without spaces, asterisks and case).</summary>
    static readonly (string Field, string Label, string[] Headers)[] Columns =
    [
        ("name", "姓名", ["姓名", "name"]),
        ("gender", "性别", ["性别", "gender", "sex"]),
        ("birthDate", "出生日期", ["出生日期", "出生年月", "birthdate", "dateofbirth"]),
        ("idNumber", "身份证号", ["身份证号", "身份证号码", "公民身份号码", "idnumber", "id"]),
        ("phone", "手机号", ["手机号", "手机号码", "联系电话", "电话", "phone", "mobile"]),
        ("kind", "党员类别", ["党员类别", "党员类型", "类别", "kind", "type"]),
        ("joinedOn", "入党日期", ["入党日期", "入党时间", "joinedon", "joined", "joindate"]),
        ("monthlyDues", "月党费", ["月党费", "党费", "月缴党费", "monthlydues", "dues"]),
        ("participation", "参与状态", ["参与状态", "党员状态", "状态", "participation", "status"]),
        ("mobileWhere", "流动去向", ["流动去向", "外出地点", "流入地", "mobilewhere", "where"]),
    ];

    static readonly string[] Required = ["name", "idNumber", "kind", "joinedOn"];
    static readonly string[] DateFields = ["birthDate", "joinedOn"];

    public static async Task<Outcome<ImportResult>> RunAsync(Scope scope, YihaoDb db, TimeProvider clock, int branchId,
        byte[] file, CancellationToken ct = default)
    {
        var (branch, fail) = await EditMembers.BranchForEditAsync(scope, db, branchId, ct);
        if (fail is { } f) return f;

        var (rows, readProblem) = Read(file);
        if (readProblem is not null) return Fail.Invalid("file", readProblem);
        var errors = new List<RowError>();
        var present = new HashSet<string>();
        var result = Check(rows!, DistrictTime.Today(clock), errors, present);
        if (errors.Count > 0) return new ImportResult(0, 0, 0, errors);

        var ids = result.Select(r => r.Values.IdNumber).ToList();
        var existing = await db.Members.Where(m => m.DistrictId == branch!.DistrictId && ids.Contains(m.IdNumber))
            .ToDictionaryAsync(m => m.IdNumber, ct);
        foreach (var (row, values, idColumn) in result)
            if (existing.TryGetValue(values.IdNumber, out var m) && m.OrgId != branch!.Id)
                errors.Add(
                    new RowError(row, idColumn,
                    L.T("This ID number belongs to a member of another branch; transfer them instead.")));
        if (errors.Count > 0) return new ImportResult(0, 0, 0, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<Member>();
        var updated = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (_, values, _) in result)
        {
            if (existing.TryGetValue(values.IdNumber, out var member))
            {
                // Only the file's columns change an existing member: a roster without phones does not erase them.
                values.ApplyTo(member, present);
                if (db.Entry(member).State == EntityState.Modified) { member.UpdatedAt = now; updated++; }
                continue;
            }
            member =
                new Member
                {
                    DistrictId = branch!.DistrictId,
                    OrgId = branch.Id,
                    Name = "",
                    IdNumber = "",
                    CreatedAt = now,
                    UpdatedAt = now
                };
            values.ApplyTo(member);
            db.Members.Add(member);
            created.Add(member);
        }
        db.ChangeTracker.DetectChanges();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import or edit registered one of these ID numbers meanwhile; nothing of this file was kept.
            return Fail.Conflict("Someone else changed these members meanwhile; nothing was imported. Try again.");
        }
        foreach (var m in created)
            db.Transfers.Add(Transfer.Joining(m, "名册导入", now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(result.Count, created.Count, updated, []);
    }

    /// <summary>Checks every row; returns the good ones and adds an error for each bad cell.</summary>
    static List<(int Row, MemberValues Values, string IdColumn)> Check(List<List<object?>> rows, DateOnly today,
        List<RowError> errors, HashSet<string> present)
    {
        var good = new List<(int, MemberValues, string)>();
        if (rows.Count == 0) { errors.Add(new RowError(1, "", L.T("The file is empty."))); return good; }
        var header = rows[0].Select(c => Clean(Text(c))).ToList();
        var at = new Dictionary<string, int>();
        var label = new Dictionary<string, string>();
        foreach (var (field, defaultLabel, names) in Columns)
        {
            var i = header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
            if (i >= 0) { at[field] = i; label[field] = Text(rows[0][i]).Trim(); }
            else label[field] = defaultLabel;
        }
        present.UnionWith(at.Keys);
        foreach (var field in Required.Where(f => !at.ContainsKey(f)))
            errors.Add(new RowError(1, label[field], L.T("The column is missing.")));
        if (errors.Count > 0) return good;
        if (rows.Count - 1 > MaxRows)
        {
            errors.Add(
            new RowError(MaxRows + 2, "", L.T("A file holds at most {0} members.", MaxRows))); return good;
        }

        var seen = new Dictionary<string, int>();
        for (var r = 1; r < rows.Count; r++)
        {
            var cells = rows[r];
            if (cells.All(c => string.IsNullOrWhiteSpace(Text(c)))) continue;
            var rowNumber = r + 1;
            string? Cell(string field) => at.TryGetValue(field, out var i) && i < cells.Count
                ? Value(field, cells[i], out _) : null;
            var cellProblems = new List<(string, string)>();
            foreach (var field in at.Keys)
                if (at[field] < cells.Count)
                {
                    Value(field, cells[at[field]],
                    out var p); if (p is not null) cellProblems.Add((field, p));
                }

            decimal? dues = null;
            if (Cell("monthlyDues") is { Length: > 0 } d)
            {
                if (decimal.TryParse(d, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) dues = v;
                else cellProblems.Add(("monthlyDues", "Not a number."));
            }
            var input =
                new MemberInput(Cell("name"), Cell("gender"), Cell("birthDate"), Cell("idNumber"), Cell("phone"),
                Cell("kind"),
                Cell("joinedOn"), dues, Cell("participation"), Cell("mobileWhere"));
            var (values, problems) = input.Check(today);
            foreach (var (field, problem) in cellProblems.Concat(problems).DistinctBy(p => p.Item1))
                errors.Add(new RowError(rowNumber, label[field], L.T(problem)));
            // A repeated number is reported even when either row has other problems too.
            var idKey = NationalId.Normalize(Cell("idNumber"));
            if (idKey.Length == 18 && !seen.TryAdd(idKey, rowNumber))
            {
                errors.Add(
                    new RowError(rowNumber, label["idNumber"],
                    L.T("The same ID number is already on row {0}.", seen[idKey])));
                continue;
            }
            if (values is not null && cellProblems.Count == 0) good.Add((rowNumber, values, label["idNumber"]));
        }
        return good;
    }

    /// <summary>A cell as text for its field. Excel keeps dates as day numbers and long digit strings as floating
    /// point, which loses an ID number's last digits.</summary>
    static string? Value(string field, object? cell, out string? problem)
    {
        problem = null;
        switch (cell)
        {
            case null: return null;
            case DateTime dt: return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case double or decimal or int or long when field == "idNumber":
                var digits = Convert.ToDecimal(cell, CultureInfo.InvariantCulture)
                    .ToString("0", CultureInfo.InvariantCulture);
                if (digits.Length >= 15)
                {
                    problem =
                    "Excel stored this ID number as a number and lost its last digits; format the column as text and " +
                        "type it again."; return digits;
                }
                return digits;
            case double x when DateFields.Contains(field) && x is > 1 and < 80000 && x == Math.Floor(x):
                return DateOnly.FromDateTime(DateTime.FromOADate(x))
                    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case double or decimal or int or long:
                return Convert.ToDecimal(cell, CultureInfo.InvariantCulture)
                    .ToString(field == "monthlyDues" ? "0.##" : "0", CultureInfo.InvariantCulture);
            default: return Text(cell).Trim();
        }
    }

    static string Text(object? cell) => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";

    static string Clean(string header) =>
        new(header.Where(c => !char.IsWhiteSpace(c) && c is not '*' and not '＊' and not '_').ToArray());

    /// <summary>Reads the file's cells; answers a problem (an English key) when it is not a spreadsheet we can
    /// read.</summary>
    public static (List<List<object?>>? Rows, string? Problem) Read(byte[] file)
    {
        if (file.Length == 0) return (null, "The file is empty.");
        if (file.Length > MaxBytes) return (null, "The upload is too large.");
        if (file.AsSpan().StartsWith("PK\u0003\u0004"u8)) return ReadXlsx(file);
        if (file.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 })) return (null,
            "Old .xls files cannot be read; save the file as .xlsx or .csv.");
        if (file.AsSpan(0, Math.Min(file.Length, 8192)).Contains((byte)0)) return (null,
            "This is not a spreadsheet; upload an .xlsx or .csv file.");
        return (Csv.Parse(Decode(file)), null);
    }

    static (List<List<object?>>?, string?) ReadXlsx(byte[] file)
    {
        try
        {
            using var stream = new MemoryStream(file);
            var rows = new List<List<object?>>();
            foreach (IDictionary<string,
                object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add(row.Values.ToList());
                if (rows.Count > MaxRows + 2) break;
            }
            return (rows, null);
        }
        catch (Exception e) when (
            e
                is InvalidDataException
                    or InvalidOperationException
                    or System.Xml.XmlException
                    or NotSupportedException
                    or IOException
                    or FormatException
                    or ArgumentException)
        {
            return (null, "This is not a readable .xlsx file.");
        }
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8, else GB18030, which Chinese Excel uses for "CSV".</summary>
    static string Decode(byte[] file)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(file);
        }
    }
}

/// <summary>RFC 4180 CSV: commas, quoted fields with doubled quotes and line breaks inside quotes.</summary>
public static class Csv
{
    public static List<List<object?>> Parse(string text)
    {
        var rows = new List<List<object?>>();
        var row = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
