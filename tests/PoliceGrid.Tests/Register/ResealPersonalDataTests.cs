using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Tests.Register;

public class ResealPersonalDataTests
{
    static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task AfterAKeyRotationOldValuesStillOpenAndResealingMovesThemToTheNewKey()
    {
        var (k1, k2, lookup) = (Key(), Key(), Key());
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Sqlite);
        await using (var first = new ProductApp(database, settings: new Dictionary<string, string>
            { ["Register:Keys:k1"] = k1, ["Register:CurrentKeyId"] = "k1", ["Register:LookupKey"] = lookup }, ownsDatabase: false))
        {
            _ = first.Server;
            Assert.All(await SealedAsync(first), v => Assert.StartsWith("k1:", v, StringComparison.Ordinal));
        }

        await using var rotated = new ProductApp(database, settings: new Dictionary<string, string>
            { ["Register:Keys:k1"] = k1, ["Register:Keys:k2"] = k2, ["Register:CurrentKeyId"] = "k2", ["Register:LookupKey"] = lookup });
        var officer = await rotated.SignInAsync("officer");
        var resident = (await officer.GetFromJsonAsync<JsonElement>("/api/residents?pageSize=1"))[0].GetProperty("id").GetInt32();
        var before = await (await officer.PostAsJsonAsync($"/api/residents/{resident}/reveal", new { reason = "密钥轮换核对" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/register/reseal", null)).StatusCode);
        var reseal = await (await rotated.SignInAsync("secadmin")).PostAsync("/api/register/reseal", null);
        Assert.Equal(HttpStatusCode.OK, reseal.StatusCode);
        Assert.True((await reseal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32() > 0);

        Assert.All(await SealedAsync(rotated), v => Assert.StartsWith("k2:", v, StringComparison.Ordinal));
        var after = await (await officer.PostAsJsonAsync($"/api/residents/{resident}/reveal", new { reason = "密钥轮换核对" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("idNumber").GetString(), after.GetProperty("idNumber").GetString());
        var found = await officer.GetFromJsonAsync<JsonElement>($"/api/residents?q={after.GetProperty("idNumber").GetString()}");
        Assert.Equal(resident, Assert.Single(found.EnumerateArray()).GetProperty("id").GetInt32());
    }

    static Task<List<string>> SealedAsync(ProductApp app) => app.WithDbAsync(async db =>
        (await db.Set<Resident>().Select(r => new[] { r.IdNumberSealed, r.PhoneSealed }).ToListAsync()).SelectMany(v => v)
        .Concat(await db.Set<House>().Select(h => h.OwnerPhoneSealed).ToListAsync())
        .Concat(await db.Set<Organisation>().Select(o => o.ResponsiblePhoneSealed).ToListAsync())
        .OfType<string>().ToList());
}
