using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;

namespace PoliceGrid.Web.Register;

/// <summary>
/// A small register for the demo grid, made through the same use cases as the pages: houses and their residents
/// collected by gridworker1, most verified by her officer, one returned, one pending, a police-only tag, two venues.
/// </summary>
public sealed class RegisterDemo(PoliceGridDb db, AccessPolicy access, CollectHouse houses, CollectResident residents,
    CollectOrganisation organisations, VerifyRecord verify)
{
    const string Roads = "建设路解放路矿工路中兴路";
    static readonly string[] Names = "刘建国 王秀英 张伟 李娜 陈静 杨勇 黄丽 赵磊 吴敏 周涛 徐芳 孙强 马艳 朱军 胡娟 郭明 何霞 高平 林刚 罗红 梁志强 宋桂英 唐海燕 许文斌 韩晓东 冯玉兰 邓红梅 曹建华"
        .Split(' ');

    public async Task RunAsync()
    {
        var worker = await access.ViewerFor(await db.Users.SingleAsync(a => a.UserName == "gridworker1"));
        var officer = await access.ViewerFor(await db.Users.SingleAsync(a => a.UserName == "officer"));
        var grid = worker.Unit.Id;
        var person = 0;
        for (var i = 0; i < 8; i++)
        {
            var rented = i % 3 == 2;
            var road = Roads.Substring(i % 4 * 3, 3);
            var house = await houses.CreateAsync(new HouseForm(NameAt(person++), $"1380375{1000 + i}", rented ? HouseUse.Rented : HouseUse.SelfOccupied, null,
                new AddressForm(road, $"{12 + i * 2}号", (i % 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "1", $"{i + 1}01", GridId: grid),
                rented && i != 5 ? $"ZL2026{i:D4}" : null), worker);
            for (var r = 0; r < 2 + i % 2; r++)
            {
                var floating = rented;
                var tags = (i, r) switch { (0, 1) => new[] { nameof(SpecialGroup.ElderlyAlone) }, (3, 0) => [nameof(SpecialGroup.Disabled)], (4, 2) => [nameof(SpecialGroup.LeftBehindChild)], _ => [] };
                await residents.CreateAsync(new ResidentForm(NameAt(person), DemoIdNumber(person), null, null, $"139{person:D8}",
                    floating ? HouseholdType.Floating : HouseholdType.Registered, house.Value!.Id, null, null, new DateOnly(2015 + i % 8, 3, 1),
                    floating ? $"JZ2026{person:D4}" : null, floating ? new DateOnly(i == 2 ? 2025 : 2027, 6, 30) : null, tags), worker);
                person++;
            }
        }
        // The officer of the district verifies most of it, returns one record and leaves the last house waiting.
        var pending = await db.Set<RegisterChange>().Where(c => c.Status == ChangeStatus.Pending).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        foreach (var change in pending.Take(pending.Count - 4))
            await verify.VerifyAsync(change, officer);
        await verify.ReturnAsync(pending[^4], "门牌号与实地不符，请核对", officer);

        await residents.CreateAsync(new ResidentForm("韩某", DemoIdNumber(99), null, null, null, HouseholdType.Registered, null, null,
            new AddressForm("矿工路", "88号", GridId: grid), Tags: [nameof(SpecialGroup.KeyPerson), nameof(SpecialGroup.ReleasedPrisoner)]), officer);
        await organisations.CreateAsync(new OrganisationForm("平顶山市新华区便民超市", DemoCreditCode("91410402MA9G00011"), OrganisationCategory.Shop, "刘建国",
            "13803751000", null, new AddressForm("建设路", "2号", GridId: grid)), worker);
        await organisations.CreateAsync(new OrganisationForm("曙光网吧", DemoCreditCode("92410402MA9G00027"), OrganisationCategory.InternetCafe, "王秀英",
            null, null, new AddressForm("解放路", "6号", GridId: grid)), officer);
    }

    static string NameAt(int i) => Names[i % Names.Length];

    static string DemoIdNumber(int i)
    {
        var first17 = $"410402{new DateOnly(1950, 1, 1).AddDays(i * 997 % 25000):yyyyMMdd}{i % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    static string DemoCreditCode(string first17) => first17 + CreditCode.CheckCharacter(first17);
}
