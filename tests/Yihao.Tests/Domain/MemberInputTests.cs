using Yihao.Web.Domain;
using Yihao.Web.Features.Members;

namespace Yihao.Tests.Domain;

public class MemberInputTests
{
    static readonly DateOnly Today = new(2026, 11, 25);

    static MemberInput Good(string? gender = null, string? birth = null, string? joined = "2001-07-01",
        string? participation = null, string? where = null) =>
        new("王建国", gender, birth, "610502198005010014", "13812345678", "正式", joined, 0.2m, participation, where);

    [Fact]
    public void Gender_and_birth_date_default_from_the_id_number()
    {
        var (v, problems) = Good().Check(Today);
        Assert.Empty(problems);
        Assert.Equal(Gender.Male, v!.Gender);
        Assert.Equal(new DateOnly(1980, 5, 1), v.BirthDate);
    }

    [Fact]
    public void A_birth_date_that_disagrees_with_the_id_number_is_refused()
    {
        var (v, problems) = Good(birth: "1980-05-02").Check(Today);
        Assert.Null(v);
        Assert.Contains(("birthDate", "The birth date does not agree with the ID number."), problems);
    }

    [Fact]
    public void A_gender_that_disagrees_with_the_id_number_is_refused() =>
        Assert.Contains(("gender", "The gender does not agree with the ID number."),
            Good(gender: "女").Check(Today).Problems);

    [Fact]
    public void Joining_before_eighteen_or_in_the_future_is_refused()
    {
        Assert.Contains(("joinedOn", "A member joins at 18 or older."),
            Good(joined: "1990-01-01").Check(Today).Problems);
        Assert.Contains(("joinedOn", "The date joined is in the future."),
            Good(joined: "2027-01-01").Check(Today).Problems);
    }

    [Fact]
    public void A_mobile_member_needs_a_place()
    {
        Assert.Contains(("mobileWhere", "A mobile member needs the place where they are."),
            Good(participation: "流动").Check(Today).Problems);
        var (v, _) = Good(participation: "流动党员", where: "深圳市宝安区").Check(Today);
        Assert.Equal(Participation.Mobile, v!.Participation);
    }

    [Theory]
    [InlineData("2001-07-01")]
    [InlineData("2001/7/1")]
    [InlineData("2001.7.1")]
    [InlineData("20010701")]
    [InlineData("2001年7月1日")]
    public void Dates_are_read_in_the_ways_people_write_them(string text) =>
        Assert.Equal(new DateOnly(2001, 7, 1), Words.Date(text));

    [Fact]
    public void Csv_handles_quotes_commas_and_line_breaks()
    {
        var rows = Csv.Parse("姓名,备注\r\n\"王,建国\",\"说 \"\"好\"\"\n第二行\"\r\n李四,\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal("王,建国", rows[1][0]);
        Assert.Equal("说 \"好\"\n第二行", rows[1][1]);
        Assert.Equal("", rows[2][1]);
    }
}
