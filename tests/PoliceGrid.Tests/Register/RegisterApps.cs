using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Tests.Register;

/// <summary>One demo product per provider for the register's tests; each test collects records of its own.</summary>
public sealed class RegisterApps : IAsyncLifetime
{
    readonly Dictionary<string, ProductApp> apps = [];

    public ProductApp For(string provider) => apps[provider];

    public async Task InitializeAsync()
    {
        apps[DatabaseSetup.Sqlite] = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        apps[DatabaseSetup.Postgres] = await ProductApp.StartAsync(DatabaseSetup.Postgres);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
            await app.DisposeAsync();
    }

    public static TheoryData<string> Providers => new(DatabaseSetup.Sqlite, DatabaseSetup.Postgres);

    static int sequence;

    /// <summary>A valid ID number no other test uses: a birth date and sequence number from a counter, the right check character.</summary>
    public static string NewIdNumber(string region = "410402")
    {
        var n = Interlocked.Increment(ref sequence);
        var birth = new DateOnly(1950, 1, 1).AddDays(n * 37 % 20000);
        var first17 = $"{region}{birth:yyyyMMdd}{n % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public static async Task<int> UnitOfAsync(ProductApp app, string userName) =>
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync());

    public static async Task<JsonElement> CollectAsync(HttpClient client, object resident)
    {
        var response = await client.PostAsJsonAsync("/api/residents", resident);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static object Resident(int gridId, string name, string? idNumber, object? extra = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["idNumber"] = idNumber,
            ["householdType"] = "Registered",
            ["address"] = new { road = "建设路", doorNumber = $"{Interlocked.Increment(ref sequence)}号", building = "2", unitNumber = "1单元", room = "301", gridId },
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
            fields[property.Name] = property.GetValue(extra);
        return fields;
    }
}

[CollectionDefinition(Name)]
public sealed class RegisterData : ICollectionFixture<RegisterApps>
{
    public const string Name = "register data";
}
