using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

/// <summary>
/// Sealed numbers are never sent back to a form, so a change posted from a record's page leaves them blank: every
/// record type must keep each sealed field the change did not touch (a copied pipeline once wiped a phone number).
/// </summary>
[Collection(RegisterData.Name)]
public partial class KeepSealedFieldsTests(RegisterApps apps)
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task SavingAnOrganisationFromItsPageKeepsTheResponsiblePersonsPhone(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var code = NewCreditCode();
        var created = await worker.PostAsJsonAsync("/api/organisations", new
        {
            name = "便民超市", creditCode = code, category = "Shop", responsiblePerson = "孙某", responsiblePhone = "13900139000",
            address = new { road = "中兴路", doorNumber = Door(), gridId = grid },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var before = await app.WithDbAsync(db => db.Set<Organisation>().AsNoTracking().SingleAsync(o => o.Id == id));

        var html = await PostPageFormAsync(worker, $"/register/organisations/{id}", "organisation", new()
        {
            ["Input.Name"] = "便民超市二店", ["Input.CreditCode"] = code, ["Input.Category"] = "Shop",
            ["Input.ResponsiblePerson"] = "孙某", ["Input.ResponsiblePhone"] = "",
        });

        Assert.Contains("class=\"ok\"", html, StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Set<Organisation>().AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal("便民超市二店", after.Name);
        Assert.NotNull(before.ResponsiblePhoneSealed);
        // The same number: a change seals it again under a fresh nonce, so its keyed hash and mask are what must not move.
        Assert.NotNull(after.ResponsiblePhoneSealed);
        Assert.Equal((before.ResponsiblePhoneHash, before.ResponsiblePhoneMasked), (after.ResponsiblePhoneHash, after.ResponsiblePhoneMasked));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task SavingAHouseFromItsPageKeepsTheOwnersPhone(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var created = await worker.PostAsJsonAsync("/api/houses", new
        {
            ownerName = "房东乙", ownerPhone = "13700137000", use = "SelfOccupied", address = new { road = "矿工路", doorNumber = Door(), gridId = grid },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var before = await app.WithDbAsync(db => db.Set<House>().AsNoTracking().SingleAsync(h => h.Id == id));

        var html = await PostPageFormAsync(worker, $"/register/houses/{id}", "house", new()
        {
            ["House.OwnerName"] = "房东丙", ["House.OwnerPhone"] = "", ["House.Use"] = "SelfOccupied",
        });

        Assert.Contains("class=\"ok\"", html, StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Set<House>().AsNoTracking().SingleAsync(h => h.Id == id));
        Assert.Equal("房东丙", after.OwnerName);
        Assert.NotNull(before.OwnerPhoneSealed);
        Assert.NotNull(after.OwnerPhoneSealed);
        Assert.Equal((before.OwnerPhoneHash, before.OwnerPhoneMasked), (after.OwnerPhoneHash, after.OwnerPhoneMasked));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task SavingAResidentFromItsPageKeepsTheIdNumberAndPhoneItDidNotTouch(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var id = (await CollectAsync(worker, Resident(grid, "周敏", NewIdNumber(), new { phone = "13600136000" }))).GetProperty("id").GetInt32();
        var before = await app.WithDbAsync(db => db.Set<Resident>().AsNoTracking().SingleAsync(r => r.Id == id));

        var html = await PostPageFormAsync(worker, $"/register/residents/{id}", "change", new()
        {
            ["Change.Name"] = "周敏敏", ["Change.IdNumber"] = "", ["Change.Phone"] = "", ["Change.HouseholdType"] = "Registered",
        });
        Assert.Contains("class=\"ok\"", html, StringComparison.Ordinal);
        var renamed = await app.WithDbAsync(db => db.Set<Resident>().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal("周敏敏", renamed.Name);
        Assert.NotNull(before.IdNumberSealed);
        Assert.NotNull(before.PhoneSealed);
        Assert.Equal((before.IdNumberHash, before.IdNumberMasked), (renamed.IdNumberHash, renamed.IdNumberMasked));
        Assert.Equal((before.PhoneHash, before.PhoneMasked), (renamed.PhoneHash, renamed.PhoneMasked));

        // Retyping one sealed number changes that one and keeps the other.
        await PostPageFormAsync(worker, $"/register/residents/{id}", "change", new()
        {
            ["Change.Name"] = "周敏敏", ["Change.IdNumber"] = "", ["Change.Phone"] = "13600136001", ["Change.HouseholdType"] = "Registered",
        });
        var rephoned = await app.WithDbAsync(db => db.Set<Resident>().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((before.IdNumberHash, before.IdNumberMasked), (rephoned.IdNumberHash, rephoned.IdNumberMasked));
        Assert.Equal("136****6001", rephoned.PhoneMasked);
    }

    /// <summary>Posts the named server-rendered form of a page as a browser would: its handler and antiforgery token.</summary>
    static async Task<string> PostPageFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(path, content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    static string Door() => Guid.NewGuid().ToString("N")[..6];

    static string NewCreditCode()
    {
        var tail = string.Concat(Guid.NewGuid().ToString("N").ToUpperInvariant().Where(c => c is not ('I' or 'O' or 'Z' or 'S' or 'V')).Take(7));
        var first17 = $"91410402MA{tail}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
