using Yihao.Web.Domain;

namespace Yihao.Tests.Domain;

public class NationalIdTests
{
    static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524198001010013")]
    [InlineData("610502198005010014")]
    public void Known_valid_numbers_pass(string id)
    {
        Assert.Null(NationalId.Problem(id, Today));
        Assert.Equal(id[17], NationalId.CheckDigit(id));
    }

    [Fact]
    public void A_wrong_check_digit_is_caught()
    {
        Assert.Equal("The ID number's check digit is wrong.", NationalId.Problem("110105194912310021", Today));
    }

    [Theory]
    [InlineData("11010519491231002", "An ID number has 18 characters.")]
    [InlineData("1101051949123100AX", "The first 17 characters of an ID number are digits.")]
    [InlineData("110105194913310028", "The birth date inside the ID number is not a real date.")]
    [InlineData("110105203001010028", "The birth date inside the ID number is not a real date.")]
    public void Malformed_numbers_say_why(string id, string problem) =>
        Assert.Equal(problem, NationalId.Problem(id, Today));

    [Fact]
    public void A_lower_case_x_is_the_same_number() =>
        Assert.Equal("11010519491231002X", NationalId.Normalize(" 11010519491231002x "));

    [Fact]
    public void Birth_date_and_gender_come_from_the_number()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), NationalId.BirthDate("11010519491231002X"));
        Assert.Equal(Gender.Female, NationalId.Gender("11010519491231002X"));
        Assert.Equal(Gender.Male, NationalId.Gender("440524198001010013"));
    }

    [Fact]
    public void Masking_keeps_the_province_of_an_id_number_and_the_last_four_of_a_phone()
    {
        Assert.Equal("61****************", NationalId.Mask("610502198005010014"));
        Assert.Equal("*******5678", Phone.Mask("13812345678"));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("138-1234-5678", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    public void Mobile_numbers_are_checked(string phone, bool ok) =>
        Assert.Equal(ok, Phone.IsValid(Phone.Normalize(phone)));
}
