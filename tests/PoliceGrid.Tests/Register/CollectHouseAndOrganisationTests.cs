using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

[Collection(RegisterData.Name)]
public class CollectHouseAndOrganisationTests(RegisterApps apps)
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task AnAddressHasOneHouseAndItsResidentsAreItsTenants(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var door = Guid.NewGuid().ToString("N")[..5];
        var house = new { ownerName = "房东甲", use = "Rented", rentalRegistrationNumber = "ZL9", address = new { road = "矿工路", doorNumber = door, gridId = grid } };
        var first = await worker.PostAsJsonAsync("/api/houses", house);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var again = await worker.PostAsJsonAsync("/api/houses", house);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("existing").GetProperty("id").GetInt32());

        var vacantButRegistered = await worker.PostAsJsonAsync("/api/houses", new { ownerName = "乙", use = "Vacant", rentalRegistrationNumber = "ZL1", address = new { road = "矿工路", doorNumber = door + "A", gridId = grid } });
        Assert.Equal(HttpStatusCode.BadRequest, vacantButRegistered.StatusCode);

        await CollectAsync(worker, new { name = "租客甲", idNumber = NewIdNumber(), householdType = "Floating", houseId = id });
        var details = await worker.GetFromJsonAsync<JsonElement>($"/api/houses/{id}");
        Assert.Equal("租客甲", Assert.Single(details.GetProperty("residents").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("gridworker2")).GetAsync($"/api/houses/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task AnOrganisationIsKnownByItsCreditCode(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var first17 = $"91410402MA{Guid.NewGuid().ToString("N")[..7].ToUpperInvariant().Replace('I', 'J').Replace('O', 'P').Replace('Z', 'Y').Replace('S', 'T').Replace('V', 'W')}";
        var code = first17 + CreditCode.CheckCharacter(first17);
        object Shop(string creditCode) => new { name = "快递驿站", creditCode, category = "ExpressDelivery", responsiblePerson = "钱某", address = new { road = "中兴路", doorNumber = "7", gridId = grid } };

        var wrongCheck = code[..17] + (code[17] == '0' ? '1' : '0');
        var refused = await worker.PostAsJsonAsync("/api/organisations", Shop(wrongCheck));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("creditCode", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync("/api/organisations", Shop(code.ToLowerInvariant()))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync("/api/organisations", Shop(code))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Organisation>().CountAsync(o => o.CreditCode == code)));
    }
}
