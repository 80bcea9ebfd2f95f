using System.Net;
using System.Text;
using MiniExcelLibs;
using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

public abstract class ImportTests<TApp>(TApp app) : ProviderTests<TApp>(app) where TApp : YihaoApp
{
    static MultipartFormDataContent File(byte[] bytes, string name = "roster.csv") =>
        new() { { new ByteArrayContent(bytes), "file", name } };

    static string Csv(params string[] rows) => "姓名,性别,出生日期,身份证号,手机号,党员类别,入党日期,月党费\n" + string.Join("\n", rows) + "\n";

    async Task<int> CountAsync(HttpClient admin, int branch) =>
        (await (await admin.GetAsync($"/api/v1/members?orgId={branch}")).ReadAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_good_csv_imports_every_row_and_importing_it_again_duplicates_nothing()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var bytes = Encoding.UTF8.GetBytes(Csv(
            $"王建国,男,1980-05-01,{People.IdNumber("19800501")},13812345678,正式党员,2001-07-01,0.2",
            $"李秀兰,女,,{People.IdNumber("19751120", male: false)},,预备,2026/6/1,",
            $"\"张,满仓\",男,,{People.IdNumber("19500202")},,正式,1975年7月1日,1"));

        var first = await (await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(bytes))).ReadAsync();
        Assert.Equal(3, first.GetProperty("imported").GetInt32());
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        var again = await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(bytes));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, (await again.ReadAsync()).GetProperty("created").GetInt32());
        Assert.Equal(3, await CountAsync(admin, branch));
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_every_bad_row()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var dup = People.IdNumber();
        var csv = Csv(
            $"王建国,男,,{People.IdNumber()},13812345678,正式,2001-07-01,0.2",
            "李四,男,,610502198005010010,,正式,2001-07-01,",
            $"赵五,男,,{dup},,正式,2001-13-45,",
            $"孙六,男,,{dup},,正式,2001-07-01,",
            $",男,,{People.IdNumber()},,临时,2001-07-01,abc");
        var r = await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.ReadAsync()).GetProperty("errors").EnumerateArray()
            .Select(e =>
                (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(),
                Message: e.GetProperty("message").GetString())).ToList();
        Assert.True(errors.Count >= 6, string.Join("; ", errors));
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "身份证号" && e.Message!.Contains("校验码"));
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "入党日期");
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "身份证号" && e.Message!.Contains('4'));
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "姓名");
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "党员类别");
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "月党费");
        Assert.DoesNotContain(errors, e => e.Row == 2);
        Assert.Equal(0, await CountAsync(admin, branch));
    }

    [Fact]
    public async Task Xlsx_and_gb18030_csv_with_english_headers_are_read()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string,
                object> { ["Name"] = "王建国", ["ID Number"] = People.IdNumber(), ["Kind"] = "full",
                ["Joined On"] = new DateTime(2001, 7, 1), ["Phone"] = "13812345678" },
            new Dictionary<string,
                object> { ["Name"] = "刘丽", ["ID Number"] = People.IdNumber("19900101", male: false),
                ["Kind"] = "probationary", ["Joined On"] = new DateTime(2026, 5, 1), ["Phone"] = "" },
        }, excelType: ExcelType.XLSX);
        var fromXlsx =
            await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(xlsx.ToArray(), "roster.xlsx"));
        Assert.Equal(HttpStatusCode.OK, fromXlsx.StatusCode);
        Assert.Equal(2, (await fromXlsx.ReadAsync()).GetProperty("created").GetInt32());

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030")
            .GetBytes($"姓名,身份证号,党员类别,入党日期\n陈静,{People.IdNumber("19880808", male: false)},正式,2010-07-01\n");
        var fromGbk = await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(gbk));
        Assert.Equal(HttpStatusCode.OK, fromGbk.StatusCode);
        var list = await (await admin.GetAsync($"/api/v1/members?orgId={branch}&q=陈静")).ReadAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Files_that_are_not_spreadsheets_or_too_large_are_refused_with_a_reason()
    {
        var admin = await App.ClientAsync();
        var (_, branch) = await Tree.TownWithBranchAsync(admin);
        var binary =
            await admin.PostAsync($"/api/v1/orgs/{branch}/members/import",
            File([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2], "x.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Contains("表格", (await binary.ReadAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        var brokenZip =
            await admin.PostAsync($"/api/v1/orgs/{branch}/members/import",
            File([.. "PK\u0003\u0004"u8, 1, 2, 3], "x.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, brokenZip.StatusCode);
        var huge = await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File(new byte[50 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        var missingColumn =
            await admin.PostAsync($"/api/v1/orgs/{branch}/members/import", File("姓名,性别\n王,男\n"u8.ToArray()));
        var errors = (await missingColumn.ReadAsync()).GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(),
            e => e.GetProperty("row").GetInt32() == 1 && e.GetProperty("column").GetString() == "身份证号");
        Assert.Equal(0, await CountAsync(admin, branch));
    }

    [Fact]
    public async Task A_member_of_another_branch_is_not_silently_moved_by_an_import()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var other = await Tree.OrgAsync(admin, town, "branch");
        var id = People.IdNumber();
        await Tree.MemberAsync(admin, other, id);
        var r = await admin.PostAsync($"/api/v1/orgs/{branch}/members/import",
            File(Encoding.UTF8.GetBytes(Csv($"王建国,男,,{id},,正式,2001-07-01,"))));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(1, await CountAsync(admin, other));
    }
}

public sealed class ImportTestsOnSqlite(SqliteApp app) : ImportTests<SqliteApp>(app);
public sealed class ImportTestsOnPostgres(PostgresApp app) : ImportTests<PostgresApp>(app);
