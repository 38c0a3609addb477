using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Tests.Register;

public class IdentifierTests
{
    static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Sex.Female)]
    [InlineData("11010519491231002x", "1949-12-31", Sex.Female)]
    [InlineData("41040219850312031X", "1985-03-12", Sex.Male)]
    [InlineData("410402199202290029", "1992-02-29", Sex.Female)]
    [InlineData(" 410402201007070020 ", "2010-07-07", Sex.Female)]
    public void AcceptsValidIdNumbersAndTakesBirthDateAndSexFromThem(string input, string birthDate, Sex sex)
    {
        Assert.True(IdNumber.TryParse(input, Today, out var id, out var problem), problem?.ToString());
        Assert.Equal(input.Trim().ToUpperInvariant(), id.Value);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), id.BirthDate);
        Assert.Equal(sex, id.Sex);
    }

    [Theory]
    [InlineData("", "请填写身份证号")]
    [InlineData("41040219850312031", "应为18位")]
    [InlineData("4104021985031203A1", "第17位应为数字")]
    [InlineData("41040219850312031Y", "最后一位应为数字或 X")]
    [InlineData("991234198503120318", "不是有效的行政区划代码")]
    [InlineData("410000198503120310", "不是有效的行政区划代码")]
    [InlineData("410423199002290018", "19900229 不存在")]
    [InlineData("410402202712010015", "不在合理范围内")]
    [InlineData("440524188001010014", "不在合理范围内")]
    [InlineData("410402198503120311", "校验位不符")]
    public void RefusesEachBrokenIdNumberWithItsReason(string input, string reason)
    {
        Assert.False(IdNumber.TryParse(input, Today, out _, out var problem));
        Assert.Contains(reason, problem.Zh, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.En));
    }

    [Theory]
    [InlineData("410402 19850312 031X")]
    [InlineData("4104 0219 8503 1203 1x")]
    [InlineData("４１０４０２１９８５０３１２０３１Ｘ")]
    [InlineData("410402-19850312-031X")]
    [InlineData("410402\u00a019850312\u3000031X")]
    public void ReadsAPastedIdNumberWithSpacesDashesOrFullWidthDigits(string input)
    {
        Assert.True(IdNumber.TryParse(input, Today, out var id, out var problem), problem?.ToString());
        Assert.Equal("41040219850312031X", id.Value);
    }

    [Fact]
    public void AWrongCheckCharacterIsRefusedWithoutNamingTheRightOne()
    {
        Assert.False(IdNumber.TryParse("410402198503120311", Today, out _, out var problem));
        Assert.DoesNotContain("X", problem.Zh, StringComparison.Ordinal);
        Assert.DoesNotContain(" X", problem.En, StringComparison.Ordinal);
    }

    [Fact]
    public void MasksAnIdNumberToItsRegionCodeAlone() =>
        Assert.Equal("410402************", IdNumber.Mask("41040219850312031X"));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91350100m000100y43")]
    [InlineData("91110108MA01A2B3CF")]
    public void AcceptsValidCreditCodes(string input)
    {
        Assert.True(CreditCode.TryParse(input, out var code, out var problem), problem?.ToString());
        Assert.Equal(input.ToUpperInvariant(), code);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验位不符：应为 3")]
    [InlineData("91350100M000100Y4", "应为18位")]
    [InlineData("91350100M0001I0Y43", "不是允许的字符")]
    [InlineData("9135A100M000100Y43", "行政区划代码")]
    [InlineData("", "请填写")]
    public void RefusesEachBrokenCreditCodeWithItsReason(string input, string reason)
    {
        Assert.False(CreditCode.TryParse(input, out _, out var problem));
        Assert.Contains(reason, problem.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+86 199-0000-1111", "19900001111")]
    [InlineData("0375-2345678", "03752345678")]
    [InlineData("010-88886666", "01088886666")]
    public void AcceptsMobileAndFixedLineNumbers(string input, string stored)
    {
        Assert.True(PhoneNumber.TryParse(input, out var phone, out var problem), problem?.ToString());
        Assert.Equal(stored, phone);
    }

    [Theory]
    [InlineData("12345678901", "11位")]
    [InlineData("1380013800", "11位")]
    [InlineData("138001380001", "11位")]
    [InlineData("0375-123", "区号")]
    [InlineData("13800l38000", "只能包含数字")]
    public void RefusesBrokenPhoneNumbers(string input, string reason)
    {
        Assert.False(PhoneNumber.TryParse(input, out _, out var problem));
        Assert.Contains(reason, problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void MasksAPhoneNumberToItsFirstThreeAndLastFourDigits() => Assert.Equal("138****8000", PhoneNumber.Mask("13800138000"));
}
