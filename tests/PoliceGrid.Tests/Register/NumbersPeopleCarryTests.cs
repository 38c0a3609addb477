using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Tests.Register;

/// <summary>ID and phone numbers as real people carry and write them (issue 8, finding 13).</summary>
public class NumbersPeopleCarryTests
{
    static readonly DateOnly Today = new(2026, 11, 22);

    static string WithCheck(string first17) => first17 + IdNumber.CheckCharacter(first17);

    [Theory]
    [InlineData("810000")] // 港澳台居民居住证: Hong Kong
    [InlineData("820000")] // Macao
    [InlineData("830000")] // Taiwan
    public void AcceptsResidencePermitsOfHongKongMacaoAndTaiwanResidents(string region)
    {
        Assert.True(IdNumber.TryParse(WithCheck($"{region}19900101123"), Today, out var id, out var problem), problem?.ToString());
        Assert.Equal(new DateOnly(1990, 1, 1), id.BirthDate);
    }

    [Theory]
    [InlineData("142201")] // 山西省忻州地区忻州市, since 2000 140902
    [InlineData("110103")] // 北京市崇文区, merged into 东城区 in 2010
    [InlineData("410421")] // 平顶山市宝丰县, today's code
    [InlineData("130503")] // 邢台市信都区 (formerly 桥西区), a code kept through renaming
    public void AcceptsOldAndCurrentRegionCodesBecausePeopleKeepTheNumberTheyWereBornWith(string region) =>
        Assert.True(IdNumber.TryParse(WithCheck($"{region}19800101123"), Today, out _, out var problem), problem?.ToString());

    [Theory]
    [InlineData("410499")]
    [InlineData("119901")]
    [InlineData("410400")] // a city's own code is never a person's
    [InlineData("840000")]
    public void RefusesRegionCodesThatWereNeverIssuedToAPerson(string region)
    {
        Assert.False(IdNumber.TryParse(WithCheck($"{region}19800101123"), Today, out _, out var problem));
        Assert.Contains("不是有效的行政区划代码", problem.Zh, StringComparison.Ordinal);
        Assert.Contains("region code", problem.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0086 138 0013 8000", "13800138000")]
    [InlineData("008613800138000", "13800138000")]
    [InlineData("86 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("+86-138-0013-8000", "13800138000")]
    [InlineData("１３８ ００１３ ８０００", "13800138000")]
    [InlineData("＋８６ １３８００１３８０００", "13800138000")]
    [InlineData("138.0013.8000", "13800138000")]
    [InlineData("(0375) 234 5678", "03752345678")]
    [InlineData("0375.2345678", "03752345678")]
    [InlineData("+86 10 8888 6666", "01088886666")]
    [InlineData("+86 375 2345678", "03752345678")]
    [InlineData("020-8888-6666", "02088886666")]
    public void AcceptsPhoneNumbersAsPeopleWriteThem(string input, string stored)
    {
        Assert.True(PhoneNumber.TryParse(input, out var phone, out var problem), problem?.ToString());
        Assert.Equal(stored, phone);
    }

    [Theory]
    [InlineData("0375-234567")] // a four-digit area code takes 7 or 8 digits, not 6
    [InlineData("010-1234567")] // Beijing and the 02x cities have 8-digit numbers
    [InlineData("021-1234567")]
    [InlineData("0375-0234567")] // a local number never starts with 0
    public void RefusesLandlinesThatDoNotFitTheirAreaCode(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out _, out var problem));
        Assert.Contains("区号", problem.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01088886666", "010")]
    [InlineData("02088886666", "020")]
    [InlineData("02988886666", "029")]
    [InlineData("03752345678", "0375")]
    [InlineData("075588886666", "0755")]
    [InlineData("13800138000", null)]
    public void ReadsALandlinesAreaCodeAsThreeDigitsFor010And02xAndFourOtherwise(string phone, string? areaCode)
    {
        Assert.Equal(areaCode, PhoneNumber.AreaCode(phone));
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("03752345678", "0375***5678")]
    [InlineData("01088886666", "010****6666")]
    public void MasksALandlineBehindItsWholeAreaCode(string phone, string masked) => Assert.Equal(masked, PhoneNumber.Mask(phone));

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task ABabyBornTodayInChinaIsAcceptedWhileTheServerClockIsStillOnYesterday(string provider)
    {
        var clock = new TestClock();
        clock.SetChinaTime(2026, 11, 28, 1, 30); // 2026-11-27 17:30 UTC
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider), settings: new Dictionary<string, string> { ["Demo:Register"] = "false" },
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var worker = await app.SignInAsync("gridworker1");
        var grid = await RegisterApps.UnitOfAsync(app, "gridworker1");

        var response = await worker.PostAsJsonAsync("/api/residents", RegisterApps.Resident(grid, "王小宝", WithCheck("41040220261128002")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tomorrow = await worker.PostAsJsonAsync("/api/residents", RegisterApps.Resident(grid, "王小贝", WithCheck("41040220261129002")));
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
    }
}
