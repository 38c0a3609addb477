using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

/// <summary>
/// A masked ID number cannot be rebuilt from what is shown or stored beside it (issue 8, finding 2): over every answer,
/// export, history and table row that carries one, at least a hundred ID numbers fit what is visible together.
/// </summary>
[Collection(RegisterData.Name)]
public partial class MaskedNumbersTests(RegisterApps apps)
{
    const int AtLeast = 100;

    [Fact]
    public void TheCounterFindsThatTheOldMaskBesideABirthDateLeavesOneCandidate()
    {
        var today = new DateOnly(2026, 11, 27);
        Assert.Equal(1, IdCandidates.Count("410402********031X", new DateOnly(1985, 3, 12), today));
        Assert.InRange(IdCandidates.Count("410402********031X", null, today), AtLeast, long.MaxValue);
        Assert.Equal(500, IdCandidates.Count(IdNumber.Mask("41040219850312031X"), new DateOnly(1985, 3, 12), today));
        Assert.Equal("410402************", IdNumber.Mask("41040219850312031X"));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task NoAnswerExportHistoryOrTableRowNarrowsAMaskedNumberToFewerThanAHundred(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var officer = await app.SignInAsync("officer");
        var grid = await UnitOfAsync(app, "gridworker1");
        var idNumber = NewIdNumber();
        var born = DateOnly.ParseExact(idNumber[6..14], "yyyyMMdd", CultureInfo.InvariantCulture);
        // Moved in on the day they were born: a date field that gives the birth date away must not matter either.
        var id = (await CollectAsync(worker, Resident(grid, "慕容秋", idNumber, new { phone = "13800138000", residentSince = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })))
            .GetProperty("id").GetInt32();
        var change = Assert.Single((await officer.GetFromJsonAsync<JsonElement>("/api/register/queue")).EnumerateArray(), c => c.GetProperty("recordId").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/register/changes/{change.GetProperty("id").GetInt64()}/verify", null)).StatusCode);
        var duplicate = await worker.PostAsJsonAsync("/api/residents", Resident(grid, "慕容秋", idNumber));
        var changed = await worker.PutAsJsonAsync($"/api/residents/{id}", Resident(grid, "慕容秋", NewIdNumber()));
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);

        var answers = new Dictionary<string, string>
        {
            ["list"] = await worker.GetStringAsync("/api/residents?q=慕容秋"),
            ["details"] = await worker.GetStringAsync($"/api/residents/{id}"),
            ["officer details"] = await officer.GetStringAsync($"/api/residents/{id}"),
            ["queue"] = await officer.GetStringAsync("/api/register/queue"),
            ["all residents"] = await worker.GetStringAsync("/api/residents?pageSize=200"),
            ["duplicate pointer"] = await duplicate.Content.ReadAsStringAsync(),
        };
        var export = await (await worker.PostAsJsonAsync("/api/register/exports", new { q = "慕容秋" })).Content.ReadFromJsonAsync<JsonElement>();
        var file = await worker.GetAsync($"/api/register/exports/{export.GetProperty("id").GetInt64()}/file");
        answers["export"] = string.Join("\n", LedgerFile.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync()))!.Select(r => string.Join(",", r.Fields)));
        answers["residents table"] = await RawAsync(app, "SELECT id_number_masked, CAST(birth_date AS TEXT), CAST(resident_since AS TEXT), sex FROM residents");
        answers["register_changes table"] = await RawAsync(app, "SELECT changes, proposed FROM register_changes");

        var today = Web.Shared.ChinaTime.Today(TimeProvider.System);
        foreach (var (where, text) in answers)
        {
            var masks = Masked().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(masks.Count > 0, $"{where}: no masked number found");
            var dates = Dates().Matches(text).Select(m => DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToList();
            foreach (var mask in masks)
            {
                // Any date beside the mask may be the birth date; the fewest candidates over all of them must still be many.
                var fewest = dates.Select(d => (DateOnly?)d).Append(null).Min(d => IdCandidates.Count(mask, d, today, stopAt: AtLeast));
                Assert.True(fewest >= AtLeast, $"{where}: {mask} with the dates beside it leaves {fewest} candidates");
            }
            Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        }
    }

    static async Task<string> RawAsync(ProductApp app, string sql) => await app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return string.Join("\n", lines);
    });

    [GeneratedRegex(@"(?<![0-9X*])(?=[0-9X]{0,17}\*)[0-9X*]{18}(?![0-9X*])")]
    private static partial Regex Masked();

    [GeneratedRegex(@"(?<!\d)(1[89]|20)\d{2}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex Dates();
}

/// <summary>
/// How many GB 11643 numbers fit a masked number and a birth date seen beside it: hidden digits enumerated, keeping those
/// with a real birth date (1900 to today) and the right check character. The sex (the parity of digit 17) is taken as
/// known, since rows show it.
/// </summary>
public static class IdCandidates
{
    public static long Count(string masked, DateOnly? birthDate, DateOnly today, long stopAt = long.MaxValue)
    {
        Assert.Equal(18, masked.Length);
        long count = 0;
        var sequenceHidden = masked[14..17].All(c => c == '*');
        for (var day = birthDate ?? new DateOnly(1900, 1, 1); day <= (birthDate ?? today); day = day.AddDays(1))
        {
            var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (Enumerable.Range(0, 8).Any(i => masked[6 + i] != '*' && masked[6 + i] != date[i]))
                continue;
            if (sequenceHidden && masked[17] == '*')
                count += 500;
            else
            {
                for (var sequence = 0; sequence < 1000; sequence++)
                {
                    var digits = sequence.ToString("D3", CultureInfo.InvariantCulture);
                    if (Enumerable.Range(0, 3).Any(i => masked[14 + i] != '*' && masked[14 + i] != digits[i]) || (masked[16] == '*' && sequence % 2 == 0))
                        continue;
                    var first17 = masked[..6] + date + digits;
                    if (masked[17] == '*' || IdNumber.CheckCharacter(first17) == masked[17])
                        count++;
                }
            }
            if (count >= stopAt)
                return count;
        }
        return count;
    }
}
