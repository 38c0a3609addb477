using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Shell;

/// <summary>Every setting is bound to a typed options class and checked before the start touches the database.</summary>
public class SettingsTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle")]
    [InlineData("Database:StartupRetrySeconds", "-1")]
    [InlineData("Database:StartupRetrySeconds", "soon")]
    [InlineData("Security:LoginAttemptsPerMinute", "0")]
    [InlineData("Security:LoginAttemptsPerAccountPerMinute", "-3")]
    [InlineData("Security:AbsoluteSessionHours", "0")]
    [InlineData("Security:PasswordMaxAgeDays", "-1")]
    [InlineData("Security:RequireTwoFactor", "sometimes")]
    [InlineData("Security:KnownProxies", "10.0.0.1, proxy.local")]
    [InlineData("Audit:Key", "c2hvcnQ=")]
    [InlineData("Audit:KeyId", "an-id-that-is-much-longer-than-forty-characters")]
    [InlineData("Audit:OldKeys:old", "not base64!")]
    [InlineData("Register:Keys:k1", "c2hvcnQ=")]
    [InlineData("Register:LookupKey", "c2hvcnQ=")]
    [InlineData("Register:LookupsPerHour", "0")]
    [InlineData("Events:SweepSeconds", "-5")]
    [InlineData("Open311:ApiKeys:key-a", "Somebody")]
    [InlineData("Open311:PostsPerMinutePerKey", "0")]
    [InlineData("Open311:PostsPerMinutePerAddress", "0")]
    [InlineData("Units:GridsPerVillage", "0")]
    [InlineData("Units:TotalGrids", "-10")]
    [InlineData("Map:TileUrl", "tiles/{z}/{x}/{y}.png")]
    [InlineData("Duty:NightStarts", "07:00")]
    [InlineData("Duty:DayStarts", "soon")]
    public async Task ABadSettingStopsTheStartWithAMessageNamingIt(string key, string value)
    {
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), seed: false,
            settings: new Dictionary<string, string> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wecom", "Delivery:WeCom")]
    [InlineData("dingtalk", "Delivery:DingTalk")]
    [InlineData("webpush", "Delivery:WebPush")]
    [InlineData("pigeon", "Delivery:Channels")]
    public async Task AChannelWithoutItsSettingsStopsTheStart(string channel, string named)
    {
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), seed: false,
            settings: new Dictionary<string, string> { ["Delivery:Channels:0"] = channel, ["Delivery:PublicBaseUrl"] = "https://policegrid.test" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterKeysNeedACurrentKeyIdWhenThereAreSeveral()
    {
        var key = Convert.ToBase64String(new byte[32]);
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), seed: false,
            settings: new Dictionary<string, string> { ["Register:Keys:k1"] = key, ["Register:Keys:k2"] = key, ["Register:LookupKey"] = key });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Register:CurrentKeyId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownProxiesMayBeGivenAsACommaListOrAnArray()
    {
        await using var list = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), seed: false,
            settings: new Dictionary<string, string> { ["Security:KnownProxies"] = "10.0.0.1, 10.0.0.2" });
        await using var array = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), seed: false,
            settings: new Dictionary<string, string> { ["Security:KnownProxies:0"] = "10.0.0.1", ["Security:KnownProxies:1"] = "10.0.0.2" });

        foreach (var app in new[] { list, array })
        {
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PoliceGrid.Web.Shared.SecurityOptions>>().Value;
            Assert.Equal(["10.0.0.1", "10.0.0.2"], options.KnownProxies);
        }
    }
}
